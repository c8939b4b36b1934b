// Web mode's data folder (and the CLI's scratch folder): a fresh one per run under the system temp
// folder (settings, secrets, uploads, exports, check stores), never the desktop app's. It is
// removed when the run stops; a folder left behind by a run that crashed or was killed is
// removed by the next run.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WEB_PREFIX = 'kafkasder-web-';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes session folders whose run is gone; returns how many. The temp folder is shared: an
 * entry someone else planted that cannot be removed (EPERM) is left, not a reason to fail.
 */
export function removeOrphanedSessions(base = tmpdir(), prefix = WEB_PREFIX, remove = (path: string) => rmSync(path, { recursive: true, force: true })): number {
  let removed = 0;
  for (const name of readdirSync(base)) {
    const pid = name.startsWith(prefix) ? Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]) : NaN;
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    try {
      remove(join(base, name));
      removed++;
    } catch {
      // not ours to remove
    }
  }
  return removed;
}

export interface SessionDir {
  dir: string;
  remove(): void;
}

/** A new owner-only folder for this run (mkdtemp creates it 0700), named by this process. */
export function createSessionDir(base = tmpdir(), prefix = WEB_PREFIX): SessionDir {
  removeOrphanedSessions(base, prefix);
  const dir = mkdtempSync(join(base, `${prefix}${process.pid}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
