// Where the core writes an export: a file the user chose in the host's save dialog, or (web mode,
// which downloads) a file in the core's own exports folder named without user text.
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from './errors/appError';
import type { FileAccess } from './services';

/** `2025-06-01-153000`: the local time a file was written, for names that carry no user text. */
export function fileStamp(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}

/**
 * Where an export goes: the file chosen in the save dialog (`target`, desktop), or without one
 * (web mode, which downloads) `defaultName` in the core's own exports folder.
 */
export async function resolveTarget(deps: { dataDir: string; files: FileAccess }, targetId: string | undefined, defaultName: () => string): Promise<string> {
  if (targetId === undefined) {
    const dir = join(deps.dataDir, 'exports');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return join(dir, defaultName());
  }
  // Only a file chosen in this host's save dialog: web mode (which downloads) has none, and the
  // renderer cannot make a path up.
  const target = deps.files.resolve(targetId, 'write')?.path;
  if (target === undefined) {
    throw new AppError('target_not_allowed', 'The export target must be chosen in the save dialog', 'Dışa aktarma hedefi kaydetme penceresinde seçilmeli');
  }
  const folder = await stat(dirname(target)).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new AppError('target_folder_missing', `Folder not found: ${dirname(target)}`, `Klasör bulunamadı: ${dirname(target)}`);
  }
  return target;
}
