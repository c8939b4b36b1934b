// From a raw spreadsheet row to a record and its errors, the same way in the check and the run:
// the mapping picks cells by column, the user's fixes replace cells, parseRow validates, and a
// natural key seen earlier in the file makes the row a duplicate of that earlier row.
import {
  detectNumberStyle,
  getSpec,
  parseRow,
  type CellValue,
  type CollectionName,
  type FieldError,
  type NumberStyle,
  type ParseResult,
} from '../../../shared/domain';
import type { SourceRow } from './source';

export interface RowRules {
  collection: CollectionName;
  /** field key (or null) by column index */
  mapping: (string | null)[];
  numberStyle: NumberStyle;
  /** update mode: only the natural key is required */
  partial: boolean;
  /** "today" pinned for a whole check or run, so results do not change at midnight */
  today: string;
}

export class RowParser {
  private readonly pairs: [number, string][] = [];
  private readonly opts;
  private readonly keyField: string;

  constructor(private readonly rules: RowRules) {
    rules.mapping.forEach((field, column) => {
      if (field !== null) this.pairs.push([column, field]);
    });
    this.opts = { numberStyle: rules.numberStyle, partial: rules.partial, today: rules.today };
    this.keyField = getSpec(rules.collection).naturalKey;
  }

  cellsOf(cells: CellValue[], fixes?: Record<string, string>): Record<string, CellValue> {
    const out: Record<string, CellValue> = {};
    for (const [column, field] of this.pairs) out[field] = cells[column];
    if (fixes) for (const field in fixes) out[field] = fixes[field];
    return out;
  }

  parse(cells: CellValue[], fixes?: Record<string, string>): ParseResult {
    return parseRow(this.rules.collection, this.cellsOf(cells, fixes), this.opts);
  }

  /** The record's natural key when it parsed cleanly, else undefined. */
  keyOf(result: ParseResult): string | undefined {
    const key = result.record[this.keyField];
    if (key === undefined || result.errors.some((e) => e.field === this.keyField)) return undefined;
    return String(key);
  }

  get naturalKey(): string {
    return this.keyField;
  }
}

/** First row of each natural key; later rows with the same key are duplicates of it. */
export class DuplicateKeys {
  private readonly first = new Map<string, number>();

  constructor(private readonly keyField: string) {}

  /** Registers the key, or returns the duplicate_in_file error naming the earlier row. */
  check(key: string | undefined, rowNumber: number): FieldError | null {
    if (key === undefined) return null;
    const earlier = this.first.get(key);
    if (earlier === undefined) {
      this.first.set(key, rowNumber);
      return null;
    }
    return { field: this.keyField, code: 'duplicate_in_file', params: { row: earlier } };
  }
}

const NUMERIC_TYPES = new Set(['money', 'integer']);

/** The number style the file's numeric columns vote for, from some of its first rows. */
export function detectFileNumberStyle(collection: CollectionName, mapping: (string | null)[], rows: SourceRow[]): NumberStyle {
  const spec = getSpec(collection);
  const columns: number[] = [];
  mapping.forEach((field, column) => {
    const f = field === null ? undefined : spec.fields.find((x) => x.key === field);
    if (f && NUMERIC_TYPES.has(f.type)) columns.push(column);
  });
  const samples: string[] = [];
  for (const row of rows.slice(0, 500)) {
    for (const c of columns) {
      const v = row.cells[c];
      if (typeof v === 'string' && v.trim() !== '') samples.push(v);
    }
  }
  return detectNumberStyle(samples);
}

export function todayLocal(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
