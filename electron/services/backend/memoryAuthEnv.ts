// The in-memory backend runs Convex Auth in this process, so the deployment variables it reads
// (JWT_PRIVATE_KEY, JWKS, CONVEX_SITE_URL) must be in this process's environment. A key pair is
// made once per process and never written anywhere: in-memory sessions die with the process.
import { generateKeyPairSync } from 'node:crypto';

export function ensureMemoryAuthEnv(): void {
  if (process.env.JWT_PRIVATE_KEY && process.env.JWKS && process.env.CONVEX_SITE_URL) return;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  process.env.JWT_PRIVATE_KEY = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  process.env.JWKS = JSON.stringify({ keys: [{ use: 'sig', alg: 'RS256', kty: jwk.kty, n: jwk.n, e: jwk.e }] });
  process.env.CONVEX_SITE_URL = 'https://in-memory.kafkasder.invalid';
  process.env.AUTH_LOG_LEVEL ??= 'ERROR';
}
