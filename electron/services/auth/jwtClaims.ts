// Reading a token's claims (expiry, subject) without checking its signature: the deployment
// checks signatures; the client only needs to know when to refresh. Kept apart so the check
// worker's imports stay free of the backend.

/** The claims of a JWT (no signature check). */
export function decodeJwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}
