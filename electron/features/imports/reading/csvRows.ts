// The data rows of a delimited text file, in batches: byte chunks of whole records (csvChunks)
// parsed in this thread. Row numbers count every physical record (blank ones included, a
// multi-line quoted cell counts once), so they match the row numbers Excel shows for the file.
import type { SourceRow } from './sourceTypes';
import { abortError } from './sourceErrors';
import { csvChunks, forEachRecord, type ByteChunk, type CsvDialect } from './csvChunks';

export type { CsvDialect } from './csvChunks';

export interface CsvRowsOptions {
  signal?: AbortSignal;
  /** Largest batch handed to the consumer. */
  chunkRows?: number;
  /** Rows up to this spreadsheet row number (e.g. the header) are counted but not yielded. */
  afterRow?: number;
}

/** Blank lines and lines of bare delimiters are empty rows in Excel: skipped, still counted. */
export function isBlankRecord(cells: string[]): boolean {
  if (cells[0] !== '') return false;
  for (let i = 1; i < cells.length; i++) if (cells[i] !== '') return false;
  return true;
}

/** Calls `visit` for each non-blank row of the chunk after `afterRow`, numbered. */
export function forEachChunkRow(chunk: ByteChunk, afterRow: number, visit: (rowNumber: number, cells: string[]) => void): void {
  if (chunk.firstRecord + chunk.records - 1 <= afterRow) return;
  forEachRecord(chunk, (cells, i) => {
    const rowNumber = chunk.firstRecord + i;
    if (rowNumber > afterRow && !isBlankRecord(cells)) visit(rowNumber, cells);
  });
}

/** A chunk's non-blank rows after `afterRow`, numbered. */
export function chunkRows(chunk: ByteChunk, afterRow: number): SourceRow[] {
  const out: SourceRow[] = [];
  forEachChunkRow(chunk, afterRow, (rowNumber, cells) => out.push({ rowNumber, cells }));
  return out;
}

/** Streams the non-blank records after `afterRow` in batches; the file is read as they are consumed. */
export async function* csvRows(file: string, dialect: CsvDialect, opts: CsvRowsOptions = {}): AsyncGenerator<SourceRow[]> {
  const size = Math.max(1, opts.chunkRows ?? 2000);
  const afterRow = opts.afterRow ?? 0;
  // Small batches read small chunks: finding a header should not read a megabyte.
  const chunkBytes = Math.min(256 * 1024, size * 128);
  for await (const chunk of csvChunks(file, dialect, { signal: opts.signal, chunkBytes })) {
    const rows = chunkRows(chunk, afterRow);
    for (let i = 0; i < rows.length; i += size) {
      if (opts.signal?.aborted) throw abortError(opts.signal);
      yield rows.slice(i, i + size);
    }
  }
}
