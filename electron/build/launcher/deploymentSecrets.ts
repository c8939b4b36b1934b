// The deployment environment Convex Auth needs on the local backend (deploymentKeys.ts), generated
// once per PC and kept owner-only in the app data folder, so the keys (and every session signed
// with them) survive restarts.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIN_SETUP_CODE_LENGTH } from '../../../shared/domain/setupCode';
import { generateSecrets, newSetupCode, type DeploymentSecrets } from '../../core/session/deploymentKeys';
import { SESSION_ENV } from '../../../shared/domain/sessions';

export type { DeploymentSecrets };

const FILE = 'local-backend-secrets.json';

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
  // The session lengths travel with the keys, so a local backend ends sessions as a shared one does.
  for (const [name, value] of Object.entries({ ...secrets, ...SESSION_ENV })) {
    const current = await runCli(['env', 'get', name]);
    if (current.code === 0 && current.stdout.trim() === value) continue;
    const set = await runCli(['env', 'set', name], value);
    if (set.code !== 0) throw new Error(`convex env set ${name} exited ${set.code}: ${set.stderr.trim().slice(-500)}`);
    changed.push(name);
  }
  return changed;
}
