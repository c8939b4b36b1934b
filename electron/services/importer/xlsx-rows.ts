import { SourceError, abortError } from './errors';
import { SharedStrings, SharedStringsLimitError } from './sharedStrings';
import { SheetDimensionError, SheetFormatError, SheetScanner } from './sheetScanner';
import { isFilled } from './xlsx-cells';
import { openPackage, packageError, readDateStyles, type WorkbookLayout, type WorkbookSheet } from './xlsx-workbook';
import type { CellValue, SourceRow } from './source-types';

/** A sheet's XML is streamed, never held; beyond this it is not a sheet anyone typed. */
export const MAX_SHEET_BYTES = 2 * 1024 * 1024 * 1024;
/** The shared-strings part, also streamed; its kept text has limits of its own (sharedStrings.ts). */
const MAX_SHARED_STRINGS_PART_BYTES = 1024 * 1024 * 1024;
/** One row's XML: 16,384 cells of long text would be about this; longer is not a real row. */
const MAX_ROW_BYTES = 32 * 1024 * 1024;

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
  signal?: AbortSignal,
): AsyncGenerator<SourceRow[]> {
  if (sheet.part === null) return;
  const zip = await openPackage(file, sizeBytes);
  let sharedStrings: SharedStrings | null = null;
  try {
    const xml = await zip.stream(sheet.part, MAX_SHEET_BYTES);
    if (xml === null) return; // e.g. a chart sheet's part: nothing to read there
    const dateStyles = await readDateStyles(zip, layout.styles);
    sharedStrings = new SharedStrings(layout.sharedStrings ? await zip.stream(layout.sharedStrings, MAX_SHARED_STRINGS_PART_BYTES) : null);
    const scanner = new SheetScanner({ sharedStrings, dateStyles, date1904: layout.date1904 });
    let carry: Buffer | null = null;
    for await (const chunk of xml) {
      if (signal?.aborted) throw abortError(signal);
      const b: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      const rows: SourceRow[] = [];
      const used = scanner.scan(b, false, rows);
      carry = used < b.length ? b.subarray(used) : null;
      if (carry && carry.length > MAX_ROW_BYTES) {
        throw new SourceError('unsafe_archive', file, {
          reason: `a row of sheet "${sheet.name}" is longer than ${MAX_ROW_BYTES / 1024 / 1024} MiB`,
          reasonTr: `"${sheet.name}" sayfasında ${MAX_ROW_BYTES / 1024 / 1024} MiB'den uzun bir satır var`,
        });
      }
      await scanner.resolve();
      if (rows.length > 0) yield rows;
      if (scanner.ended) return;
    }
    if (!scanner.ended) {
      const rows: SourceRow[] = [];
      scanner.scan(carry ?? Buffer.alloc(0), true, rows);
      await scanner.resolve();
      if (rows.length > 0) yield rows;
    }
  } catch (err) {
    throw asSourceError(file, err, signal);
  } finally {
    await sharedStrings?.close().catch(() => undefined);
    await zip.close();
  }
}

function asSourceError(file: string, err: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return abortError(signal);
  if (err instanceof SharedStringsLimitError) {
    return new SourceError('unsafe_archive', file, { reason: err.message, reasonTr: err.messageTr }, err);
  }
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

/**
 * Data rows of one sheet (rows after `afterRow` that have a value), in batches. Backpressure comes
 * for free: the next rows are read only when the consumer asks for the next batch.
 */
export async function* xlsxRows(
  file: string,
  sizeBytes: number,
  layout: WorkbookLayout,
  sheet: WorkbookSheet,
  opts: { signal?: AbortSignal; chunkRows?: number; afterRow?: number },
): AsyncGenerator<SourceRow[]> {
  const chunkRows = Math.max(1, opts.chunkRows ?? 2000);
  const afterRow = opts.afterRow ?? 0;
  let batch: SourceRow[] = [];
  for await (const rows of sheetRows(file, sizeBytes, layout, sheet, opts.signal)) {
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
