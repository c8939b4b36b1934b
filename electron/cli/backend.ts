// The CLI's one backend rule, for every command that reaches data: --backend (a URL or
// `memory`), else what the app would find (CONVEX_URL, then .env.local in the working folder).
// Nothing found stops the command: writing into a throw-away demo database must be asked for.
// `memory` (development only: it needs this checkout) is a rehearsal backend with the demo data
// (live/rehearsal), started for the command and stopped after it; every backend is reached
// through ConvexGateway, the real client.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract/channels';
import type { EventPayload } from '../../shared/contract/events';
import type { JobInput, JobKind, JobResult } from '../../shared/contract/jobs';
import { memoryTokenStore } from '../core/session/authSession';
import type { Gateway } from '../core/backend/gateway';
import { noBackend } from '../core/backend/noBackend';
import { backendUrlProblem, readEnvFile, resolveBackend } from '../core/backend/resolveBackend';
import { normalizeBackendUrl } from '../../shared/domain/backendUrl';
import { AppError } from '../core/errors/appError';
import { createCore, type Core, type CoreOptions } from '../features/createCore';
import { FileGrants } from '../core/fileGrants';
import { packageVersion } from '../core/packageVersion';
import { sweepPersonalData } from '../core/retention';
import { appDataDir } from '../core/storage/appDataDir';
import { SettingsStore } from '../core/storage/settingsStore';
import type { CliArgs } from './args';
import { createSessionDir } from '../web/sessionDir';
import { needEmail, signInDemo, signInWith, staffPassword } from './signIn';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Relative paths and .env.local are taken from here (default: process.cwd()). */
  workDir?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * The demo deployment `--backend memory` uses. Left out (the command line), each command
   * starts a new one, stopped when the command ends; a caller running several commands (tests)
   * passes one it started to keep what an import wrote for the next command, e.g. its undo.
   */
  memory?: DemoDeployment;
}

/** A started demo deployment: its URL and the accounts it printed. */
export interface DemoDeployment {
  url: string;
  demoAccounts: readonly { role: string; email: string; password: string }[];
}

export interface CliBackend {
  /** The application core over this backend, signed in: commands dispatch its channels and run its jobs. */
  core: Core;
  /** The demo deployment (`--backend memory`), gone when the command ends. */
  memory: boolean;
  /** The core's folder: the app's own for a deployment (import journals and reports stay resumable). */
  dataDir: string;
  close(): Promise<void>;
}

/** The backend's URL (or 'memory') by the rule above; refuses none and cleartext to another machine. */
export function backendUrl(args: Pick<CliArgs, 'backend'>, io: CliIo): string {
  const given =
    args.backend ??
    resolveBackend({ env: io.env ?? process.env, settingsUrl: null, envLocal: readEnvFile(join(io.workDir ?? process.cwd(), '.env.local')) })?.url;
  const url = given === undefined || given === 'memory' ? given : normalizeBackendUrl(given);
  if (!url) throw new AppError('usage', 'No backend: pass --backend URL or --backend memory', 'Sunucu belirtilmedi: --backend URL ya da --backend memory verin');
  if (url === 'memory') return url;
  const problem = backendUrlProblem(url);
  if (problem === 'invalid') throw new AppError('usage', `--backend must be a URL or memory: ${url}`, `--backend bir URL ya da memory olmalı: ${url}`);
  if (problem === 'not-https') {
    throw new AppError(
      'usage',
      `--backend must be https (http only for a server on this PC): ${url}`,
      `--backend https olmalı (http yalnızca bu bilgisayardaki sunucu için): ${url}`,
    );
  }
  return url;
}

/** A command's core: no background work, tokens kept in memory only. */
function cliCore(gateway: Gateway, backend: CoreOptions['backend'], dataDir: string, settings = new SettingsStore(dataDir)): Core {
  return createCore({
    host: 'electron',
    version: packageVersion(),
    backend,
    gateway,
    settings,
    dataDir,
    files: new FileGrants(),
    tokenStore: memoryTokenStore(),
    background: false,
  });
}

