import { SourceError, abortError } from './sourceErrors';
import { SharedStrings, SharedStringsLimitError } from './sharedStrings';
import { CellTooLongError, SheetDimensionError, SheetFormatError, SheetScanner, columnName, type SheetContext } from './sheetScanner';
import { isFilled } from './xlsxCells';
import { openPackage, packageError, readDateStyles } from './xlsxWorkbook';
import type { CellValue, SheetExtent, SourceRow, WorkbookLayout, WorkbookSheet } from './sourceTypes';
import { keepRowsYoung } from './youngRows';

/** A sheet's XML is streamed, never held; beyond this it is not a sheet anyone typed. */
export const MAX_SHEET_BYTES = 2 * 1024 * 1024 * 1024;
/** The shared-strings part, also streamed; its kept text has limits of its own (sharedStrings.ts). */
const MAX_SHARED_STRINGS_PART_BYTES = 1024 * 1024 * 1024;
/** One row's XML, as a CSV record is capped: no row anyone typed is longer; a hostile one is refused before it is held. */
export const MAX_ROW_BYTES = 1024 * 1024;

/**
 * The rows of one sheet that have a cell, in batches as the sheet's XML is inflated (about 128 KiB
 * of XML at a time). Pull-based: the file is read and inflated only as batches are consumed, and
 * the shared-strings table only as far as the rows so far refer to it. Any failure inside the
 * package is a SourceError naming the file.
 */
export async function* sheetRows(
  file: string,
  sizeBytes: number,
  layout: WorkbookLayout,
  sheet: WorkbookSheet,
  { signal, maxColumns, extent }: { signal?: AbortSignal; maxColumns?: number; extent?: SheetExtent } = {},
): AsyncGenerator<SourceRow[]> {
  keepRowsYoung();
  if (sheet.part === null) return;
  const zip = await openPackage(file, sizeBytes);
  let sharedStrings: SharedStrings | null = null;
  try {
    const xml = await zip.stream(sheet.part, MAX_SHEET_BYTES);
    if (xml === null) return; // e.g. a chart sheet's part: nothing to read there
    if (extent) extent.sheetBytes = zip.entries.get(sheet.part)!.size;
    const dateStyles = await readDateStyles(zip, layout.styles);
    sharedStrings = new SharedStrings(layout.sharedStrings ? await zip.stream(layout.sharedStrings, MAX_SHARED_STRINGS_PART_BYTES) : null);
    yield* scanSheetXml(xml, { sharedStrings, dateStyles, date1904: layout.date1904, maxColumns }, signal, extent);
  } catch (err) {
    throw asSourceError(file, err, signal);
  } finally {
    await sharedStrings?.close().catch(() => undefined);
    await zip.close();
  }
}

/** Too long a row: a hostile sheet, refused, naming the row. */
export class RowTooLongError extends Error {
  constructor(readonly row: number) {
    super(`row ${row} is longer than ${MAX_ROW_BYTES / 1024 / 1024} MiB`);
  }
}

/**
 * The rows of a sheet's XML as it comes, in whatever pieces: each piece's whole rows are scanned,
 * the unfinished rest waits for the next piece. The bytes and rows scanned are added to `extent`.
 */
