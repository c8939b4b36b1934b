// Export benchmark: `npm run bench:export [-- rows] [formats,comma,separated]`. 1M generated
// records (default) from a Gateway stand-in into each format, each in its own bundled child process
// (child.ts) so its peak RSS is its own. Targets (at the default 1M rows, all formats): XLSX ≥
// 100,000 rows/s, ≥ 0.35 × CSV in the same run, peak RSS ≤ 200 MB; exits 1 when one is missed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { ExportFormat } from '../../shared/contract/exports';
import { nodeCjsBundle } from '../../electron/build/nodeBundle';
import { loadText, Targets } from '../targets';

const FORMATS: ExportFormat[] = ['excel-tr', 'csv', 'json', 'xlsx'];
const CHILD = fileURLToPath(new URL('../.data/build/exportChild.mjs', import.meta.url));

interface Figures {
  rows: number;
  rowsPerSecond: number;
  seconds: number;
  cpuSeconds: number;
  bytes: number;
  peakRssMb: number;
}

const [rowsArg, formatsArg] = process.argv.slice(2);
const rows = Number(rowsArg ?? 1_000_000);
const formats = (formatsArg?.split(',') as ExportFormat[] | undefined) ?? FORMATS;
// The child is ESM (it awaits at top level), where import.meta.url is its own.
await build({ ...nodeCjsBundle(fileURLToPath(new URL('./child.ts', import.meta.url)), CHILD), format: 'esm', banner: {}, define: {} });

console.log(`export benchmark: ${rows.toLocaleString('en')} rows of beneficiaries (14 columns), Node ${process.version} (${loadText()})`);
console.log('format     rows/s      seconds   file MB   peak RSS MB   rows/CPU-s');
const figures = new Map<ExportFormat, Figures>();
const targets = new Targets();
for (const format of formats) {
  const run = spawnSync(process.execPath, [CHILD, format, String(rows)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) {
    console.error(`${format}: failed\n${run.stderr}`);
    targets.failed(`${format} (exit ${run.status ?? run.signal})`);
    continue;
  }
  const r = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Figures;
  figures.set(format, r);
  console.log(
    `${format.padEnd(10)} ${Math.round(r.rowsPerSecond).toLocaleString('en').padStart(9)}  ${r.seconds.toFixed(2).padStart(9)}  ${(r.bytes / 1e6).toFixed(1).padStart(8)}  ${r.peakRssMb.toFixed(0).padStart(12)}  ${Math.round(r.rows / r.cpuSeconds).toLocaleString('en').padStart(11)}`,
  );
}
const xlsx = figures.get('xlsx');
const csv = figures.get('csv');
if (xlsx) {
  targets.check(xlsx.rowsPerSecond >= 100_000, `XLSX ≥ 100,000 rows/s: ${Math.round(xlsx.rowsPerSecond).toLocaleString('en')}`);
  targets.check(xlsx.peakRssMb <= 200, `XLSX peak RSS ≤ 200 MB: ${xlsx.peakRssMb.toFixed(0)} MB`);
  if (csv) {
    const perCpu = (f: Figures) => f.rows / f.cpuSeconds;
    targets.check(
      xlsx.rowsPerSecond >= 0.35 * csv.rowsPerSecond,
      `XLSX ≥ 0.35 × CSV (same run): ${(xlsx.rowsPerSecond / csv.rowsPerSecond).toFixed(2)} × (per CPU second: ${(perCpu(xlsx) / perCpu(csv)).toFixed(2)} ×)`,
    );
  }
}
targets.report();
