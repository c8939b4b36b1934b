// Local, per-PC settings kept by the core (not in Convex): language, the deployment URL, which
// staff profile this PC acts as, retention and the idle lock. Written atomically (temp file + rename) with owner-only permissions.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { lang } from '../../../shared/contract/schemas';
import { IDLE_LOCK_DEFAULT_MINUTES, IDLE_LOCK_MAX_MINUTES, IDLE_LOCK_MIN_MINUTES } from '../../../shared/domain/sessions';

const storedSettings = z.object({
  language: lang.default('tr'),
  backendUrl: z.string().nullable().default(null),
  /** Staff profile id per backend (ids belong to one deployment). */
  profileIds: z.record(z.string(), z.string()).default({}),
  /** Folder of the last native save dialog, offered again next time. */
  lastSaveDir: z.string().nullable().default(null),
  /** Days that check stores, import run folders, error reports and exports stay on this PC (core/retention.ts). */
  retentionDays: z.number().int().min(1).max(365).default(30),
  /** Minutes without input before the app signs out (renderer/src/app/idleLock.ts). */
  idleLockMinutes: z.number().int().min(IDLE_LOCK_MIN_MINUTES).max(IDLE_LOCK_MAX_MINUTES).default(IDLE_LOCK_DEFAULT_MINUTES),
});
export type StoredSettings = z.infer<typeof storedSettings>;

export class SettingsStore {
  private readonly file: string;
  private value: StoredSettings;

  constructor(readonly dir: string) {
    this.file = join(dir, 'settings.json');
    this.value = this.load();
  }

  get(): StoredSettings {
    return this.value;
  }

  update(patch: Partial<StoredSettings>): StoredSettings {
    this.value = storedSettings.parse({ ...this.value, ...patch });
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.value, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
    return this.value;
  }

  private load(): StoredSettings {
    try {
      return storedSettings.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      // Missing or unreadable settings start from defaults; the next save rewrites the file.
      return storedSettings.parse({});
    }
  }
}