/** The real client to a deployment, loaded only then. */
async function deploymentGateway(url: string, env: NodeJS.ProcessEnv): Promise<Gateway> {
  const { ConvexGateway, backendTimeoutMs } = await import('../core/backend/convexGateway');
  return new ConvexGateway(url, { timeoutMs: backendTimeoutMs(env) });
}

/** How long the version handshake waits for an answer before the command gives up on the server. */
const HANDSHAKE_TIMEOUT_MS = 10_000;

/**
 * The app's version handshake (meta:version over HTTP), before any WebSocket is opened: a server
 * that is off, refuses connections or runs other functions ends the command at once with one line
 * naming the URL, instead of the client's reconnect loop.
 */
export async function requireServer(url: string, env: NodeJS.ProcessEnv): Promise<void> {
  const [{ checkServer }, { backendTimeoutMs }] = await Promise.all([import('../core/backend/serverCheck'), import('../core/backend/convexGateway')]);
  const status = await checkServer(url, { timeoutMs: Math.min(HANDSHAKE_TIMEOUT_MS, backendTimeoutMs(env)) });
  switch (status.state) {
    case 'ok':
      return;
    case 'unreachable':
      throw new AppError(
        'backend_unreachable',
        `Cannot reach the server at ${url}. Check the network and that the server is running.`,
        `${url} adresindeki sunucuya bağlanılamıyor. Ağı ve sunucunun çalıştığını kontrol edin.`,
        { url },
      );
    case 'missing':
      throw new AppError(
        'server_mismatch',
        `The server at ${url} does not run Kafkasder Panel's functions (push them with npx convex deploy).`,
        `${url} adresindeki sunucuda Kafkasder Panel'in fonksiyonları yok (npx convex deploy ile yükleyin).`,
        { url },
      );
    case 'older':
    case 'newer':
      throw new AppError(
        'server_mismatch',
        `The server at ${url} runs functions version ${status.actual}; this program needs ${status.expected} (${status.state === 'older' ? 'update the server' : 'update this program'}).`,
        `${url} adresindeki sunucunun fonksiyon sürümü ${status.actual}; bu program ${status.expected} bekliyor (${status.state === 'older' ? 'sunucuyu güncelleyin' : 'bu programı güncelleyin'}).`,
        { url },
      );
    default:
      throw new AppError('usage', `--backend must be a URL or memory: ${url}`, `--backend bir URL ya da memory olmalı: ${url}`);
  }
}

/**
 * The core over the backend `url` names (checked by the handshake first), nobody signed in yet.
 * `--backend memory` is a new demo deployment (or the caller's, which outlives the command).
 */
async function openCore(url: string, io: CliIo): Promise<{ core: Core; demo: DemoDeployment | null; dataDir: string; close(): Promise<void> }> {
  const env = io.env ?? process.env;
  // Started only when asked for (and stopped with the command), unless the caller keeps one.
  const started = url === 'memory' && !io.memory ? await (await import('../../live/rehearsal/spawn')).spawnRehearsal({ demo: true }) : null;
  const demo = url === 'memory' ? (io.memory ?? started!) : null;
  const scratch = demo ? scratchDir() : null;
  const dataDir = scratch?.dir ?? appDataDir(env);
  const settings = new SettingsStore(dataDir);
  // Against a deployment, checks, run journals and error reports go to the app's data folder: the
  // retention setting applies there first, as when the app starts (a command has no daily sweep).
  if (!scratch) {
    await sweepPersonalData(dataDir, settings.get().retentionDays).catch((err: unknown) =>
      io.stderr.write(`retention: ${err instanceof Error ? err.message : String(err)}\n`),
    );
  }
  if (!demo) await requireServer(url, env);
  const core = cliCore(
    await deploymentGateway(demo ? demo.url : url, env),
    demo ? { kind: 'memory', url: demo.url, source: 'memory' } : { kind: 'convex', url, source: 'env' },
    dataDir,
    settings,
  );
  const close = async () => {
    await core.close();
    scratch?.remove();
    await started?.stop();
  };
  return { core, demo, dataDir, close };
}

/**
 * Connects, builds the core (no background work) and signs in: as the demo administrator on
 * `memory`, else as --email. The command line and the password are settled before any network.
 */
