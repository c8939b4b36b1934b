// What the file commands share: the file argument, how the file reads (the wizard's
// inspectImportFile channel, in a core over no backend) and the output (JSON with --json, else
// lines for people).
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ChannelOutput } from '../../shared/contract/channels';
import type { CollectionName } from '../../shared/domain';
import { AppError } from '../core/errors/appError';
import type { CliArgs } from './args';
import { callCore, openReadingCore, type CliIo } from './backend';

export type FileInfo = ChannelOutput<'inspectImportFile'>;

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

/**
 * How `file` reads, as the wizard sees it: sheet, header row, headers, the first `previewRows`
 * rows and, given a collection, the suggested mapping (the wizard's remembered one first).
 */
export async function inspectFile(args: CliArgs, io: CliIo, file: string, opts: { collection?: CollectionName; previewRows?: number } = {}): Promise<FileInfo> {
  const { core, close } = openReadingCore(io);
  try {
    const fileId = core.services.files.grant!(file, ['read']);
    return await callCore(core, 'inspectImportFile', { file: fileId, sheet: args.sheet, headerRow: args.headerRow, ...opts });
  } finally {
    await close();
  }
}

/** The file as read: which sheet and header row were used, and why (chosen, or found). */
export function describeSource(file: string, info: FileInfo) {
  return { file, format: info.format, encoding: info.encoding, delimiter: info.delimiter, sheet: info.sheet, headerRow: info.headerRow, detection: info.detection };
}

/** mapping as { header: field } (unmapped headers left out). */
export function mappingByHeader(headers: string[], mapping: (string | null)[]): Record<string, string> {
  const out: Record<string, string> = {};
  mapping.forEach((field, column) => {
    if (field !== null) out[headers[column] ?? `Sütun ${column + 1}`] = field;
  });
  return out;
}

export const print = (io: CliIo, args: CliArgs, value: unknown, human: string) => io.stdout.write(args.json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);
