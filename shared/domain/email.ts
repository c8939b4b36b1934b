// A pragmatic address check: one @, no spaces, a dotted domain of letters, digits and hyphens.
const EMAIL = /^[^\s@"<>(),;:\\[\]]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}$/u;

// The same pattern for ASCII-only text, where \p{L} is [A-Za-z], \p{N} is [0-9] and \s is
// [\t-\r ]; the non-Unicode form runs several times faster.
const EMAIL_ASCII = /^[^\t-\r @"<>(),;:\\[\]]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

export function isValidEmail(s: string): boolean {
  if (typeof s !== 'string' || s.length > 254) return false;
  if (!(isAscii(s) ? EMAIL_ASCII : EMAIL).test(s)) return false;
  const local = s.slice(0, s.lastIndexOf('@'));
  return local.length <= 64 && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

/** Stored form: trimmed and lower-cased (addresses are matched case-insensitively in practice). */
export function normalizeEmail(s: string): string {
  return s.trim().toLowerCase();
}
