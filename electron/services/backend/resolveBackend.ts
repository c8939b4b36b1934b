// Where the data lives: an explicit deployment URL (environment, then Settings), else the local
// Convex backend the launcher started (recorded by the Convex CLI in .env.local).
import { existsSync, readFileSync } from 'node:fs';
import type { BackendInfo } from '../core/services';

export function readEnvFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m?.[1]) out[m[1]] = (m[2] ?? '').replace(/^["']|["']$/g, '');
  }
  return out;
}

/** A deployment in .env.local that the Convex CLI runs on this PC (it must be started first). */
export const isLocalDeployment = (envLocal: Record<string, string>): boolean =>
  /^(local|anonymous):/.test(envLocal.CONVEX_DEPLOYMENT ?? '');

export function resolveBackend(options: {
  env: NodeJS.ProcessEnv;
  settingsUrl: string | null;
  envLocal: Record<string, string>;
}): BackendInfo | null {
  const fromEnv = options.env.CONVEX_URL;
  if (fromEnv) return { kind: 'convex', url: fromEnv, source: isLocalDeployment(options.envLocal) ? 'local' : 'env' };
  if (options.settingsUrl) return { kind: 'convex', url: options.settingsUrl, source: 'settings' };
  const fromFile = options.envLocal.CONVEX_URL;
  if (fromFile) return { kind: 'convex', url: fromFile, source: isLocalDeployment(options.envLocal) ? 'local' : 'env' };
  return null;
}
