import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSessionDir, removeOrphanedSessions } from './sessionDir';

describe('web mode session folder', () => {
  it('is new and owner-only per run, removed on stop, and a crashed run’s folder is removed by the next', () => {
    const base = mkdtempSync(join(tmpdir(), 'sessions-'));
    // A run that crashed: its pid is gone, its folder (with an upload) is still there.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    const orphan = join(base, `kafkasder-web-${gone}-abc123`);
    mkdirSync(join(orphan, 'web-uploads'), { recursive: true });
    writeFileSync(join(orphan, 'web-uploads', 'liste.csv'), 'TC;Ad\n');
    // Another run still going (this process's parent stands in for it), and an unrelated folder.
    const alive = join(base, `kafkasder-web-${process.ppid}-def456`);
    mkdirSync(alive);
    mkdirSync(join(base, 'other'));

    const session = createSessionDir(base);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(alive)).toBe(true);
    expect(existsSync(join(base, 'other'))).toBe(true);
    expect(session.dir.startsWith(join(base, `kafkasder-web-${process.pid}-`))).toBe(true);
    if (process.platform !== 'win32') expect(statSync(session.dir).mode & 0o777).toBe(0o700);

    writeFileSync(join(session.dir, 'messaging.json'), '{}');
    session.remove();
    expect(existsSync(session.dir)).toBe(false);
  });

  it('survives an entry it may not delete (EPERM) and removes the rest', () => {
    const base = mkdtempSync(join(tmpdir(), 'sessions-'));
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    const planted = join(base, `kafkasder-web-${gone}-planted`);
    const orphan = join(base, `kafkasder-web-${gone}-orphan`);
    mkdirSync(planted);
    mkdirSync(orphan);
    const removed = removeOrphanedSessions(base, 'kafkasder-web-', (path) => {
      if (path === planted) throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
      rmSync(path, { recursive: true, force: true });
    });
    expect(removed).toBe(1);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(planted)).toBe(true);
  });
});
