import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe.skipIf(process.platform !== 'linux')('peak RSS of a bench child', () => {
  it('is its own, not the peak of the parent that spawned it (which maxRSS reports)', () => {
    // The parent holds 400 MB when it spawns the child, as bench:import did after making its data.
    const held = Buffer.alloc(400 * 1024 * 1024, 1);
    const script = `import { peakRssMb } from './bench/peakRss';
console.log(JSON.stringify({ own: peakRssMb(), maxRss: process.resourceUsage().maxRSS / 1024 }));`;
    // Node itself, not tsx's launcher: the launcher is a small process of its own in between.
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(held[held.length - 1]).toBe(1);
    const { own, maxRss } = JSON.parse(run.stdout) as { own: number; maxRss: number };
    expect(maxRss).toBeGreaterThan(400); // what the benches used to print
    expect(own).toBeLessThan(300);
  });
});
