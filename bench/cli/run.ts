// CLI benchmark: `npm run bench:cli`. Builds the command as `npm install` does, then times whole
// processes (median of 5): `kafkasder --help`, `inspect` of a small CSV, and `validate` of a
// 100,000-row × 12-column workbook with shared strings against a Node script walking the same
// cells with exceljs's streaming reader (the anchor, measured in this run). Bare `node -e 0` is
// printed too, as the floor this machine puts under any command. Exits 1 when a target is missed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureCsv, ensureXlsx } from '../import/generate';
import { loadText, Targets } from '../targets';

const root = fileURLToPath(new URL('../..', import.meta.url));
const DATA = `${root}bench/.data/`;
const BIN = `${root}electron/cli/bin.mjs`;
const RUNS = 5;

const build = spawnSync(process.execPath, [...process.execArgv, `${root}electron/build/buildCli.ts`], { stdio: 'inherit' });
if (build.status !== 0) process.exit(2);
const csvSmall = `${DATA}beneficiaries-1k.csv`;
const xlsx100k = `${DATA}beneficiaries-100k-shared.xlsx`;
await ensureCsv(csvSmall, 1000);
await ensureXlsx(xlsx100k, 100_000);

/** Median wall time of a whole process, in seconds; refuses an exit status outside `ok`. */
function median(label: string, args: string[], ok: number[] = [0]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: DATA, encoding: 'utf8', maxBuffer: 64 << 20 });
    times.push((performance.now() - started) / 1000);
    if (!ok.includes(run.status ?? -1)) throw new Error(`${label}: exit ${run.status}\n${run.stderr}`);
  }
  const m = times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
  console.log(`${label.padEnd(44)} ${m.toFixed(2).padStart(6)} s   (runs: ${times.map((t) => t.toFixed(2)).join(' ')})`);
  return m;
}

console.log(`CLI benchmark, Node ${process.version}, median of ${RUNS} whole processes (${loadText()})`);
const bare = median('node -e 0 (floor)', ['-e', '0']);
const help = median('kafkasder --help', [BIN, '--help']);
const inspect = median('kafkasder inspect (1,000-row CSV)', [BIN, 'inspect', csvSmall]);
const anchor = median('exceljs streaming walk (100k × 12, shared)', [`${root}bench/cli/exceljsWalk.mjs`, xlsx100k]);
// The generated workbook has ~5 % broken rows: validate exits 1 for them.
const validate = median('kafkasder validate (100k × 12, shared)', [BIN, 'validate', xlsx100k, '--collection', 'beneficiaries'], [0, 1]);

const targets = new Targets();
targets.check(help <= 0.3, `--help ≤ 0.3 s: ${help.toFixed(2)} s (bare node ${bare.toFixed(2)} s)`);
targets.check(inspect <= 0.6, `inspect ≤ 0.6 s: ${inspect.toFixed(2)} s`);
targets.check(validate <= 0.67 * anchor, `validate ≤ 0.67 × exceljs walk: ${(validate / anchor).toFixed(2)} × (${validate.toFixed(2)} s / ${anchor.toFixed(2)} s)`);
targets.report();
