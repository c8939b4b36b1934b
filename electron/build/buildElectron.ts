// Bundles the Electron main process and the preload. Node packages stay external (installed in
// node_modules and shipped by electron-builder); the sandboxed preload must be self-contained.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { nodeCjsBundle } from './nodeBundle';

const root = fileURLToPath(new URL('../..', import.meta.url));

await Promise.all([
  // The main process and the check worker it starts (found beside it as checkWorker.cjs).
  build({ ...nodeCjsBundle('electron/main/main.ts', 'dist/electron/main.cjs'), absWorkingDir: root, sourcemap: true }),
  build({ ...nodeCjsBundle('electron/services/importer/checkWorker.ts', 'dist/electron/checkWorker.cjs'), absWorkingDir: root, sourcemap: true }),
  build({
    absWorkingDir: root,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    logLevel: 'warning',
  }),
]);
console.log('electron: dist/electron/main.cjs, checkWorker.cjs, preload.cjs');
