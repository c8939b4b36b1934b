// From a raw spreadsheet row to a record and its errors, the same way in the check and the run:
// the mapping picks cells by column, the user's fixes replace cells, parseRow validates. (A natural
// key seen earlier in the file makes the row a duplicate of that earlier row: duplicateKeys.ts.)
import {
  detectNumberStyle,
  getSpec,
  importFieldIndex,
  importFields,
  parseRow,
  parseRowByColumn,
  parseValuesByColumn,
  type CellValue,
  type CollectionName,
  type NumberStyle,
  type ParseResult,
  type ParsedValues,
} from '../../../../shared/domain';
import type { SourceRow } from '../reading/source';

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
  /** Per import field (importFields), in order: the column it is read from (the last one mapped to it), or -1. */
  private readonly columns: number[];
  private readonly opts;
  private readonly keyField: string;
  /** The natural key's index in importFields. */
  private readonly keyAt: number;

  constructor(private readonly rules: RowRules) {
    rules.mapping.forEach((field, column) => {
      if (field !== null) this.pairs.push([column, field]);
    });
    const spec = getSpec(rules.collection);
    this.columns = importFields(rules.collection).map((f) => rules.mapping.lastIndexOf(f.key));
    this.opts = { numberStyle: rules.numberStyle, partial: rules.partial, today: rules.today };
    this.keyField = spec.naturalKey;
    this.keyAt = importFieldIndex(rules.collection, spec.naturalKey);
  }

  cellsOf(cells: CellValue[], fixes?: Record<string, string>): Record<string, CellValue> {
    const out: Record<string, CellValue> = {};
    for (const [column, field] of this.pairs) out[field] = cells[column];
    if (fixes) for (const field in fixes) out[field] = fixes[field];
    return out;
  }

  parse(cells: CellValue[], fixes?: Record<string, string>): ParseResult {
    // Rows without fixes (nearly all) skip building the keyed cells.
    if (fixes) return parseRow(this.rules.collection, this.cellsOf(cells, fixes), this.opts);
    return parseRowByColumn(this.rules.collection, cells, this.columns, this.opts);
  }

  /** parse() without the keyed record, for the check (ParsedValues): values by field. */
  parseValues(cells: CellValue[]): ParsedValues {
    return parseValuesByColumn(this.rules.collection, cells, this.columns, this.opts);
  }

  /** The row's natural key when it parsed cleanly, else undefined (parse() or parseValues()). */
  keyOf(row: ParsedValues): string | undefined {
    const key = this.keyAt < 0 ? undefined : row.values[this.keyAt];
    if (key === undefined) return undefined;
    for (const e of row.errors) if (e.field === this.keyField) return undefined;
    return String(key);
  }

  get naturalKey(): string {
    return this.keyField;
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
