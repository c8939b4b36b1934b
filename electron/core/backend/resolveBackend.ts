// Where the data lives: an explicit deployment URL (environment, then Settings, then a cloud or
// self-hosted deployment recorded in .env.local by the Convex CLI), else nothing (the installed
// app then asks for the association's server). The local backend `npm start` runs is handed over
// by the launcher in CONVEX_URL with KAFKASDER_LOCAL_BACKEND=1.
import { existsSync, readFileSync } from 'node:fs';
import { normalizeBackendUrl } from '../../../shared/domain/backendUrl';
import type { BackendKind, BackendUrlSource } from '../../../shared/domain/vocabularies';

export interface BackendInfo {
  kind: BackendKind;
  url?: string;
  /** 'none': the desktop app has no deployment yet (it asks for one on its first-run screen). */
  source: BackendUrlSource;
  /** A demo deployment's accounts, as it printed them (DEMO_ACCOUNT lines): the sign-in page lists them. */
  demoAccounts?: { role: 'yonetici' | 'personel' | 'gozlemci'; email: string; password: string }[];
}

export { backendUrlProblem } from '../../../shared/domain/backendUrl';

export function readEnvFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m?.[1]) out[m[1]] = (m[2] ?? '').replace(/\s+#.*$/, '').replace(/^["']|["']$/g, '');
  }
  return out;
}

/** The names the Convex CLI writes the deployment URL under (convex/src/cli/lib/envvars.ts); with
 * vite among the dependencies it is VITE_CONVEX_URL. */
const CLI_URL_NAMES = ['VITE_CONVEX_URL', 'CONVEX_URL', 'PUBLIC_CONVEX_URL', 'NEXT_PUBLIC_CONVEX_URL', 'REACT_APP_CONVEX_URL', 'EXPO_PUBLIC_CONVEX_URL'];

export const envFileDeploymentUrl = (envLocal: Record<string, string>): string | undefined =>
  CLI_URL_NAMES.map((name) => envLocal[name]).find((url) => !!url);

/** A deployment in .env.local that the Convex CLI runs on this PC (it must be started first). */
export const isLocalDeployment = (envLocal: Record<string, string>): boolean =>
  /^(local|anonymous):/.test(envLocal.CONVEX_DEPLOYMENT ?? '');

export function resolveBackend(options: {
  env: NodeJS.ProcessEnv;
  settingsUrl: string | null;
  /** .env.local of the working folder; the packaged app passes {} (it has no project folder). */
  envLocal: Record<string, string>;
}): BackendInfo | null {
  const fromEnv = options.env.CONVEX_URL;
  if (fromEnv) return { kind: 'convex', url: normalizeBackendUrl(fromEnv), source: options.env.KAFKASDER_LOCAL_BACKEND === '1' ? 'local' : 'env' };
  if (options.settingsUrl) return { kind: 'convex', url: normalizeBackendUrl(options.settingsUrl), source: 'settings' };
  const fromFile = envFileDeploymentUrl(options.envLocal);
  if (fromFile && !isLocalDeployment(options.envLocal)) return { kind: 'convex', url: normalizeBackendUrl(fromFile), source: 'env' };
  return null;
}
