// The reading room of the importer (then checking/, then running/): what a file is, what its
// header is, and its data rows as a stream. A file is sniffed once per operation (inspectSource)
// and its SourceInfo passed to every later read of it: the check's pass, and the run's second
// pass over the same file. Everything after this (mapping, validation, batching) sees only
// SourceInfo and SourceRow.
import { stat } from 'node:fs/promises';
import { csvRows, type CsvDialect } from './csvRows';
import { detectDialect } from './csvDialect';
import { SourceError, abortError } from './sourceErrors';
import { DEFAULT_MAX_BYTES, sniffFile } from './sniff';
import { readLayout } from './xlsxWorkbook';
import { isBlankSourceRow, sheetRows, xlsxRows } from './xlsxRows';
import { COLUMNS_PAST_HEADER, MAX_IMPORT_COLUMNS, type CellValue, type OpenOptions, type ReadOptions, type SourceInfo, type SourceRow } from './sourceTypes';
import { HEADER_SCAN_ROWS, bestMatch, chooseHeaderRow, headerRowReason, sheetReason, type HeaderChoice } from './headerDetection';

export type { CellValue, SourceFormat, SourceInfo, SourceRow, OpenOptions, ReadOptions } from './sourceTypes';
export { SourceError } from './sourceErrors';
export type { SourceErrorCode } from './sourceErrors';

/**
 * Opens a file just far enough to describe it: format (by content, not extension), encoding,
 * delimiter, sheets, header row and headers. Reads at most the first data row of the sheet.
 * Throws SourceError for anything that cannot be imported.
 */
