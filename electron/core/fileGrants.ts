// Files the desktop host hands out. The renderer never names a path: it holds an opaque id for a
// file the user picked in a native dialog or dropped on the window, or one the app wrote for them,
// and each id is good only for what it was given for (read an import source, write an export,
// show in the file manager). A path the renderer makes up is simply not an id.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import { AppError } from './errors/appError';
import type { FileAccess, FileUse } from './services';

export const FILE_ID_PREFIX = 'file:';
const MAX_PATH = 4096;

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export class FileGrants implements FileAccess {
  private readonly grants = new Map<string, { path: string; uses: ReadonlySet<FileUse> }>();

  /** A new id for `path`, valid for `uses` only. */
  grant(path: string, uses: readonly FileUse[]): string {
    const id = FILE_ID_PREFIX + randomUUID();
    this.grants.set(id, { path, uses: new Set(uses) });
    return id;
  }

  /**
   * A file dropped on the window or picked in a file input, as the preload found it
   * (webUtils.getPathForFile: only a real user-chosen File has a path). It must still be an
   * existing regular file with an absolute path.
   */
  grantChosen(raw: unknown): { fileId: string; name: string } {
    if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_PATH || !isAbsolute(raw) || !isRegularFile(raw)) {
      throw new AppError('file_refused', 'Only a file dropped on the window or chosen in a dialog can be opened', 'Yalnızca pencereye bırakılan ya da bir pencerede seçilen dosya açılabilir');
    }
    return { fileId: this.grant(raw, ['read', 'reveal']), name: basename(raw) };
  }

  resolve(ref: string, use: FileUse = 'read'): { path: string; name: string } | undefined {
    const grant = this.grants.get(ref);
    if (!grant?.uses.has(use)) return undefined;
    // A file to read or show must (still) be one; an export target may not exist yet.
    if (use !== 'write' && !isRegularFile(grant.path)) return undefined;
    return { path: grant.path, name: basename(grant.path) };
  }

  offerDownload(): undefined {
    return undefined;
  }
}
