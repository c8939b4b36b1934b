// Bundles the Electron main process and the preload. Node packages stay external (installed in
// node_modules and shipped by electron-builder); the sandboxed preload must be self-contained.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { channelNames } from '../../shared/contract/channels';
import { nodeCjsBundle, preloadBundle } from './nodeBundle';

const root = fileURLToPath(new URL('../..', import.meta.url));

await Promise.all([
  // The main process and the check worker it starts (found beside it as checkWorker.cjs).
  build({ ...nodeCjsBundle('electron/main/main.ts', 'dist/electron/main.cjs'), absWorkingDir: root, sourcemap: true }),
  build({ ...nodeCjsBundle('electron/features/imports/checking/checkWorker.ts', 'dist/electron/checkWorker.cjs'), absWorkingDir: root, sourcemap: true }),
  build({ ...preloadBundle('electron/preload/preload.ts', 'dist/electron/preload.cjs', channelNames), absWorkingDir: root }),
]);
console.log('electron: dist/electron/main.cjs, checkWorker.cjs, preload.cjs');
