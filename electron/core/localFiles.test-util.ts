// File access where the person typing is the user of this PC (today only the tests that drive
// the importer directly): a reference is an absolute path. No renderer ever reaches this:
// Electron hands out FileGrants ids, web mode upload ids.
import { statSync } from 'node:fs';
import { basename, dirname, isAbsolute } from 'node:path';
import type { FileAccess } from './services';

const isDir = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};
const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

export const localFiles: FileAccess = {
  resolve(ref, use = 'read') {
    if (!isAbsolute(ref)) return undefined;
    const ok = use === 'write' ? isDir(dirname(ref)) : isFile(ref);
    return ok ? { path: ref, name: basename(ref) } : undefined;
  },
  offerDownload: () => undefined,
};
