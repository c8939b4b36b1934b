import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A bench's verdict as a process: what it prints and how it exits. */
function bench(checks: [boolean, string][], failed?: string) {
  const script = `import { Targets } from './bench/targets';
const t = new Targets();
for (const [ok, text] of ${JSON.stringify(checks)}) t.check(ok, text);
${failed ? `t.failed(${JSON.stringify(failed)});` : ''}
t.report();`;
  return spawnSync(`${root}node_modules/.bin/tsx`, ['-e', script], { cwd: root, encoding: 'utf8' });
}

describe('bench targets', () => {
  it('a bench whose targets all hold exits 0, figures and load printed', () => {
    const run = bench([[true, 'XLSX ≥ 100,000 rows/s: 120,000']]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('ok   XLSX ≥ 100,000 rows/s: 120,000');
    expect(run.stdout).toMatch(/load average [\d.]+, [\d.]+, [\d.]+ on \d+ cores/);
  });

  it('one missed target makes the bench exit 1, every figure still printed', () => {
    const run = bench([
      [true, 'first page ≤ 2 s: 1.10 s'],
      [false, 'JS heap ≤ 150 MB: 171 MB'],
    ]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('ok   first page ≤ 2 s: 1.10 s');
    expect(run.stdout).toContain('MISS JS heap ≤ 150 MB: 171 MB');
    expect(run.stdout).toContain('1 of 2 targets missed');
  });

  it('a measurement that could not run fails the bench although every figure it has holds', () => {
    const run = bench([[true, 'csv: 1 s']], 'xlsx: child exited 134');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('MISS did not run: xlsx: child exited 134');
  });
});