export async function openBackend(args: Pick<CliArgs, 'backend' | 'email'>, io: CliIo): Promise<CliBackend> {
  const env = io.env ?? process.env;
  const url = backendUrl(args, io);
  const staff = url === 'memory' ? null : { email: needEmail(args.email), password: await staffPassword(env) };
  const { core, demo, dataDir, close } = await openCore(url, io);
  try {
    if (staff) await signInWith(core.services.auth, staff.email, staff.password);
    else if (demo) await signInDemo(demo.demoAccounts, core.services.auth);
  } catch (err) {
    await close();
    throw err;
  }
  return { core, memory: !!demo, dataDir, close };
}

/** The core over a deployment with nobody signed in (first-admin creates the first account). */
export async function openAnonymous(args: Pick<CliArgs, 'backend'>, io: CliIo): Promise<{ core: Core; close(): Promise<void> }> {
  const { core, close } = await openCore(backendUrl(args, io), io);
  return { core, close };
}

/**
 * A core that only reads a local file: `inspect`, and the mapping every import command settles
 * before it connects anywhere. Over no backend, nobody signed in, on the app's data folder, so
 * the inspectImportFile channel applies the mappings the wizard remembered; that channel writes
 * nothing there.
 */
export function openReadingCore(io: CliIo): { core: Core; close(): Promise<void> } {
  const core = cliCore(noBackend(), { kind: 'memory', source: 'memory' }, appDataDir(io.env ?? process.env));
  return { core, close: () => core.close() };
}

/**
 * A core for commands that only check a local file (validate): its check needs no backend, so it
 * runs over none (no client, no demo deployment to start), nobody signed in, in a folder
 * deleted afterwards.
 */
export function openLocalCore(): { core: Core; close(): Promise<void> } {
  const scratch = scratchDir();
  const core = cliCore(noBackend(), { kind: 'memory', source: 'memory' }, scratch.dir);
  return { core, close: async () => (await core.close(), scratch.remove()) };
}

/**
 * The command's scratch folder in the system temp folder (copies of rows: personal data), named
 * by this process so a later command removes it if this one is killed; removed on SIGTERM as on
 * a normal end (Ctrl+C cancels the job, and the command then ends normally).
 */
function scratchDir(): { dir: string; remove(): void } {
  const session = createSessionDir(tmpdir(), 'kafkasder-cli-');
  const onTerm = () => {
    session.remove();
    process.exit(143);
  };
  process.once('SIGTERM', onTerm);
  return {
    dir: session.dir,
    remove: () => {
      process.removeListener('SIGTERM', onTerm);
      session.remove();
    },
  };
}

/** Calls one of the core's channels as a window would; a refusal throws its error (both languages). */
export async function callCore<C extends ChannelName>(core: Core, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const res = await core.dispatch(channel, input);
  if (res.ok) return res.value as ChannelOutput<C>;
  const { error } = res;
  throw new AppError(error.code, error.message, error.messageTr ?? error.message, error.details);
}

/**
 * Runs one of the core's jobs through its job runner, as the app's pages do, and waits for its
 * end; Ctrl+C cancels it. A failed or cancelled job throws its error (both languages).
 */
export async function runCoreJob<K extends JobKind>(core: Core, kind: K, input: JobInput<K>): Promise<JobResult<K>> {
  let jobId: string | undefined;
  let unsubscribe = () => {};
  const ended = new Promise<JobResult<K>>((resolve, reject) => {
    unsubscribe = core.bus.subscribe((name, payload) => {
      if ((name !== 'jobDone' && name !== 'jobFailed') || (payload as { jobId: string }).jobId !== jobId) return;
      if (name === 'jobDone') resolve((payload as EventPayload<'jobDone'>).result as JobResult<K>);
      else {
        const { error } = payload as EventPayload<'jobFailed'>;
        reject(new AppError(error.code, error.message, error.messageTr ?? error.message, error.details));
      }
    });
  });
  const onSigint = () => jobId && core.jobs.cancel(jobId);
  process.once('SIGINT', onSigint);
  try {
    jobId = core.jobs.start(kind, input).jobId;
    return await ended;
  } finally {
    unsubscribe();
    process.removeListener('SIGINT', onSigint);
  }
}
