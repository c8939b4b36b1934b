import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RETAINED_FOLDERS, startRetention, sweepPersonalData } from './retention';

const DAY = 24 * 60 * 60 * 1000;

function age(path: string, days: number, now: number) {
  const t = new Date(now - days * DAY);
  utimesSync(path, t, t);
}

describe('retention of personal data on this PC', () => {
  it('removes check stores, run folders, reports and exports older than the setting, keeps newer ones and everything else', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'retention-'));
    const now = Date.now();
    const made: Record<string, string> = {};
    for (const folder of RETAINED_FOLDERS) {
      for (const which of ['old', 'new']) {
        const entry = join(dataDir, folder, `${which}-entry`);
        mkdirSync(entry, { recursive: true });
        writeFileSync(join(entry, 'rows.ndjson'), '["12345678901"]\n');
        made[`${folder}/${which}`] = entry;
      }
      age(made[`${folder}/old`]!, 31, now);
      age(made[`${folder}/new`]!, 29, now);
    }
    // A loose report file, and files that are not personal data stores.
    const report = join(dataDir, 'reports', 'liste-hatalar.csv');
    writeFileSync(report, 'Ad;Hata\n');
    age(report, 45, now);
    writeFileSync(join(dataDir, 'settings.json'), '{}');
    age(join(dataDir, 'settings.json'), 400, now);

    expect(await sweepPersonalData(dataDir, 30, now)).toBe(RETAINED_FOLDERS.length + 1);
    for (const folder of RETAINED_FOLDERS) {
      expect(existsSync(made[`${folder}/old`]!), folder).toBe(false);
      expect(existsSync(made[`${folder}/new`]!), folder).toBe(true);
    }
    expect(existsSync(report)).toBe(false);
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(true);
    // A shorter setting takes the rest.
    expect(await sweepPersonalData(dataDir, 7, now)).toBe(RETAINED_FOLDERS.length);
  });

  it('sweeps at start and then on its interval, with the setting read each time', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'retention-'));
    const entry = join(dataDir, 'checks', 'c1');
    mkdirSync(entry, { recursive: true });
    age(entry, 10, Date.now());
    let days = 30;
    const retention = startRetention(dataDir, () => days, 50);
    await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(entry)).toBe(true);
    days = 5;
    await expect.poll(() => existsSync(entry), { timeout: 2_000 }).toBe(false);
    retention.stop();
  });

  it('is a no-op on an empty data folder', async () => {
    expect(await sweepPersonalData(mkdtempSync(join(tmpdir(), 'retention-')), 30)).toBe(0);
  });
});