export async function* scanSheetXml(xml: AsyncIterable<Buffer>, ctx: SheetContext, signal?: AbortSignal, extent?: SheetExtent): AsyncGenerator<SourceRow[]> {
  const scanner = new SheetScanner(ctx);
  // Pieces since the last whole row. They are joined and scanned only once a row may have ended
  // in them: rescanning a growing rest at every piece would be quadratic in a row's length.
  let parts: Buffer[] = [];
  let length = 0;
  let tail: Buffer = EMPTY;
  const scanned = (bytes: number, rows: number): void => {
    if (!extent) return;
    extent.scannedBytes += bytes;
    extent.scannedRows += rows;
  };
  for await (const chunk of xml) {
    if (signal?.aborted) throw abortError(signal);
    parts.push(chunk);
    length += chunk.length;
    const edge = Buffer.concat([tail, chunk.subarray(0, EDGE_BYTES)]);
    tail = chunk.subarray(Math.max(0, chunk.length - EDGE_BYTES));
    if (scanner.ready && !mayEndRow(chunk) && !mayEndRow(edge)) {
      if (length > MAX_ROW_BYTES) throw new RowTooLongError(scanner.rowAt(parts[0]!));
      continue;
    }
    const b = parts.length === 1 ? chunk : Buffer.concat(parts, length);
    const rows: SourceRow[] = [];
    const used = scanner.scan(b, false, rows);
    scanned(used, rows.length);
    parts = used < b.length ? [b.subarray(used)] : [];
    length = b.length - used;
    if (length > MAX_ROW_BYTES) throw new RowTooLongError(scanner.rowAt(parts[0]!));
    await scanner.resolve();
    if (rows.length > 0) yield rows;
    if (scanner.ended) return;
  }
  const rows: SourceRow[] = [];
  scanner.scan(Buffer.concat(parts, length), true, rows);
  scanned(length, rows.length);
  await scanner.resolve();
  if (rows.length > 0) yield rows;
}

const EMPTY: Buffer = Buffer.alloc(0);
/** Longer than "</sheetData>" with a prefix of a few letters. */
const EDGE_BYTES = 24;
/** Whatever the prefix, </row> ends in "row>" and </sheetData> in "Data>". */
const ROW_END = Buffer.from('row>');
const DATA_END = Buffer.from('Data>');

function mayEndRow(b: Buffer): boolean {
  return b.indexOf(ROW_END) !== -1 || b.indexOf(DATA_END) !== -1;
}

function asSourceError(file: string, err: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return abortError(signal);
  if (err instanceof SharedStringsLimitError) {
    return new SourceError('unsafe_archive', file, { reason: err.message, reasonTr: err.messageTr }, err);
  }
  if (err instanceof RowTooLongError) return new SourceError('record_too_long', file, { row: err.row, maxBytes: MAX_ROW_BYTES }, err);
  if (err instanceof CellTooLongError) return new SourceError('cell_too_long', file, { row: err.row, column: columnName(err.column) }, err);
  if (err instanceof SheetDimensionError) {
    return new SourceError('corrupt', file, { reason: err.message, reasonTr: err.messageTr }, err);
  }
  if (err instanceof SheetFormatError) {
    return new SourceError('corrupt', file, { reason: err.message, reasonTr: 'sayfanın XML içeriği bozuk' }, err);
  }
  return packageError(file, err);
}

export function isBlankRow(cells: CellValue[]): boolean {
  return !cells.some(isFilled);
}

/** A row with values only past the columns read (it carries its true width) is not blank. */
export function isBlankSourceRow(row: SourceRow): boolean {
  return isBlankRow(row.cells) && row.width === undefined;
}

/**
 * Data rows of one sheet (rows after `afterRow` that have a value), in batches. Backpressure comes
 * for free: the next rows are read only when the consumer asks for the next batch.
 */
export async function* xlsxRows(
  file: string,
  sizeBytes: number,
  layout: WorkbookLayout,
  sheet: WorkbookSheet,
  opts: { signal?: AbortSignal; chunkRows?: number; afterRow?: number; maxColumns?: number; extent?: SheetExtent },
): AsyncGenerator<SourceRow[]> {
  const chunkRows = Math.max(1, opts.chunkRows ?? 2000);
  const afterRow = opts.afterRow ?? 0;
  let batch: SourceRow[] = [];
  for await (const rows of sheetRows(file, sizeBytes, layout, sheet, opts)) {
    for (const row of rows) {
      // A chunk holds many rows: an abort must still stop at the next row.
      if (opts.signal?.aborted) throw abortError(opts.signal);
      if (row.rowNumber <= afterRow || isBlankRow(row.cells)) continue;
      batch.push(row);
      if (batch.length >= chunkRows) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}
