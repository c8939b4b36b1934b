// What the check hands its row store (rowStore.ts), built where rows are checked, in this thread
// or in a check worker: a chunk of rows, the errors of the rows that have some as rows.errors
// lines, and a workbook's rows as JSON lines (dates tagged, so that they come back as dates).
import type { CellValue, FieldError } from '../../../../shared/domain';
import type { ChunkSyntax } from '../reading/csvChunks';

/** One chunk of rows as handed to the store. */
export type RowChunk = (
  | {
      /** Whole records of the checked file: bytes [start, start+length), the first being record firstRecord. */
      kind: 'file';
      start: number;
      length: number;
      syntax: ChunkSyntax;
      firstRecord: number;
      records: number;
      payload?: undefined;
    }
  | {
      /** [rowNumber, cells] JSON lines, [rowNumber, cells, 1] for a row of totals formulas. */
      kind: 'json';
      payload: Uint8Array;
    }
) & {
  /** The chunk's data rows (blank records and the header are not rows), ascending. */
  rowNumbers: ArrayLike<number>;
  /** Errors of the rows that have some. */
  errors: ErrorLines;
};

/** The errors of a chunk's rows that have some, as rows.errors lines (serialised where checked). */
export interface ErrorLines {
  /** One line [rowNumber, errors] per row with errors, in row order, UTF-8. */
  bytes: Uint8Array;
  /** Per line: the row's position in its chunk, and where the line ends in `bytes`. */
  indexes: Uint32Array;
  ends: Float64Array;
}

/** Rows' errors as lines; `rows` ascending by index. */
export function errorLines(rows: { index: number; rowNumber: number; errors: FieldError[] }[]): ErrorLines {
  let text = '';
  const indexes = new Uint32Array(rows.length);
  const ends = new Float64Array(rows.length);
  let end = 0;
  rows.forEach((r, k) => {
    const line = `${JSON.stringify([r.rowNumber, r.errors])}\n`;
    text += line;
    end += Buffer.byteLength(line);
    indexes[k] = r.index;
    ends[k] = end;
  });
  return { bytes: encoder.encode(text), indexes, ends };
}

/** Each line as [index, rowNumber, errors]. */
export function readErrorLines(lines: ErrorLines): [number, number, FieldError[]][] {
  const out: [number, number, FieldError[]][] = [];
  for (let k = 0; k < lines.indexes.length; k++) {
    const start = k === 0 ? 0 : (lines.ends[k - 1] as number);
    const [rowNumber, errors] = JSON.parse(decoder.decode(lines.bytes.subarray(start, (lines.ends[k] as number) - 1))) as [number, FieldError[]];
    out.push([lines.indexes[k] as number, rowNumber, errors]);
  }
  return out;
}

/** The lines with one more error for some rows (a duplicate key is found after the rest). */
export function withExtraErrors(lines: ErrorLines, rowNumbers: ArrayLike<number>, extra: Map<number, FieldError>): ErrorLines {
  if (extra.size === 0) return lines;
  const own = new Map(readErrorLines(lines).map(([index, , errors]) => [index, errors]));
  const indexes = [...new Set([...own.keys(), ...extra.keys()])].sort((a, b) => a - b);
  return errorLines(
    indexes.map((index) => {
      const added = extra.get(index);
      const errors = own.get(index) ?? [];
      return { index, rowNumber: rowNumbers[index] as number, errors: added ? [...errors, added] : errors };
    }),
  );
}

// XLSX dates must come back as dates, not as their JSON text.
const DATE_TAG = '$date';
export function reviveCells(cells: unknown[]): CellValue[] {
  return cells.map((c) =>
    c !== null && typeof c === 'object' && DATE_TAG in c ? new Date((c as Record<string, number>)[DATE_TAG] ?? NaN) : (c as CellValue),
  );
}
function tagDates(cells: CellValue[]): unknown[] {
  for (const c of cells) if (c instanceof Date) return cells.map((v) => (v instanceof Date ? { [DATE_TAG]: v.getTime() } : v));
  return cells;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Workbook rows as a 'json' chunk payload. */
export function jsonRowsPayload(rows: { rowNumber: number; cells: CellValue[]; formulaTotals?: true }[]): Uint8Array {
  let text = '';
  for (const r of rows) text += `${JSON.stringify(r.formulaTotals ? [r.rowNumber, tagDates(r.cells), 1] : [r.rowNumber, tagDates(r.cells)])}\n`;
  return encoder.encode(text);
}
