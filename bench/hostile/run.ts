// Hostile-files bench: `npm run bench:hostile`. Generates the hostile files of issue #22 (the same
// set the CLI test uses) and runs each through the real `kafkasder validate` process, printing its
// seconds and peak RSS (VmHWM, read from /proc while it runs) against the targets: within 20 s,
// under 500 MB, an answer (a refusal naming the file, or a normal result), nothing left in its
// temp folder. Exits 1 when a target is missed.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostileFiles, writeHostileFiles } from '../../electron/features/imports/hostileFiles.test-util';
import { peakRssMb } from '../peakRss';
import { Targets } from '../targets';

const BIN = fileURLToPath(new URL('../../electron/cli/bin.mjs', import.meta.url));
const DATA = fileURLToPath(new URL('../.data/hostile/', import.meta.url));
const TARGET_SECONDS = 20;
const TARGET_RSS_MB = 500;

async function run(file: string): Promise<{ code: number; seconds: number; peakMb: number | null; stderr: string; left: string[] }> {
  const tmp = mkdtempSync(join(tmpdir(), 'kafkasder-bench-hostile-'));
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'validate', file, '--lang', 'en'], { env: { PATH: process.env.PATH, CONVEX_URL: '', TMPDIR: tmp }, cwd: tmp });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.resume();
  let peak: number | null = null;
  const poll = setInterval(() => {
    const now = peakRssMb(child.pid!);
    if (now !== null) peak = Math.max(peak ?? 0, now);
  }, 20);
  const killer = setTimeout(() => child.kill('SIGTERM'), 120_000);
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 128)));
  clearInterval(poll);
  clearTimeout(killer);
  const seconds = (performance.now() - started) / 1000;
  const left = readdirSync(tmp).filter((n) => !n.startsWith('tsx-'));
  rmSync(tmp, { recursive: true, force: true });
  return { code, seconds, peakMb: peak, stderr, left };
}

mkdirSync(DATA, { recursive: true });
const paths = writeHostileFiles(DATA);
const targets = new Targets();
console.log('file'.padEnd(28), 'seconds'.padStart(8), 'peak MB'.padStart(8), ' exit  answer');
for (const f of hostileFiles()) {
  const r = await run(paths.get(f.name)!);
  const answered = f.expect ? r.code === 2 && f.expect.test(r.stderr) : r.code === 0 || r.code === 1;
  const ok = answered && r.seconds <= TARGET_SECONDS && (r.peakMb === null || r.peakMb <= TARGET_RSS_MB) && r.left.length === 0;
  targets.check(ok, `${f.name}: ≤ ${TARGET_SECONDS} s, ≤ ${TARGET_RSS_MB} MB, answered, nothing left: ${r.seconds.toFixed(1)} s, ${r.peakMb?.toFixed(0) ?? '?'} MB, exit ${r.code}`);
  const answer = (r.stderr.trim().split('\n').at(-1) ?? '').slice(0, 110);
  console.log(f.name.padEnd(28), r.seconds.toFixed(1).padStart(8), (r.peakMb?.toFixed(0) ?? '?').padStart(8), String(r.code).padStart(5), ok ? ' ok ' : ' MISSED', answer);
  if (r.left.length > 0) console.log(`  left in the temp folder: ${r.left.join(', ')}`);
}
console.log(`targets: ≤ ${TARGET_SECONDS} s, ≤ ${TARGET_RSS_MB} MB peak RSS, a clear answer, nothing left behind`);
rmSync(DATA, { recursive: true, force: true });
targets.report();
