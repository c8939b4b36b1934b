import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_RETENTION_MS, checkDir, pruneStaleChecks } from './checkSession';

describe('pruneStaleChecks', () => {
  it('removes checks untouched past the retention and keeps recent ones', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'checks-'));
    const now = Date.now();
    for (const id of ['old', 'recent']) {
      mkdirSync(checkDir(dataDir, id), { recursive: true });
      writeFileSync(join(checkDir(dataDir, id), 'rows.ndjson'), '[]\n');
    }
    const old = new Date(now - CHECK_RETENTION_MS - 60_000);
    utimesSync(checkDir(dataDir, 'old'), old, old);
    expect(await pruneStaleChecks(dataDir, CHECK_RETENTION_MS, now)).toBe(1);
    expect(existsSync(checkDir(dataDir, 'old'))).toBe(false);
    expect(existsSync(checkDir(dataDir, 'recent'))).toBe(true);
  });

  it('is a no-op when there are no checks yet', async () => {
    expect(await pruneStaleChecks(mkdtempSync(join(tmpdir(), 'checks-')))).toBe(0);
  });
});
