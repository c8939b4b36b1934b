// Hostile files through the real `kafkasder validate` process, as an attacker would hand them to
// staff: each ends with a clear message naming what it refused (or reads normally), and leaves
// nothing in the temp folder. bench/hostile prints the seconds and peak RSS of each.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hostileFiles, writeHostileFiles } from '../features/imports/hostileFiles.test-util';

const BIN = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const filesDir = mkdtempSync(join(tmpdir(), 'kafkasder-hostile-'));
const paths = writeHostileFiles(filesDir);
afterAll(() => rmSync(filesDir, { recursive: true, force: true }));

function validate(file: string, tmp: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'validate', file, '--lang', 'en'],
      { env: { PATH: process.env.PATH, CONVEX_URL: '', TMPDIR: tmp, TEMP: tmp, TMP: tmp }, cwd: tmp, timeout: 170_000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// Each case is a node process running the CLI's bundle (seconds on a busy machine):
// they run side by side and the timeout is generous; bench/hostile measures the time.
describe.concurrent('hostile files through kafkasder validate', { timeout: 180_000 }, () => {
  it.each(hostileFiles().map((f) => [f.name, f] as const))('%s ends with a clear answer and leaves no temp files', async (name, f) => {
    const tmp = mkdtempSync(join(tmpdir(), 'kafkasder-hostile-tmp-'));
    try {
      const r = await validate(paths.get(name)!, tmp);
      if (f.expect) {
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(f.expect);
        expect(r.stderr).toContain(name);
      } else {
        expect([0, 1], r.stderr).toContain(r.code);
      }
      expect(r.stderr).not.toMatch(/Beklenmeyen|Unexpected|Invalid string length|heap/i);
      expect(readdirSync(tmp).filter((n) => !n.startsWith('tsx-'))).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
