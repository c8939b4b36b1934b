// A core over a demo deployment: the web mode's and the tests' rig. Without a backend URL it
// starts a rehearsal backend with the demo data (`--demo`, live/rehearsal) as a child process on a
// free loopback port and stops it when the core closes; either way the core talks to the backend
// through ConvexGateway, the real Convex client, as the desktop app does.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../../shared/domain/roles';
import type { HostKind } from '../../shared/domain/vocabularies';
import { spawnRehearsal, type DemoAccount, type RehearsalProcess } from '../../live/rehearsal/spawn';
import { backendTimeoutMs, ConvexGateway } from '../core/backend/convexGateway';
import { createCore, type Core } from '../features/createCore';
import type { BackendInfo } from '../core/backend/resolveBackend';
import { FileGrants } from '../core/fileGrants';
import { SettingsStore } from '../core/storage/settingsStore';
import { packageVersion } from '../core/packageVersion';
import { UploadStore } from './uploadStore';

export interface DemoCore {
  /** Its close() also stops the demo deployment this rig started. */
  core: Core;
  gateway: ConvexGateway;
  uploads: UploadStore;
  /** The deployment's demo accounts (from its DEMO_ACCOUNT lines); none over a deployment given by URL. */
  demoAccounts: DemoAccount[];
  /** The demo deployment this rig started (tests reach its admin endpoints); null otherwise. */
  rehearsal: RehearsalProcess | null;
}

/**
 * `dataDir` is always a folder of the caller's own (never the desktop app's): demo runs are
 * sandboxes. `signInAs`: the demo account the core starts signed in as (the CLI, tests); without
 * it the sign-in screen comes first, as in the app. `backendUrl`: an existing deployment instead
 * of a new demo one (two web hosts on one deployment are two office PCs). `demo`: a demo deployment
 * the caller started and stops (tests share one per file: starting one is the slow part).
 * `backendPort`: where the demo deployment this rig starts listens.
 */
export async function startDemoCore(options: {
  host: HostKind;
  dataDir: string;
  signInAs?: Role;
  backendUrl?: string;
  demo?: { url: string; demoAccounts: DemoAccount[] };
  /** The port of the demo deployment this rig starts (its site takes the next one); default any free port. */
  backendPort?: number;
}): Promise<DemoCore> {
  const dataDir = options.dataDir;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const rehearsal = options.backendUrl || options.demo ? null : await spawnRehearsal({ demo: true, port: options.backendPort ?? 0 });
  const demo = options.demo ?? rehearsal;
  const url = options.backendUrl ?? demo!.url;
  const demoAccounts = demo?.demoAccounts ?? [];
  // A demo deployment is a throw-away (memory only); one given by URL is a deployment.
  const backend: BackendInfo = demo ? { kind: 'memory', url, source: 'memory', demoAccounts } : { kind: 'convex', url, source: 'env' };
  const gateway = new ConvexGateway(url, { timeoutMs: backendTimeoutMs(process.env) });
  const uploads = new UploadStore(join(dataDir, 'web-uploads'));
  const core = createCore({
    host: options.host,
    version: packageVersion(),
    backend,
    gateway,
    settings: new SettingsStore(dataDir),
    dataDir,
    // The browser uploads and downloads; the CLI and tests (host 'electron') get desktop-style ids.
    files: options.host === 'web' ? uploads : new FileGrants(),
  });
  if (rehearsal) {
    const closeCore = core.close.bind(core);
    core.close = async () => {
      await closeCore();
      await rehearsal.stop();
    };
  }
  if (options.signInAs) {
    const account = demoAccounts.find((a) => a.role === options.signInAs);
    if (!account) throw new Error(`no demo account for ${options.signInAs} on ${url}`);
    await core.services.auth.signIn(account.email, account.password);
  }
  return { core, gateway, uploads, demoAccounts, rehearsal };
}
