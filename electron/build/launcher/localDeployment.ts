// What the Convex CLI records about the local backend it runs for this project
// (convex/src/cli/lib/localDeployment/filePaths.ts, lib/envvars.ts), and how to tell whether that
// backend still answers.
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { envFileDeploymentUrl, readEnvFile } from '../../core/backend/resolveBackend';
import { isAlive, listProcesses, terminate, waitUntil, type ProcessInfo } from './processes';

/** `.convex/local/default/`: the project-local state folder of the anonymous deployment. */
export const deploymentDir = (root: string): string => join(root, '.convex', 'local', 'default');

export interface LocalDeploymentConfig {
  ports: { cloud: number; site: number };
  backendVersion: string;
  deploymentName?: string;
}

export function readLocalConfig(root: string): LocalDeploymentConfig | null {
  try {
    const config = JSON.parse(readFileSync(join(deploymentDir(root), 'config.json'), 'utf8')) as LocalDeploymentConfig;
    return typeof config.ports?.cloud === 'number' ? config : null;
  } catch {
    return null;
  }
}

/** The URL the CLI wrote to .env.local (VITE_CONVEX_URL with vite), else the port in config.json. */
export function recordedUrl(root: string): string | null {
  const fromEnvFile = envFileDeploymentUrl(readEnvFile(join(root, '.env.local')));
  if (fromEnvFile) return fromEnvFile;
  const config = readLocalConfig(root);
  return config ? `http://127.0.0.1:${config.ports.cloud}` : null;
}

/** The binary the CLI downloaded for a backend version (lib/localDeployment/filePaths.ts, utils.ts cacheDir). */
export function cachedBackendBinary(version: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  const cache =
    platform === 'win32'
      ? join(env.LOCALAPPDATA ?? join(env.USERPROFILE ?? home, 'AppData', 'Local'), 'convex')
      : join(home, '.cache', 'convex');
  return join(cache, 'binaries', version, platform === 'win32' ? 'convex-local-backend.exe' : 'convex-local-backend');
}

export const backendIsCached = (version: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean =>
  existsSync(cachedBackendBinary(version, env, platform));

/** The backend's own name check (GET /instance_name), as the CLI's run.ts does it. */
export async function instanceName(url: string, timeoutMs = 2000): Promise<string | null> {
  try {
    const resp = await fetch(`${url}/instance_name`, { signal: AbortSignal.timeout(timeoutMs) });
    return resp.ok ? await resp.text() : null;
  } catch {
    return null;
  }
}

/** Backend processes of this project: the CLI passes them a path inside its state folder. */
export function ourBackendProcesses(root: string, platform: NodeJS.Platform = process.platform): ProcessInfo[] {
  const dir = deploymentDir(root);
  return listProcesses(platform).filter((p) => p.command.includes('convex-local-backend') && p.command.includes(dir));
}

/**
 * A backend of ours left running (its CLI crashed or was killed without SIGINT) keeps the port and
 * makes the next `convex dev` refuse to start. Stops it; 'none' when nothing of ours answers.
 */
export async function stopLeftoverBackend(
  root: string,
  platform: NodeJS.Platform = process.platform,
): Promise<'none' | 'stopped' | 'unstoppable'> {
  const config = readLocalConfig(root);
  const running = ourBackendProcesses(root, platform);
  const url = config ? `http://127.0.0.1:${config.ports.cloud}` : null;
  const answers = url && config?.deploymentName ? (await instanceName(url)) === config.deploymentName : false;
  if (running.length === 0) return answers ? 'unstoppable' : 'none';
  for (const p of running) await terminate(p.pid, platform);
  const gone = await waitUntil(async () => !url || (await instanceName(url, 500)) === null, 5000);
  return gone && ourBackendProcesses(root, platform).length === 0 ? 'stopped' : 'unstoppable';
}

/**
 * What in this folder's `.env.local` or `.env` would make the Convex CLI pick a deployment other
 * than the anonymous local one: it loads both files itself (lib/deploymentSelection.ts), whatever
 * environment the launcher hands it. Names only (with the file); a key's value is never shown.
 */
export function deploymentSelectedByFiles(root: string): string[] {
  const found: string[] = [];
  for (const file of ['.env.local', '.env']) {
    const vars = readEnvFile(join(root, file));
    for (const name of ['CONVEX_DEPLOY_KEY', 'CONVEX_DEPLOYMENT_TOKEN', 'CONVEX_SELF_HOSTED_URL', 'CONVEX_SELF_HOSTED_ADMIN_KEY']) {
      if (vars[name]) found.push(`${name} (${file})`);
    }
    if (vars.CONVEX_DEPLOYMENT && !vars.CONVEX_DEPLOYMENT.startsWith('anonymous:')) found.push(`CONVEX_DEPLOYMENT=${vars.CONVEX_DEPLOYMENT} (${file})`);
  }
  return found;
}

const lockFile = (root: string) => join(deploymentDir(root), 'launcher.lock');

/**
 * The local backend belongs to one launcher at a time: a lock file in the deployment's folder
 * names the launcher's process. Returns its release, or the pid of the live launcher holding it.
 * A lock whose launcher is gone (killed, crashed) is taken over.
 */
export function takeLauncherLock(root: string): { release(): void } | { heldBy: number } {
  const file = lockFile(root);
  mkdirSync(deploymentDir(root), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, startedAt: Date.now() }), { flag: 'wx' });
      return {
        release: () => {
          try {
            if ((JSON.parse(readFileSync(file, 'utf8')) as { pid?: number }).pid === process.pid) unlinkSync(file);
          } catch {
            // Already gone.
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
    }
    let holder: number | undefined;
    try {
      holder = (JSON.parse(readFileSync(file, 'utf8')) as { pid?: number }).pid;
    } catch {
      // Half-written or unreadable: nobody can be relying on it.
    }
    if (holder !== undefined && isAlive(holder)) return { heldBy: holder };
    unlinkSync(file);
  }
}
