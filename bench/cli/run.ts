// CLI benchmark: `npm run bench:cli`. Builds the command as `npm install` does, then times whole
// processes (median of 5): `kafkasder --help`, `inspect` of a small CSV, and `validate` of a
// 100,000-row × 12-column workbook with shared strings against a Node script walking the same
// cells with exceljs's streaming reader (the anchor, measured in this run). Bare `node -e 0` is
// printed too, as the floor this machine puts under any command, and each median CPU time (GNU time). Exits
// 1 when a target is missed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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

// GNU time, where installed, also gives each process's CPU seconds (user + system): on a loaded
// machine the wall time is mostly waiting for a core, the CPU time is the command's own.
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const CPU_MARK = 'kafkasder-bench-cpu';

const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median wall time of a whole process, in seconds (and its median CPU time); refuses an exit status outside `ok`. */
function median(label: string, args: string[], ok: number[] = [0]): { wall: number; cpu: number | null } {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const [command, argv] = TIME ? [TIME, ['-f', `${CPU_MARK} %U %S`, process.execPath, ...args]] : [process.execPath, args];
    const started = performance.now();
    const run = spawnSync(command, argv, { cwd: DATA, encoding: 'utf8', maxBuffer: 64 << 20 });
    times.push((performance.now() - started) / 1000);
    if (!ok.includes(run.status ?? -1)) throw new Error(`${label}: exit ${run.status}\n${run.stderr}`);
    const used = new RegExp(`${CPU_MARK} ([\\d.]+) ([\\d.]+)`).exec(run.stderr);
    if (used) cpu.push(Number(used[1]) + Number(used[2]));
  }
  const m = mid(times);
  const cpuText = cpu.length ? `cpu ${mid(cpu).toFixed(2).padStart(5)} s` : '';
  console.log(`${label.padEnd(44)} ${m.toFixed(2).padStart(6)} s  ${cpuText}  (runs: ${times.map((t) => t.toFixed(2)).join(' ')})`);
  return { wall: m, cpu: cpu.length ? mid(cpu) : null };
}

console.log(`CLI benchmark, Node ${process.version}, median of ${RUNS} whole processes (${loadText()})`);
const bare = median('node -e 0 (floor)', ['-e', '0']);
const help = median('kafkasder --help', [BIN, '--help']);
const inspect = median('kafkasder inspect (1,000-row CSV)', [BIN, 'inspect', csvSmall]);
const anchor = median('exceljs streaming walk (100k × 12, shared)', [`${root}bench/cli/exceljsWalk.mjs`, xlsx100k]);
// The generated workbook has ~5 % broken rows: validate exits 1 for them.
const validate = median('kafkasder validate (100k × 12, shared)', [BIN, 'validate', xlsx100k, '--collection', 'beneficiaries'], [0, 1]);

const cpuRatio = validate.cpu !== null && anchor.cpu ? `; CPU ${(validate.cpu / anchor.cpu).toFixed(2)} ×` : '';
const targets = new Targets();
targets.check(help.wall <= 0.3, `--help ≤ 0.3 s: ${help.wall.toFixed(2)} s (bare node ${bare.wall.toFixed(2)} s)`);
targets.check(inspect.wall <= 0.6, `inspect ≤ 0.6 s: ${inspect.wall.toFixed(2)} s`);
targets.check(
  validate.wall <= 0.67 * anchor.wall,
  `validate ≤ 0.67 × exceljs walk: ${(validate.wall / anchor.wall).toFixed(2)} × (${validate.wall.toFixed(2)} s / ${anchor.wall.toFixed(2)} s${cpuRatio})`,
);
targets.report();
