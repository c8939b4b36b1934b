// Assembles the application core that the Electron main process and the web bridge drive:
// the handler table behind `dispatch`, the job runner and the event bus.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Gateway } from '../core/backend/gateway';
import { createAppFeature } from './app/appFeature';
import { createAuthFeature } from './auth/authFeature';
import { AuthSession, type RefreshTokenStore } from '../core/session/authSession';
import { sealedTokenStore } from '../core/session/sealedTokenStore';
import { refusedSessionsEnd } from '../core/session/sessionGateway';
import { createExportsFeature } from './exports/exportsFeature';
import { createImportsFeature } from './imports/importsFeature';
import { createKvkkFeature } from './kvkk/kvkkFeature';
import { watchInbox } from './messaging/inboxWatcher';
import { Messaging, type MessagingOptions } from './messaging/messaging';
import { createMessagingFeature } from './messaging/messagingFeature';
import { createRecordsFeature } from './records/recordsFeature';
import { plainSecretBox, type SecretBox } from '../core/storage/secretBox';
import { createSettingsFeature } from './settings/settingsFeature';
import type { SettingsStore } from '../core/storage/settingsStore';
import { createDispatch, type Dispatch } from '../core/dispatch';
import { EventBus } from '../core/eventBus';
import { JobRunner } from '../core/jobRunner';
import { startRetention } from '../core/retention';
import type { BackendInfo, CoreServices, FileAccess, HostCapabilities } from '../core/services';

export interface CoreOptions {
  host: 'electron' | 'web';
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

/**
 * Where messaging settings live. Demo data (a throw-away demo deployment) gets a folder of its own,
 * emptied at start and removed at close: its outbox worker only sends with settings entered in this
 * session, never with the ones saved for the association's real deployment.
 */
function messagingDir(options: CoreOptions): string {
  return options.backend.kind === 'memory' ? join(options.dataDir, 'demo-session-messaging') : options.dataDir;
}

export function createCore(options: CoreOptions): Core {
  const bus = new EventBus();
  const backendKey = options.backend.url ?? options.backend.kind;
  // In-memory data dies with the process, so its sessions are never persisted.
  const auth = new AuthSession(
    options.gateway,
    options.tokenStore ??
      sealedTokenStore(options.backend.kind === 'memory' ? plainSecretBox : (options.secretBox ?? plainSecretBox), options.dataDir, backendKey),
  );
  const profileId = () => auth.user()?.id ?? null;
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
    profileId,
  };
  // The app shell shows "cannot reach the server" while the connection is down.
  const unwatchConnection = options.gateway.onConnectionChange?.((status) => bus.emit('connectionState', status));
  const background = options.background ?? true;
  // Follows the acting profile's unread count (badge, OS notification, renderer event).
  const inbox = background ? watchInbox(services) : undefined;
  if (options.backend.kind === 'memory') rmSync(messagingDir(options), { recursive: true, force: true });
  const messaging = new Messaging({
    ...options.messaging,
    dataDir: messagingDir(options),
    box: options.secretBox ?? plainSecretBox,
    gateway: services.gateway,
    onProblem: (problem) => bus.emit('messagingProblem', { problem }),
  });
  // The outbox worker claims and reports deliveries as the signed-in person, so it runs only while
  // someone who may send (personel, yonetici) is signed in on this PC (and only for the channels
  // this PC can send); another person signing in gets a fresh worker, heartbeat and status.
  let dispatchingFor: string | null = null;
  auth.onChange((state) => {
    const user = state.status === 'signedIn' ? state.user : null;
    bus.emit('authChanged', { user, reason: state.status === 'signedOut' ? state.reason : 'none' });
    inbox?.refresh();
    const sender = background && user !== null && user.role !== 'gozlemci' ? user.id : null;
    if (sender !== dispatchingFor) void messaging.setActive(sender !== null);
    dispatchingFor = sender;
  });
  // Personal data kept on this PC goes once older than the setting: now, then daily.
  const retention = background ? startRetention(options.dataDir, () => options.settings.get().retentionDays) : undefined;
  // Each feature brings its handlers and jobs; the app feature's startJob and cancelJob drive the
  // runner built from all the jobs.
  const settings = createSettingsFeature(services);
  const records = createRecordsFeature(services);
  const signIn = createAuthFeature(services, { setupCode: options.setupCode });
  const importing = createImportsFeature(services);
  const exporting = createExportsFeature(services);
  const messagingFeature = createMessagingFeature(services, messaging);
  const kvkk = createKvkkFeature(services);
  const jobs = new JobRunner({ ...importing.jobs, ...exporting.jobs, ...messagingFeature.jobs }, bus);
  const app = createAppFeature(services, jobs);
  const dispatch = createDispatch({
    ...app.handlers,
    ...settings.handlers,
    ...records.handlers,
    ...signIn.handlers,
    ...importing.handlers,
    ...exporting.handlers,
    ...messagingFeature.handlers,
    ...kvkk.handlers,
  });
  return {
    dispatch,
    bus,
    jobs,
    services,
    close: async () => {
      retention?.stop();
      await jobs.cancelAll();
      await auth.close();
      unwatchConnection?.();
      inbox?.close();
      await messaging.close();
      if (options.backend.kind === 'memory') rmSync(messagingDir(options), { recursive: true, force: true });
      await options.gateway.close();
    },
  };
}
