// Bundles the Electron main process and the preload. Node packages stay external (installed in
// node_modules and shipped by electron-builder); the sandboxed preload must be self-contained.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

await Promise.all([
  build({
    absWorkingDir: root,
    entryPoints: ['electron/main/main.ts'],
    outfile: 'dist/electron/main.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  }),
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
console.log('electron: dist/electron/main.cjs, dist/electron/preload.cjs');
