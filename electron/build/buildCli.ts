// Bundles the `kafkasder` command into dist/cli/ (bin.mjs runs it): `npm run build` and, through
// the `prepare` script, `npm install`; the unit tests rebuild it first, so the CLI tests run the
// current code. Offline and about a second; the check worker it starts is built beside it. The
// folder is emptied first: chunk names change with their contents.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliBundle, nodeCjsBundle } from './nodeBundle';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function buildCli(): Promise<void> {
  rmSync(`${root}dist/cli`, { recursive: true, force: true });
  await Promise.all([
    build({ ...cliBundle('electron/cli/main.ts', 'dist/cli'), absWorkingDir: root }),
    build({ ...nodeCjsBundle('electron/features/imports/checking/checkWorker.ts', 'dist/cli/checkWorker.cjs'), absWorkingDir: root }),
  ]);
}

/** As Vitest's global setup (.ci/vitest.config.ts). */
export const setup = buildCli;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildCli();
  console.log('cli: dist/cli/main.mjs');
}
