// Web mode's data folder: a fresh one per run under the system temp folder (settings, secrets,
// uploads, exports, check stores), never the desktop app's. It is removed when the run stops;
// a folder left behind by a run that crashed is removed by the next run.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'kafkasder-web-';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes session folders whose run is gone; returns how many. */
export function removeOrphanedSessions(base = tmpdir()): number {
  let removed = 0;
  for (const name of readdirSync(base)) {
    const pid = name.startsWith(PREFIX) ? Number(/^(\d+)-/.exec(name.slice(PREFIX.length))?.[1]) : NaN;
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    rmSync(join(base, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

export interface SessionDir {
  dir: string;
  remove(): void;
}

/** A new owner-only folder for this run (mkdtemp creates it 0700). */
export function createSessionDir(base = tmpdir()): SessionDir {
  removeOrphanedSessions(base);
  const dir = mkdtempSync(join(base, `${PREFIX}${process.pid}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
