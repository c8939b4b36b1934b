// `npm start` as a testable whole: use the deployment the person configured, or start the local
// backend (and give it Convex Auth's keys), run the app with its URL, and stop the backend when the
// app closes or anything fails.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { backendUrlProblem, readEnvFile, resolveBackend } from '../../core/backend/resolveBackend';
import { SettingsStore } from '../../core/storage/settingsStore';
import { loadOrCreateSecrets, syncDeploymentEnv } from './deploymentSecrets';
import { LaunchError } from './launchError';
import { startLocalBackend, type Command, type RunningBackend } from './localBackend';
import { deploymentSelectedByFiles, takeLauncherLock } from './localDeployment';

export interface LaunchOptions {
  root: string;
  /** The app's settings folder (the same one Electron's main process uses). */
  dataDir: string;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  cli: Command;
  /** The app to run; may throw LaunchError('no-electron'). */
  app: () => Command;
  timeoutMs: number;
  log: (text: string) => void;
  signal?: AbortSignal;
  /** Where the newest backend version is asked for (default: version.convex.dev, as the CLI does). */
  versionUrl?: string;
}

/** Deployment credentials the app never needs; they stay out of its environment. */
const CLI_ONLY = ['CONVEX_DEPLOYMENT', 'CONVEX_DEPLOY_KEY', 'CONVEX_SELF_HOSTED_URL', 'CONVEX_SELF_HOSTED_ADMIN_KEY'];

/** Runs the app to its end and returns its exit code. */
export async function launch(options: LaunchOptions): Promise<number> {
  const appEnv: NodeJS.ProcessEnv = { ...options.env };
  for (const name of CLI_ONLY) delete appEnv[name];
  const configured = resolveBackend({
    env: options.env,
    settingsUrl: new SettingsStore(options.dataDir).get().backendUrl,
    envLocal: readEnvFile(join(options.root, '.env.local')),
  });

  let backend: RunningBackend | null = null;
  let lock: { release(): void } | null = null;
  try {
    if (configured?.url) {
      if (backendUrlProblem(configured.url)) throw new LaunchError('bad-url', configured.url);
      options.log(`Convex: ${configured.url} (${configured.source})\n`);
    } else {
      // The CLI would take a deployment named in .env.local/.env over the local one: refuse
      // before it pushes there (and before the keys below replace that deployment's).
      const selected = deploymentSelectedByFiles(options.root);
      if (selected.length) throw new LaunchError('deployment-in-env-local', `Found: ${selected.join(', ')}`);
      // Taken before anything is stopped: a CLI of a launcher that still runs is never an orphan.
      const taken = takeLauncherLock(options.root);
      if ('heldBy' in taken) throw new LaunchError('already-running', `pid ${taken.heldBy}`);
      lock = taken;
      options.log('Yerel Convex sunucusu başlatılıyor… / starting the local Convex backend…\n');
      backend = await startLocalBackend(options);
      const secrets = loadOrCreateSecrets(options.dataDir);
      try {
        const set = await syncDeploymentEnv(secrets, backend.runCli);
        if (set.length) options.log(`convex env set: ${set.join(', ')}\n`);
      } catch (err) {
        throw new LaunchError('env-rejected', String(err));
      }
      Object.assign(appEnv, { CONVEX_URL: backend.url, KAFKASDER_LOCAL_BACKEND: '1', KAFKASDER_SETUP_CODE: secrets.KAFKASDER_SETUP_CODE });
    }
    if (options.signal?.aborted) throw new LaunchError('cancelled');
    const app = options.app();
    const child = spawn(app.command, app.args, { cwd: options.root, env: appEnv, stdio: 'inherit' });
    const forward = () => child.kill('SIGTERM');
    options.signal?.addEventListener('abort', forward);
    try {
      return await new Promise<number>((resolve, reject) => {
        child.once('error', reject);
        child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
      });
    } finally {
      options.signal?.removeEventListener('abort', forward);
    }
  } finally {
    if (backend) {
      options.log('Yerel Convex sunucusu durduruluyor… / stopping the local Convex backend…\n');
      await backend.stop();
    }
    lock?.release();
  }
}
