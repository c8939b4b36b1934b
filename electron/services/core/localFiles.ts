// File access for hosts where the user picks files on this PC (Electron, CLI): a reference is an
// absolute path to a regular file. Anything else is refused before a reader touches it.
import { statSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import type { FileAccess } from './services';

export const localFiles: FileAccess = {
  resolve(ref) {
    if (!isAbsolute(ref)) return undefined;
    try {
      return statSync(ref).isFile() ? { path: ref, name: basename(ref) } : undefined;
    } catch {
      return undefined;
    }
  },
  offerDownload: () => undefined,
};
