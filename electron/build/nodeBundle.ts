// esbuild settings for code that runs under Node in the desktop app (the main process and its
// check worker, shared by the app build and the import bench, which runs the same bundles) and
// for the preload.
import type { BuildOptions } from 'esbuild';

const cjsBundle = (entry: string, outfile: string): BuildOptions => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  logLevel: 'warning',
});

export function nodeCjsBundle(entry: string, outfile: string): BuildOptions {
  return {
    ...cjsBundle(entry, outfile),
    target: 'node20',
    packages: 'external',
    // CommonJS has no import.meta; the bundle's own file URL stands in for it (the check pass
    // finds checkWorker.cjs beside the bundle that starts it).
    banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__bundleUrl' },
  };
}

/**
 * The sandboxed preload: self-contained, only electron external. It forwards channels by name,
 * and the names are put in from the contract here, so zod stays out of the preload.
 */
export function preloadBundle(entry: string, outfile: string, channelNames: readonly string[]): BuildOptions {
  return {
    ...cjsBundle(entry, outfile),
    target: 'chrome130',
    external: ['electron'],
    define: { __CONTRACT_CHANNEL_NAMES__: JSON.stringify(channelNames) },
  };
}
