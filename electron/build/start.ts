// `npm start`: opens the desktop app; with no deployment configured it first starts the local
// Convex backend through the Convex CLI (see launcher/launch.ts) and stops it when the app closes.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appDataDir } from '../core/storage/appDataDir';
import { launch } from './launcher/launch';
import { LaunchError } from './launcher/launchError';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const abort = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => abort.abort());

try {
  const code = await launch({
    root,
    dataDir: appDataDir(),
    env: process.env,
    cli: { command: process.execPath, args: [join(root, 'node_modules', 'convex', 'bin', 'main.js')] },
    app: () => {
      let binary: string;
      try {
        // Electron ≥ 45 downloads its binary on the first require.
        binary = require('electron') as string;
      } catch (err) {
        throw new LaunchError('no-electron', String(err));
      }
      return { command: binary, args: [join(root, 'dist', 'electron', 'main.cjs')] };
    },
    // The first run downloads the backend (about 100 MB); later starts take seconds.
    timeoutMs: Number(process.env.KAFKASDER_START_TIMEOUT_S ?? 300) * 1000,
    log: (text) => process.stdout.write(text),
    signal: abort.signal,
  });
  process.exit(code);
} catch (err) {
  console.error(`\n${err instanceof LaunchError ? err.report() : `✖ ${String(err)}`}\n`);
  process.exit(1);
}