export async function inspectSource(file: string, opts: OpenOptions = {}): Promise<SourceInfo> {
  if (opts.signal?.aborted) throw abortError(opts.signal);
  if (opts.headerRow !== undefined && (!Number.isInteger(opts.headerRow) || opts.headerRow < 1)) {
    throw new RangeError(`headerRow must be a positive integer, got ${opts.headerRow}`);
  }
  const sniffed = await sniffFile(file, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  if (sniffed.kind === 'zip') return inspectXlsx(file, sniffed.sizeBytes, opts);

  const dialect: CsvDialect = { encoding: sniffed.encoding, ...detectDialect(sniffed.sample, sniffed.wholeFile, sniffed.longerSample) };
  const found = await findHeader(file, iterateRows(csvRows(file, dialect, { signal: opts.signal, chunkRows: 64 })), opts);
  const detection = { sheet: null, headerRow: headerRowReason(found.choice, opts.headerRow !== undefined) };
  return {
    file,
    format: 'csv',
    sizeBytes: sniffed.sizeBytes,
    encoding: dialect.encoding,
    delimiter: dialect.delimiter,
    lineEnding: dialect.lineEnding,
    sheets: [],
    sheet: null,
    headerRow: found.headerRow,
    headers: found.headers,
    detection,
  };
}

/**
 * Streams the data rows (after the header row, blank rows skipped) in batches of up to
 * `chunkRows` (default 2000). The file is read as the batches are consumed, never whole. `info`
 * is what inspectSource found: the file is not sniffed again.
 * Aborting the signal stops the reading and makes the iteration throw the signal's reason.
 */
export function readRows(file: string, info: SourceInfo, opts: ReadOptions = {}): AsyncIterable<SourceRow[]> {
  const rowOpts = { signal: opts.signal, chunkRows: opts.chunkRows, afterRow: info.headerRow };
  if (info.format === 'csv') {
    if (!info.encoding || !info.delimiter) throw new TypeError('readRows: SourceInfo of a CSV needs encoding and delimiter');
    const dialect: CsvDialect = { encoding: info.encoding, delimiter: info.delimiter, lineEnding: info.lineEnding };
    return csvRows(file, dialect, rowOpts);
  }
  const sheet = info.sheet;
  if (sheet === null) throw new TypeError('readRows: SourceInfo of a workbook needs a sheet');
  return {
    async *[Symbol.asyncIterator]() {
      if (opts.signal?.aborted) throw abortError(opts.signal);
      const sizeBytes = await fileSize(file);
      const layout = info.layout ?? (await readLayout(file, sizeBytes));
      const found = layout.sheets.find((s) => s.name === sheet);
      if (!found) throw new SourceError('no_such_sheet', file, { sheet, sheets: layout.sheets.map((s) => s.name) });
      yield* xlsxRows(file, sizeBytes, layout, found, { ...rowOpts, extent: opts.extent, maxColumns: info.headers.length + COLUMNS_PAST_HEADER });
    },
  };
}

async function inspectXlsx(file: string, sizeBytes: number, opts: OpenOptions): Promise<SourceInfo> {
  const layout = await readLayout(file, sizeBytes);
  const names = layout.sheets.map((s) => s.name);
  if (opts.sheet !== undefined && !names.includes(opts.sheet)) {
    throw new SourceError('no_such_sheet', file, { sheet: opts.sheet, sheets: names });
  }
  // The chosen sheet, else the one whose header row names the most fields of a record type (a cover
  // sheet names none), else the first one in tab order with a non-blank row.
  const candidates = layout.sheets.filter((s) => opts.sheet === undefined || s.name === opts.sheet).slice(0, MAX_SHEETS_SCANNED);
  let chosen: string | null = null;
  let scan: HeaderScan | null = null;
  for (const sheet of candidates) {
    // Past the widest header an import takes, cells are only counted: a row out to column XFD is
    // not held 16,384 cells wide.
    const found = await scanHeader(iterateRows(sheetRows(file, sizeBytes, layout, sheet, { signal: opts.signal, maxColumns: MAX_IMPORT_COLUMNS + 1 })), opts.headerRow);
    if (found && (!scan || found.choice.matched > scan.choice.matched)) {
      chosen = sheet.name;
      scan = found;
    }
  }
  if (!chosen || !scan) throw new SourceError('empty', file, opts.sheet !== undefined ? { sheet: opts.sheet } : {});
  checkWidth(file, scan);
  if (!scan.hasData) throw headerOnly(file, scan.headers);
  return {
    file,
    format: 'xlsx',
    sizeBytes,
    encoding: null,
    delimiter: null,
    lineEnding: null,
    sheets: names,
    sheet: chosen,
    headerRow: scan.headerRow,
    headers: scan.headers,
    detection: {
      sheet: sheetReason(chosen, scan.choice, { given: opts.sheet !== undefined, sheets: names.length }),
      headerRow: headerRowReason(scan.choice, opts.headerRow !== undefined),
    },
    layout,
  };
}

// Sheets looked at for the records; a workbook with more is read from the first ones.
const MAX_SHEETS_SCANNED = 20;

interface HeaderScan {
  headerRow: number;
  headers: string[];
  /** The header row's width, counting columns whose values were not read. */
  width: number;
  hasData: boolean;
  choice: HeaderChoice;
}

/**
 * Finds the header (the chosen row, else the one headerDetection.ts picks among the first rows) and
 * whether a data row follows it. null when there is no non-blank row at all.
 */
async function scanHeader(rows: AsyncIterable<SourceRow>, headerRow: number | undefined): Promise<HeaderScan | null> {
  if (headerRow === undefined) return await detectHeader(rows);
  const scan = await scanGivenHeader(rows, headerRow);
  if (!scan) return null;
  return { ...scan, choice: { rowNumber: scan.headerRow, cells: scan.headers, ...bestMatch(scan.headers), above: 0 } };
}

/** The header row headerDetection.ts finds among the first non-blank rows; reads one row past it. */
async function detectHeader(rows: AsyncIterable<SourceRow>): Promise<HeaderScan | null> {
  const filled: SourceRow[] = [];
  const it = rows[Symbol.asyncIterator]();
  try {
    let next = await it.next();
    for (; !next.done && filled.length <= HEADER_SCAN_ROWS; next = await it.next()) {
      if (!isBlankSourceRow(next.value)) filled.push(next.value);
    }
    const choice = chooseHeaderRow(filled);
    if (!choice) return null;
    let hasData = filled.some((r) => r.rowNumber > choice.rowNumber);
    for (; !hasData && !next.done; next = await it.next()) hasData = !isBlankSourceRow(next.value);
    const row = filled.find((r) => r.rowNumber === choice.rowNumber);
    return { headerRow: choice.rowNumber, headers: toHeaders(choice.cells), width: row?.width ?? choice.cells.length, hasData, choice };
  } finally {
    await it.return?.();
  }
}

async function scanGivenHeader(rows: AsyncIterable<SourceRow>, headerRow: number): Promise<Omit<HeaderScan, 'choice'> | null> {
  let header: SourceRow | null = null;
  let sawAny = false;
  for await (const row of rows) {
    const blank = isBlankSourceRow(row);
    if (!blank) sawAny = true;
    if (!header) {
      if (row.rowNumber < headerRow) continue;
      if (row.rowNumber === headerRow) {
        header = row;
        continue;
      }
      header = { rowNumber: headerRow, cells: [] }; // the chosen header row is blank
    }
    if (!blank) {
      return { headerRow: header.rowNumber, headers: toHeaders(header.cells), width: header.width ?? header.cells.length, hasData: true };
    }
  }
  if (!sawAny) return null;
  if (!header) header = { rowNumber: headerRow, cells: [] };
  return { headerRow: header.rowNumber, headers: toHeaders(header.cells), width: header.width ?? header.cells.length, hasData: false };
}


async function findHeader(file: string, rows: AsyncIterable<SourceRow>, opts: OpenOptions): Promise<HeaderScan> {
  const scan = await scanHeader(rows, opts.headerRow);
  if (!scan) throw new SourceError('empty', file);
  checkWidth(file, scan);
  if (!scan.hasData) throw headerOnly(file, scan.headers);
  return scan;
}

/** A header wider than an import can map (a cell out at column XFD makes one) is refused, naming its row. */
function checkWidth(file: string, scan: HeaderScan): void {
  if (scan.width > MAX_IMPORT_COLUMNS) {
    throw new SourceError('too_wide', file, { row: scan.headerRow, columns: scan.width, maxColumns: MAX_IMPORT_COLUMNS });
  }
}

function headerOnly(file: string, headers: string[]): SourceError {
  const err = new SourceError('header_only', file);
  err.headers = headers;
  return err;
}

async function* iterateRows(batches: AsyncIterable<SourceRow[]>): AsyncGenerator<SourceRow> {
  for await (const batch of batches) yield* batch;
}

/** Header cells as text, trimmed; an empty one is named after its column so indexes still line up. */
export function toHeaders(cells: CellValue[]): string[] {
  return cells.map((c, i) => {
    const text = headerText(c).trim();
    return text === '' ? `Sütun ${i + 1}` : text;
  });
}

function headerText(c: CellValue): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c);
}

/** Rough size of a row in the file (text length plus separators): progress of a workbook, whose bytes are not counted as read. */
export function approxRowBytes(cells: CellValue[]): number {
  let n = cells.length + 1;
  for (const c of cells) if (typeof c === 'string') n += c.length;
  else if (c !== null && c !== undefined) n += 8;
  return n;
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (err) {
    throw new SourceError('not_found', file, {}, err);
  }
}
