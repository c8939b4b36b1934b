// `kafkasder inspect`: what a file is (format, encoding, delimiter, sheet, headers, the record
// type its headers point to) and its first rows. Through the imports feature's standalone part:
// no core, no backend, so it starts at once.
import { basename } from 'node:path';
import type { CellValue } from '../../shared/domain/types';
import { describeFile } from '../features/imports/standalone';
import type { CliArgs } from './args';
import type { CliIo } from './backend';
import { needFile, print, sourceOptions } from './fileOutput';

const jsonCell = (c: CellValue): string | number | boolean | null =>
  c === undefined ? null : c instanceof Date ? (Number.isNaN(c.getTime()) ? null : c.toISOString()) : c;

export async function inspectCommand(args: CliArgs, io: CliIo): Promise<number> {
  const file = needFile(args, io);
  const { info, rows: cells, collectionGuess } = await describeFile(file, sourceOptions(args), args.limit);
  const rows = cells.map((row) => {
    const obj: Record<string, string | number | boolean | null> = {};
    info.headers.forEach((h, i) => (obj[h] = jsonCell(row[i])));
    return obj;
  });
  const out = { file, format: info.format, encoding: info.encoding, delimiter: info.delimiter, sheets: info.sheets, sheet: info.sheet, headerRow: info.headerRow, detection: info.detection ?? null, headers: info.headers, collectionGuess, rows };
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

