// What the file commands share: the file argument, the source's description and the output
// (JSON with --json, else lines for people).
import { resolve } from 'node:path';
// eslint-disable-next-line layers/zones -- the CLI still reads files itself (inspect without a core); issue #26: through inspectImportFile
import type { SourceInfo } from '../features/imports/reading/source';
import { AppError } from '../core/errors/appError';
import type { CliArgs } from './args';
import type { CliIo } from './backend';

export function needFile(args: CliArgs, io: CliIo): string {
  if (!args.file) throw new AppError('usage', 'No file given', 'Dosya belirtilmedi');
  return resolve(io.workDir ?? process.cwd(), args.file);
}

/** The file as read: which sheet and header row were used, and why (chosen, or found). */
export function describeSource(info: SourceInfo) {
  return { file: info.file, format: info.format, encoding: info.encoding, delimiter: info.delimiter, sheet: info.sheet, headerRow: info.headerRow, detection: info.detection ?? null };
}

/** The source options given on the command line. */
export const sourceOptions = (args: CliArgs) => ({ sheet: args.sheet, headerRow: args.headerRow });

export const print = (io: CliIo, args: CliArgs, value: unknown, human: string) => io.stdout.write(args.json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);
