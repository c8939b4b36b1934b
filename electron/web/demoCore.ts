// A core over the MemoryGateway with the seeded demo data: the web mode's and the CLI's `memory`
// backend, and the integration tests' rig.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { internal } from '../../convex/_generated/api';
import { MemoryGateway } from '../services/backend/memoryGateway';
import { createCore, type Core } from '../services/core/createCore';
import { FileGrants } from '../services/core/fileGrants';
import { SettingsStore } from '../services/settings/settingsStore';
import { packageVersion } from '../services/core/packageVersion';
import { UploadStore } from './uploadStore';

export interface DemoCore {
  core: Core;
  gateway: MemoryGateway;
  uploads: UploadStore;
}

/** `dataDir` is always a folder of the caller's own (never the desktop app's): demo runs are sandboxes. */
export async function startDemoCore(options: { host: 'web' | 'electron'; dataDir: string }): Promise<DemoCore> {
  const dataDir = options.dataDir;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const gateway = new MemoryGateway();
  const profileId = await gateway.mutation(internal.demo.seed, {});
  const uploads = new UploadStore(join(dataDir, 'web-uploads'));
  const core = createCore({
    host: options.host,
    version: packageVersion(),
    backend: { kind: 'memory', source: 'memory' },
    gateway,
    settings: new SettingsStore(dataDir),
    dataDir,
    defaultProfileId: profileId,
    // The browser uploads and downloads; the CLI and tests (host 'electron') get desktop-style ids.
    files: options.host === 'web' ? uploads : new FileGrants(),
  });
  return { core, gateway, uploads };
}
