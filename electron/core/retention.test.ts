import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
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

  it('keeps an entry exactly as old as the setting and removes one a second older (a day either way is wrong)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'retention-'));
    // Whole seconds: file times keep them exactly.
    const now = Math.floor(Date.now() / 1000) * 1000;
    const at = (name: string, ms: number) => {
      const entry = join(dataDir, 'reports', name);
      mkdirSync(entry, { recursive: true });
      utimesSync(entry, new Date(now - ms), new Date(now - ms));
      return entry;
    };
    const entries = {
      dayEarlier: at('29-days', 29 * DAY),
      justInside: at('30-days-less-1s', 30 * DAY - 1000),
      exactly: at('30-days', 30 * DAY),
      justPast: at('30-days-and-1s', 30 * DAY + 1000),
      dayLater: at('31-days', 31 * DAY),
    };
    expect(await sweepPersonalData(dataDir, 30, now)).toBe(2);
    expect(Object.fromEntries(Object.entries(entries).map(([k, p]) => [k, existsSync(p)]))).toEqual({
      dayEarlier: true,
      justInside: true,
      exactly: true,
      justPast: false,
      dayLater: false,
    });
  });

  it('sweeps when it starts, before any interval, and then on its interval with the setting read each time', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const dataDir = mkdtempSync(join(tmpdir(), 'retention-'));
    const stale = join(dataDir, 'checks', 'c0');
    const entry = join(dataDir, 'checks', 'c1');
    mkdirSync(stale, { recursive: true });
    mkdirSync(entry, { recursive: true });
    age(stale, 31, Date.now());
    age(entry, 10, Date.now());
    let days = 30;
    let sweeps = 0;
    const retention = startRetention(dataDir, () => (sweeps++, days), DAY);
    try {
      // The first sweep runs at start: no interval has passed (the fake clock does not move).
      await expect.poll(() => existsSync(stale), { timeout: 5_000 }).toBe(false);
      expect(existsSync(entry)).toBe(true);
      days = 5;
      vi.advanceTimersByTime(DAY);
      await expect.poll(() => existsSync(entry), { timeout: 5_000 }).toBe(false);
      expect(sweeps).toBe(2);
      // Stopped: no more sweeps (each reads the setting first).
      retention.stop();
      vi.advanceTimersByTime(3 * DAY);
      expect(sweeps).toBe(2);
    } finally {
      retention.stop();
      vi.useRealTimers();
    }
  });

  it('is a no-op on an empty data folder', async () => {
    expect(await sweepPersonalData(mkdtempSync(join(tmpdir(), 'retention-')), 30)).toBe(0);
  });
});
