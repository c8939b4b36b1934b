// The desktop app's core, assembled as the Electron main process runs it: the deployment chosen
// from the environment, the settings and (unpackaged) the project's .env.local; the launcher's
// setup code. Nothing here imports `electron`: main.ts hands in what only Electron has (the
// keychain, dialogs, notifications), and the journey tests hand in stand-ins for exactly those.
import { join } from 'node:path';
import { backendTimeoutMs, ConvexGateway } from '../core/backend/convexGateway';
import { noBackend } from '../core/backend/noBackend';
import { backendUrlProblem, readEnvFile, resolveBackend } from '../core/backend/resolveBackend';
import { createCore, type Core, type CoreOptions } from '../features/createCore';
import { FileGrants } from '../core/fileGrants';
import { SettingsStore } from '../core/storage/settingsStore';

export interface DesktopCoreOptions {
  env: NodeJS.ProcessEnv;
  /** The HTTP fetch for the version handshake, sign-in and refresh (the desktop's net.fetch); Node's own when left out. */
  fetch?: typeof fetch;
  dataDir: string;
  version: string;
  /** An installed app has no project folder: a stray .env.local in the working folder must not redirect it. */
  isPackaged: boolean;
  cwd: string;
  secretBox: NonNullable<CoreOptions['secretBox']>;
  hostCapabilities: (settings: SettingsStore) => NonNullable<CoreOptions['hostCapabilities']>;
  /** How this PC's messages leave; Electron leaves it out (the real SMTP and Twilio endpoints). */
  messaging?: CoreOptions['messaging'];
}

export function createDesktopCore(options: DesktopCoreOptions): { core: Core; files: FileGrants; settings: SettingsStore } {
  const settings = new SettingsStore(options.dataDir);
  const backend = resolveBackend({
    env: options.env,
    settingsUrl: settings.get().backendUrl,
    envLocal: options.isPackaged ? {} : readEnvFile(join(options.cwd, '.env.local')),
  });
  // No deployment, or one the URL rules refuse (cleartext http to another machine): nothing is
  // sent anywhere; the window shows the first-run / server screen instead of the app, over a
  // backend that refuses every call (it is never called).
  const gateway =
    backend?.url && !backendUrlProblem(backend.url) ? new ConvexGateway(backend.url, { timeoutMs: backendTimeoutMs(options.env), ...(options.fetch ? { fetch: options.fetch } : {}) }) : noBackend();
  // The renderer refers to files only by the ids these grants hand out.
  const files = new FileGrants();
  const core = createCore({
    host: 'electron',
    version: options.version,
    backend: backend ?? { kind: 'memory', source: 'none' },
    gateway,
    settings,
    dataDir: options.dataDir,
    files,
    secretBox: options.secretBox,
    hostCapabilities: { ...options.hostCapabilities(settings), ...(options.fetch ? { fetch: options.fetch } : {}) },
    ...(options.messaging ? { messaging: options.messaging } : {}),
    // The launcher passes the local backend's one-time code so the first-administrator form can use it.
    ...(options.env.KAFKASDER_SETUP_CODE ? { setupCode: options.env.KAFKASDER_SETUP_CODE } : {}),
  });
  return { core, files, settings };
}
