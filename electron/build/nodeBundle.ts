// esbuild settings for code that runs under Node in the desktop app (the main process and its
// check worker, shared by the app build and the import bench, which runs the same bundles) and
// for the preload.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';

const cjsBundle = (entry: string, outfile: string): BuildOptions => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  logLevel: 'warning',
});

/** True when the file is an ES module by Node's rules: .mjs, or .js under a `"type": "module"` package. */
function isEsmFile(file: string): boolean {
  if (file.endsWith('.mjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module';
    if (dirname(dir) === dir) return false;
  }
}

/**
 * Requirable, but bundled: libphonenumber-js is some fifty small CommonJS files, and loading them
 * took 39 ms of every check worker's start (a whole start: 116 → 94 ms bundled).
 */
const BUNDLED_PACKAGES = ['libphonenumber-js'];

/**
 * Packages stay outside the bundle (node_modules ships with the app) when the bundle's
 * `require()` can load them; ES-module-only ones (e.g. @convex-dev/auth/server, @auth/core,
 * which Convex Auth's functions import) are bundled instead, since a CommonJS
 * bundle cannot require them.
 */
const requirablePackagesExternal: Plugin = {
  name: 'requirable-packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      if (BUNDLED_PACKAGES.some((p) => args.path === p || args.path.startsWith(`${p}/`))) return undefined;
      try {
        const file = createRequire(join(args.resolveDir, 'noop.js')).resolve(args.path);
        return isEsmFile(file) ? undefined : { path: args.path, external: true };
      } catch {
        return undefined; // not requirable (import-only exports): bundle it
      }
    });
  },
};

export function nodeCjsBundle(entry: string, outfile: string): BuildOptions {
  return {
    ...cjsBundle(entry, outfile),
    target: 'node20',
    plugins: [requirablePackagesExternal],
    // CommonJS has no import.meta; the bundle's own file URL stands in for it (the check pass
    // finds checkWorker.cjs beside the bundle that starts it).
    banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__bundleUrl' },
  };
}

/**
 * The `kafkasder` command: an ES-module bundle split at its dynamic imports, so each command loads
 * only its own code (help and inspect never load the backend client or the core's jobs). Every
 * package stays outside (an ES module can import CommonJS and ES-module packages alike, and
 * test-only ones such as convex-test must never be inside); node_modules is there wherever the
 * command runs from a clone.
 */
export function cliBundle(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: { main: entry },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
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
