// `kafkasder inspect`: what a file is (format, encoding, delimiter, sheet, headers, the record
// type its headers point to) and its first rows. Only the reading room: no core, no backend.
import { basename } from 'node:path';
// From the modules themselves, not the domain's index (which brings the phone metadata along).
import { explainedCollectionGuess } from '../../shared/domain/collectionGuess';
import type { CellValue } from '../../shared/domain/types';
// eslint-disable-next-line layers/zones -- inspect reads the file itself, without a core: it must start at once (issue #27); the import commands read through inspectImportFile
import { inspectSource, readRows } from '../features/imports/reading/source';
import type { CliArgs } from './args';
import type { CliIo } from './backend';
import { needFile, print, sourceOptions } from './fileOutput';

const jsonCell = (c: CellValue): string | number | boolean | null =>
  c === undefined ? null : c instanceof Date ? (Number.isNaN(c.getTime()) ? null : c.toISOString()) : c;

export async function inspectCommand(args: CliArgs, io: CliIo): Promise<number> {
  const file = needFile(args, io);
  const info = await inspectSource(file, sourceOptions(args));
  const rows: Record<string, string | number | boolean | null>[] = [];
  if (args.limit > 0) {
    outer: for await (const batch of readRows(file, info, { chunkRows: Math.min(args.limit, 2000) })) {
      for (const row of batch) {
        const obj: Record<string, string | number | boolean | null> = {};
        info.headers.forEach((h, i) => (obj[h] = jsonCell(row.cells[i])));
        rows.push(obj);
        if (rows.length >= args.limit) break outer;
      }
    }
  }
  const collectionGuess = explainedCollectionGuess(info.headers);
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

