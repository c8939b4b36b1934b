// Assembles the application core that the hosts (Electron main, the web bridge, the CLI) drive:
// the session, each feature (features/<name>/), the handler table behind `dispatch`, the job
// runner and the event bus; starts the features' background work and closes them in turn.
import type { Gateway } from '../core/backend/gateway';
import { createAppFeature } from './app/appFeature';
import { createAuthFeature } from './auth/authFeature';
import { AuthSession, type RefreshTokenStore } from '../core/session/authSession';
import { hostTokenStore } from '../core/session/sealedTokenStore';
import { refusedSessionsEnd } from '../core/session/sessionGateway';
import { createExportsFeature } from './exports/exportsFeature';
import { createImportsFeature } from './imports/importsFeature';
import { createKvkkFeature } from './kvkk/kvkkFeature';
import { createRetentionFeature } from './retention/retentionFeature';
import type { MessagingOptions } from './messaging/messaging';
import { createMessagingFeature } from './messaging/messagingFeature';
import { createRecordsFeature } from './records/recordsFeature';
import { plainSecretBox, type SecretBox } from '../core/storage/secretBox';
import { createSettingsFeature } from './settings/settingsFeature';
import type { SettingsStore } from '../core/storage/settingsStore';
import { createDispatch, type Dispatch } from '../core/dispatch';
import { EventBus } from '../core/eventBus';
import { JobRunner } from '../core/jobRunner';
import type { BackendInfo } from '../core/backend/resolveBackend';
import type { CoreServices, FileAccess, HostCapabilities } from '../core/services';
import type { HostKind } from '../../shared/domain/vocabularies';

export interface CoreOptions {
  host: HostKind;
  version: string;
  backend: BackendInfo;
  gateway: Gateway;
  settings: SettingsStore;
  dataDir: string;
  files: FileAccess;
  hostCapabilities?: HostCapabilities;
  /** How messaging secrets are sealed at rest: safeStorage on the desktop, a labelled plain box elsewhere. */
  secretBox?: SecretBox;
  /** Where the refresh token rests; default: sealed with `secretBox` if it is the OS keychain, else memory. */
  tokenStore?: RefreshTokenStore;
  /** The first-administrator setup code the launcher passed (KAFKASDER_SETUP_CODE), if any. */
  setupCode?: string;
  /**
   * Work that runs while the app is open (outbox dispatcher, inbox watch, retention sweep); default
   * true. The CLI runs one command and leaves: it must not send the office's messages.
   */
  background?: boolean;
  /** How this PC's messages leave (tests point SMTP and Twilio at loopback peers; the worker's timing). */
  messaging?: Pick<MessagingOptions, 'email' | 'sms' | 'outboxWorker'>;
}

export interface Core {
  dispatch: Dispatch;
  bus: EventBus;
  jobs: JobRunner;
  services: CoreServices;
  close(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const bus = new EventBus();
  const box = options.secretBox ?? plainSecretBox;
  const auth = new AuthSession(options.gateway, options.tokenStore ?? hostTokenStore(box, options.dataDir, options.backend));
  const services: CoreServices = {
    host: options.host,
    version: options.version,
    backend: options.backend,
    gateway: refusedSessionsEnd(options.gateway, auth),
    auth,
    settings: options.settings,
    bus,
    dataDir: options.dataDir,
    files: options.files,
    hostCapabilities: options.hostCapabilities ?? {},
    profileId: () => auth.user()?.id ?? null,
  };
  const settings = createSettingsFeature(services);
  const records = createRecordsFeature(services);
  const signIn = createAuthFeature(services, { setupCode: options.setupCode });
  const importing = createImportsFeature(services);
  const exporting = createExportsFeature(services);
  const messaging = createMessagingFeature(services, { box, messaging: options.messaging });
  const kvkk = createKvkkFeature(services);
  const retention = createRetentionFeature(services);
  const jobs = new JobRunner({ ...importing.jobs, ...exporting.jobs, ...messaging.jobs }, bus);
  // The app feature's startJob and cancelJob drive the runner built from all the jobs.
  const app = createAppFeature(services, jobs, options.gateway);
  const features = [app, settings, records, signIn, importing, exporting, messaging, kvkk, retention];
  const dispatch = createDispatch({
    ...app.handlers,
    ...settings.handlers,
    ...records.handlers,
    ...signIn.handlers,
    ...importing.handlers,
    ...exporting.handlers,
    ...messaging.handlers,
    ...kvkk.handlers,
    ...retention.handlers,
  });
  // Background work (the outbox worker, the inbox watch, the retention sweep) only on hosts that keep running.
  if (options.background ?? true) for (const f of features) f.start?.(auth);
  return {
    dispatch,
    bus,
    jobs,
    services,
    close: async () => {
      await jobs.cancelAll();
      await auth.close();
      for (const f of [...features].reverse()) await f.close?.();
      await options.gateway.close();
    },
  };
}
