// The deployment environment Convex Auth needs on the local backend: an RS256 key pair in Convex
// Auth's format (JWT_PRIVATE_KEY: PKCS#8 PEM with its newlines as spaces; JWKS: the public key
// as {"keys":[{"use":"sig",...}]}) and the one-time code that creates the first administrator.
// Generated once per PC and kept owner-only in the app data folder, so the keys (and every
// session signed with them) survive restarts.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_SETUP_CODE_LENGTH, MIN_SETUP_CODE_LENGTH, setupCodeFromBytes } from '../../../shared/domain/setupCode';

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
    KAFKASDER_SETUP_CODE: newSetupCode(),
  };
}

export function newSetupCode(): string {
  return setupCodeFromBytes(randomBytes(GENERATED_SETUP_CODE_LENGTH));
}

export function loadOrCreateSecrets(dataDir: string): DeploymentSecrets {
  const file = join(dataDir, FILE);
  let stored: Partial<DeploymentSecrets> = {};
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<DeploymentSecrets>;
  } catch {
    // None yet (or unreadable): make new ones.
  }
  if (!stored.JWT_PRIVATE_KEY || !stored.JWKS) return writeSecrets(file, dataDir, generateSecrets());
  if ((stored.KAFKASDER_SETUP_CODE?.length ?? 0) >= MIN_SETUP_CODE_LENGTH) return stored as DeploymentSecrets;
  // A code stored by an older version (12 characters) is shorter than the server accepts: keep the
  // keys (and every session signed with them), make the code anew.
  return writeSecrets(file, dataDir, { JWT_PRIVATE_KEY: stored.JWT_PRIVATE_KEY, JWKS: stored.JWKS, KAFKASDER_SETUP_CODE: newSetupCode() });
}

function writeSecrets(file: string, dataDir: string, secrets: DeploymentSecrets): DeploymentSecrets {
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
