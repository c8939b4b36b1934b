// The deployment environment Convex Auth needs on the local backend: an RS256 key pair in Convex
// Auth's format (JWT_PRIVATE_KEY: PKCS#8 PEM with its newlines as spaces; JWKS: the public key
// as {"keys":[{"use":"sig",...}]}) and the one-time code that creates the first administrator.
// Generated once per PC and kept owner-only in the app data folder, so the keys (and every
// session signed with them) survive restarts.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DeploymentSecrets {
  JWT_PRIVATE_KEY: string;
  JWKS: string;
  KAFKASDER_SETUP_CODE: string;
}

const FILE = 'local-backend-secrets.json';

export function generateSecrets(): DeploymentSecrets {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    JWT_PRIVATE_KEY: pem.trimEnd().replace(/\n/g, ' '),
    JWKS: JSON.stringify({ keys: [{ use: 'sig', ...jwk }] }),
    // 12 characters from an unambiguous alphabet: typed by hand at most once.
    KAFKASDER_SETUP_CODE: Array.from(randomBytes(12), (b) => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[b % 32]).join(''),
  };
}

export function loadOrCreateSecrets(dataDir: string): DeploymentSecrets {
  const file = join(dataDir, FILE);
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<DeploymentSecrets>;
    if (stored.JWT_PRIVATE_KEY && stored.JWKS && stored.KAFKASDER_SETUP_CODE) return stored as DeploymentSecrets;
  } catch {
    // None yet (or unreadable): make new ones.
  }
  const secrets = generateSecrets();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(secrets), { mode: 0o600 });
  renameSync(tmp, file);
  return secrets;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Sets each variable on the deployment with `convex env set NAME` (value on stdin, so it never
 * shows in a process list) unless `convex env get NAME` already prints the same value.
 * Returns the names it set.
 */
export async function syncDeploymentEnv(
  secrets: DeploymentSecrets,
  runCli: (args: string[], stdin?: string) => Promise<CliResult>,
): Promise<string[]> {
  const changed: string[] = [];
  for (const [name, value] of Object.entries(secrets)) {
    const current = await runCli(['env', 'get', name]);
    if (current.code === 0 && current.stdout.trim() === value) continue;
    const set = await runCli(['env', 'set', name], value);
    if (set.code !== 0) throw new Error(`convex env set ${name} exited ${set.code}: ${set.stderr.trim().slice(-500)}`);
    changed.push(name);
  }
  return changed;
}
