// Which Convex URLs the app may use. Personal data never travels in clear text: https, or http
// only to this PC itself (the local backend `npm start` runs).
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function backendUrlProblem(url: string): 'invalid' | 'not-https' | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'invalid';
  }
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:') return LOOPBACK.has(parsed.hostname) ? null : 'not-https';
  return 'invalid';
}

/**
 * A server URL as the app keeps it: trimmed, without trailing slashes. The Convex client appends
 * `/api/...` verbatim, so a pasted `https://host/` would call `https://host//api/query`.
 */
export const normalizeBackendUrl = (url: string): string => url.trim().replace(/\/+$/, '');
