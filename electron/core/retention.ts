// How long personal data stays on this PC. Check stores (a copy of the checked file's rows),
// import run folders (journals for resume), error reports (rejected rows with their original
// cells) and exports left for download are removed once older than the retention setting
// (default 30 days): when the app starts and once a day while it runs. Uploads and downloaded
// exports go sooner, right after use (see UploadStore).
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Folders under the data folder whose entries hold personal data for a while. */
export const RETAINED_FOLDERS = ['checks', 'import-runs', 'reports', 'exports', 'web-uploads'] as const;

/** Removes entries of the retained folders last changed before `now - days`; returns how many went. */
export async function sweepPersonalData(dataDir: string, days: number, now = Date.now()): Promise<number> {
  const cutoff = now - days * DAY_MS;
  let removed = 0;
  for (const folder of RETAINED_FOLDERS) {
    const root = join(dataDir, folder);
    for (const name of await readdir(root).catch(() => [] as string[])) {
      const entry = join(root, name);
      const info = await stat(entry).catch(() => null);
      if (info && info.mtimeMs < cutoff) {
        await rm(entry, { recursive: true, force: true });
        removed++;
      }
    }
  }
  return removed;
}

/** Sweeps now and every `intervalMs` (a day) until stopped; a failed sweep is logged, never fatal. */
export function startRetention(dataDir: string, days: () => number, intervalMs = DAY_MS): { stop(): void } {
  const sweep = () =>
    void sweepPersonalData(dataDir, days()).catch((err: unknown) => console.error('retention sweep failed:', err instanceof Error ? err.message : err));
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
