// Checking one unit of rows, wherever it runs (a check worker, or the check pass's own thread):
// validation, counts, the natural keys for the duplicate search, and the rows as a row-store
// chunk. Duplicates (and possible duplicates) need every earlier key of the file, so the caller
// finds them, in file order.
import { notDataKind, type CellValue, type FieldError } from '../../../../shared/domain';
import type { ByteChunk } from '../reading/csvChunks';
import { forEachChunkRow } from '../reading/csvRows';
import { DuplicateKeys, NO_HASH, PossibleDuplicates } from './duplicateKeys';
import { RowParser, type RowRules } from './rowParsing';
import { errorLines, jsonRowsPayload, type RowChunk } from './rowChunks';
import { approxRowBytes, type SourceRow } from '../reading/source';

export type CheckUnit =
  /** Whole CSV records, parsed where they are checked. */
  | { kind: 'csv'; chunk: ByteChunk; afterRow: number }
  /** Rows already read (XLSX). */
  | { kind: 'rows'; rows: SourceRow[] };

/** The row rules (rowParsing.ts) and what a check adds to them. */
export interface CheckRules extends RowRules {
  /** field → its column's header, for the per-column counts */
  columnOfField: Record<string, string>;
  /** False: a workbook's rows are not serialised for the store (only errors are wanted); default true. */
  keepCells?: boolean;
}

export interface CheckedBatch {
  chunk: RowChunk & { rowNumbers: Float64Array };
  /**
   * Each row's natural key for the duplicate search: its number (DuplicateKeys.numericKey) when
   * it has one, TEXT_KEY when it is in textKeys, NO_KEY when the key is missing or invalid.
   */
  numericKeys: Float64Array;
  textKeys: string[];
  /** Per row, PossibleDuplicates.keysPerRow hashes of the keys that may make it the same person as another row. */
  matchHashes: Float64Array;
  byCode: Record<string, number>;
  byColumn: Record<string, number>;
  /** Totals and signature rows (notDataKind): kept for the grid, neither checked nor counted as rows. */
  notData: number;
  /** Rough size of the rows in the file, for progress. */
  approxBytes: number;
}

export const TEXT_KEY = -1;
export const NO_KEY = -2;

export class RowChecker {
  private readonly parser: RowParser;

  constructor(private readonly rules: CheckRules) {
    this.parser = new RowParser(rules);
  }

  check(unit: CheckUnit): CheckedBatch {
    const { columnOfField } = this.rules;
    const capacity = unit.kind === 'rows' ? unit.rows.length : unit.chunk.records;
    const rowNumbers = new Float64Array(capacity);
    const numericKeys = new Float64Array(capacity);
    const textKeys: string[] = [];
    const perRow = PossibleDuplicates.keysPerRow(this.rules.collection);
    const matchHashes = new Float64Array(capacity * perRow).fill(NO_HASH);
    const errors: { index: number; rowNumber: number; errors: FieldError[] }[] = [];
    const byCode: Record<string, number> = {};
    const byColumn: Record<string, number> = {};
    let approxBytes = 0;
    let notData = 0;
    let n = 0;
    // Row by row as they are parsed: nothing of a row outlives its turn but its errors and key.
    const checkRow = (rowNumber: number, cells: CellValue[], formulaTotals?: true): void => {
      if (notDataKind({ cells, formulaTotals })) {
        notData++;
        numericKeys[n] = NO_KEY;
        rowNumbers[n++] = rowNumber;
        return;
      }
      const result = this.parser.parseValues(cells);
      if (result.errors.length > 0) {
        errors.push({ index: n, rowNumber, errors: result.errors });
        for (const e of result.errors) {
          byCode[e.code] = (byCode[e.code] ?? 0) + 1;
          const column = columnOfField[e.field] || e.field;
          byColumn[column] = (byColumn[column] ?? 0) + 1;
        }
      }
      if (perRow > 0) PossibleDuplicates.hashes(this.rules.collection, result, matchHashes, n * perRow);
      const key = this.parser.keyOf(result);
      const numeric = key === undefined ? NO_KEY : DuplicateKeys.numericKey(key);
      numericKeys[n] = numeric >= 0 ? numeric : key === undefined ? NO_KEY : TEXT_KEY;
      if (numeric < 0 && key !== undefined) textKeys.push(key);
      rowNumbers[n++] = rowNumber;
    };
    if (unit.kind === 'rows') {
      for (const row of unit.rows) {
        checkRow(row.rowNumber, row.cells, row.formulaTotals);
        approxBytes += approxRowBytes(row.cells);
      }
    } else forEachChunkRow(unit.chunk, unit.afterRow, checkRow);

    // Serialised here, in parallel, rather than by the thread that keeps the store.
    const lines = errorLines(errors);
    const counted = { numericKeys: numericKeys.slice(0, n), textKeys, matchHashes: matchHashes.slice(0, n * perRow), byCode, byColumn, notData, approxBytes };
    if (unit.kind === 'rows') {
      const payload = this.rules.keepCells === false ? new Uint8Array(0) : jsonRowsPayload(unit.rows);
      return { ...counted, chunk: { kind: 'json', payload, rowNumbers: rowNumbers.slice(0, n), errors: lines } };
    }
    const { start, bytes, syntax, firstRecord, records } = unit.chunk;
    return { ...counted, chunk: { kind: 'file', start, length: bytes.length, syntax, firstRecord, records, rowNumbers: rowNumbers.slice(0, n), errors: lines } };
  }
}
