// `kafkasder inspect`: what a file is (format, encoding, delimiter, sheet, headers, the record
// type its headers point to) and its first rows, read by the wizard's inspectImportFile channel
// in a core over no backend.
import { basename } from 'node:path';
import type { CliArgs } from './args';
import type { CliIo } from './backend';
import { inspectFile, needFile, print } from './fileOutput';

/** The most rows the channel previews (shared/contract/imports.ts: previewRows). */
const MAX_ROWS = 200;

export async function inspectCommand(args: CliArgs, io: CliIo): Promise<number> {
  const file = needFile(args, io);
  const info = await inspectFile(args, io, file, { previewRows: Math.min(args.limit, MAX_ROWS) });
  const rows = info.preview.map((row) => Object.fromEntries(info.headers.map((h, i) => [h, row.cells[i] ?? null])));
  const { collectionGuess } = info;
  const out = { file, format: info.format, encoding: info.encoding, delimiter: info.delimiter, sheets: info.sheets, sheet: info.sheet, headerRow: info.headerRow, detection: info.detection, headers: info.headers, collectionGuess, rows };
  const t = args.lang === 'tr';
  const human = [
    `${basename(file)}: ${info.format.toUpperCase()}${info.encoding ? `, ${info.encoding}` : ''}${info.delimiter ? `, ${t ? 'ayraç' : 'delimiter'} "${info.delimiter === '\t' ? 'TAB' : info.delimiter}"` : ''}${info.sheet ? `, ${t ? 'sayfa' : 'sheet'} "${info.sheet}"` : ''}`,
    ...(info.detection?.sheet ? [info.detection.sheet[args.lang]] : []),
    ...(info.detection ? [info.detection.headerRow[args.lang]] : []),
    `${t ? 'Başlıklar' : 'Headers'} (${t ? 'satır' : 'row'} ${info.headerRow}): ${info.headers.join(' | ')}`,
    `${t ? 'Kayıt türü' : 'Record type'}: ${collectionGuess.collection ?? '?'} (${collectionGuess.reason[args.lang]})`,
    ...rows.map((r) => Object.values(r).map((v) => (v === null ? '' : String(v))).join(' | ')),
  ].join('\n');
  print(io, args, out, human);
  return 0;
}
