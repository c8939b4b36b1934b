// Runs the project's local Convex backend through the Convex CLI (`convex dev` in anonymous agent
// mode: no login, no prompt), waits until the functions are pushed, and stops it again. Written
// against convex@1.48's source: src/cli/lib/localDeployment/{anonymous,run,download}.ts,
// src/cli/lib/envvars.ts, src/bundler/context.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { classifyCliOutput, isCliFailureLine, LaunchError } from './launchError';
import type { CliResult } from './deploymentSecrets';
import { backendIsCached, instanceName, ourBackendProcesses, readLocalConfig, recordedUrl, stopLeftoverBackend } from './localDeployment';
import { listProcesses, stopCli, terminate } from './processes';

export interface Command {
  command: string;
  args: string[];
}

// What the CLI needs from the environment to find its home, cache, temp folder, proxy and
// certificates. Nothing else passes: a stray CONVEX_DEPLOYMENT, CONVEX_DEPLOY_KEY or
// CONVEX_SELF_HOSTED_* would send the push to another deployment.
const PASSED = new Set(
  [
    'PATH', 'PATHEXT', 'HOME', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH', 'APPDATA', 'LOCALAPPDATA',
    'TEMP', 'TMP', 'TMPDIR', 'SYSTEMROOT', 'SYSTEMDRIVE', 'WINDIR', 'COMSPEC', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TERM',
    'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR',
  ],
);

export function cliEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && PASSED.has(name.toUpperCase())) out[name] = value;
  return { ...out, CONVEX_AGENT_MODE: 'anonymous', NO_COLOR: '1' };
}

/** Where the CLI asks for the newest backend (lib/localDeployment/download.ts). */
export const VERSION_URL = 'https://version.convex.dev/v1/local_backend_version';
/** How long the launcher waits for that answer before it starts the downloaded backend instead. */
const VERSION_LOOKUP_MS = 5_000;

/** The newest backend version, or null when the lookup fails or is slow (offline, a proxy). */
export async function latestBackendVersion(url: string, timeoutMs = VERSION_LOOKUP_MS): Promise<string | null> {
  try {
    const resp = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const { version } = (await resp.json()) as { version?: unknown };
    // The CLI's own check (lib/localDeployment/utils.ts isValidBackendVersion).
    return resp.ok && typeof version === 'string' && /^precompiled-\d{4}-\d{2}-\d{2}-[\w.-]+$/.test(version) ? version : null;
  } catch {
    return null;
  }
}

export interface LocalBackendOptions {
  root: string;
  /** How to run the Convex CLI, e.g. node + node_modules/convex/bin/main.js. */
  cli: Command;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  timeoutMs: number;
  log: (text: string) => void;
  signal?: AbortSignal;
  versionUrl?: string;
}

export interface RunningBackend {
  url: string;
  /** Runs another CLI command against this deployment (e.g. `env set`). */
  runCli(args: string[], stdin?: string): Promise<CliResult>;
  stop(): Promise<void>;
}

/** `convex dev` processes of this project whose launcher died: they still hold the backend. */
const orphanClis = (cli: Command, platform: NodeJS.Platform) => {
  const script = cli.args.at(-1) ?? cli.command;
  return listProcesses(platform).filter((p) => p.pid !== process.pid && p.command.includes(script) && / dev( |$)/.test(p.command));
};

async function sweep(options: LocalBackendOptions, platform: NodeJS.Platform): Promise<void> {
  for (const p of orphanClis(options.cli, platform)) await terminate(p.pid, platform);
  for (const p of ourBackendProcesses(options.root, platform)) await terminate(p.pid, platform);
}

export async function startLocalBackend(options: LocalBackendOptions): Promise<RunningBackend> {
  const platform = options.platform ?? process.platform;
  const { root, log } = options;
  for (const p of orphanClis(options.cli, platform)) await terminate(p.pid, platform);
  const leftover = await stopLeftoverBackend(root, platform);
  if (leftover === 'unstoppable') throw new LaunchError('leftover');
  if (leftover === 'stopped') log('Önceki çalıştırmadan kalan yerel sunucu durduruldu / stopped a local backend left over from an earlier run\n');

  const env = cliEnvironment(options.env);
  const args = ['dev', '--typecheck', 'disable', '--tail-logs', 'disable'];
  // In anonymous mode the CLI insists on the newest backend (download.ts: no fallback), so an
  // offline start would fail. The launcher asks first, briefly: the newest when it answers (the
  // CLI downloads and upgrades to it), else the version already downloaded.
  const config = readLocalConfig(root);
  const cached = config && backendIsCached(config.backendVersion, env, platform) ? config.backendVersion : null;
  const latest = await latestBackendVersion(options.versionUrl ?? VERSION_URL);
  if (latest) args.push('--local-backend-version', latest);
  else if (cached) {
    args.push('--local-backend-version', cached);
    log(`Güncel sunucu sürümü öğrenilemedi; indirilmiş sürüm kullanılıyor / newest backend version unknown (offline?): using the downloaded ${cached}\n`);
  }

  const child = spawn(options.cli.command, [...options.cli.args, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  const stop = async () => {
    await stopCli(child, platform);
    // If the CLI died before its cleanup ran, its backend is still there.
    await sweep(options, platform);
  };

  try {
    await waitForPush(child, options);
    const url = recordedUrl(root);
    if (!url || (await instanceName(url)) === null) throw new LaunchError('cli-exited', `The CLI recorded no answering backend URL (${url ?? 'none'}).`);
    return {
      url,
      stop,
      runCli: (cliArgs, stdin) => runOnce({ command: options.cli.command, args: [...options.cli.args, ...cliArgs] }, root, env, stdin),
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function waitForPush(child: ChildProcess, options: LocalBackendOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    let pending = '';
    const tail = () => output.split('\n').slice(-25).join('\n');
    const finish = (err?: LaunchError) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      // Keep draining (and showing) its output afterwards, or a full pipe would stall the CLI.
      child.stdout?.on('data', (c: Buffer) => options.log(c.toString()));
      child.stderr?.on('data', (c: Buffer) => options.log(c.toString()));
      if (err) reject(err);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      options.log(text);
      output += text;
      pending += text;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) {
        // Printed once the functions are pushed (src/cli/lib/dev.ts); .env.local holds the URL by then.
        if (/Convex functions ready/.test(line)) return finish();
        // After a refused push `convex dev` keeps running and waits for file changes: stop here.
        if (isCliFailureLine(line)) return finish(new LaunchError(classifyCliOutput(line), tail()));
      }
    };
    const onExit = (code: number | null) => finish(new LaunchError(classifyCliOutput(output), `convex dev exited (${code}).\n${tail()}`));
    const onAbort = () => finish(new LaunchError('cancelled'));
    const timer = setTimeout(() => finish(new LaunchError('timeout', tail())), options.timeoutMs);
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', onExit);
    options.signal?.addEventListener('abort', onAbort);
  });
}

function runOnce(cmd: Command, cwd: string, env: NodeJS.ProcessEnv, stdin?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd.command, cmd.args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
