// What the file commands share: the file argument and the output (JSON with --json, else lines
// for people). Nothing here loads the core: inspect starts without it.
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { AppError } from '../core/errors/appError';
import type { CliArgs } from './args';
import type { CliIo } from './backend';

/** The file argument as a path; a missing file is named here (the core only says it cannot open it). */
export function needFile(args: CliArgs, io: CliIo): string {
  if (!args.file) throw new AppError('usage', 'No file given', 'Dosya belirtilmedi');
  const file = resolve(io.workDir ?? process.cwd(), args.file);
  if (!statSync(file, { throwIfNoEntry: false })) {
    const name = `"${basename(file)}"`;
    throw new AppError('file_not_found', `File ${name} was not found.`, `${name} dosyası bulunamadı.`, { file: basename(file) });
  }
  return file;
}

/** The source options given on the command line. */
export const sourceOptions = (args: CliArgs) => ({ sheet: args.sheet, headerRow: args.headerRow });

export const print = (io: CliIo, args: CliArgs, value: unknown, human: string) => io.stdout.write(args.json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);
