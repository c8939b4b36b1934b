// Which column feeds which field: suggestions from the header names, and the reasons a mapping
// cannot be used yet (an unmapped required field, a field fed by two columns).
import {
  fieldLabel,
  getField,
  getSpec,
  suggestMapping,
  errorMessage,
  type CellValue,
  type CollectionName,
  type Localized,
  type FieldError,
} from '../../../../shared/domain';
import { columnValueKinds } from '../../../../shared/domain/headerEvidence';
import { AppError } from '../../../core/errors/appError';

export interface ColumnSuggestion {
  column: number;
  header: string;
  field: string | null;
  /** 0..1; 1 for an exact alias (or remembered) match. */
  confidence: number;
  /** Why this field ("CEP TEL. → Telefon: kısaltma"); null when unmapped or remembered. */
  reason: Localized | null;
  source: 'header' | 'memory' | 'none';
}

export interface MappingProblem {
  code: 'missing_required' | 'field_twice' | 'unknown_field';
  field: string;
  /** Columns involved (field_twice, unknown_field). */
  columns: number[];
  messageTr: string;
  messageEn: string;
}

/**
 * Suggests a field for every header; the mapping is (field | null)[] by column index. samples: a
 * few data rows whose values confirm or rank the header matches (shared/domain/headers.ts).
 */
export function suggestColumns(collection: CollectionName, headers: string[], samples?: readonly (readonly CellValue[])[]): ColumnSuggestion[] {
  const valueKinds = samples ? columnValueKinds(headers.length, samples) : undefined;
  return suggestMapping(collection, headers, { valueKinds }).map((s, column) => ({
    column,
    header: s.header,
    field: s.field,
    confidence: s.confidence,
    reason: s.reason,
    source: s.field === null ? 'none' : 'header',
  }));
}

/** partial (update mode): only the natural key must be mapped. */
export function mappingProblems(
  collection: CollectionName,
  headers: string[],
  mapping: (string | null)[],
  opts: { partial?: boolean } = {},
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const columnsByField = new Map<string, number[]>();
  mapping.forEach((field, column) => {
    if (field === null) return;
    if (!getField(collection, field)) {
      problems.push({
        code: 'unknown_field',
        field,
        columns: [column],
        messageTr: `"${headers[column] ?? column + 1}" sütunu tanınmayan bir alana eşlenmiş: ${field}`,
        messageEn: `Column "${headers[column] ?? column + 1}" is mapped to an unknown field: ${field}`,
      });
      return;
    }
    columnsByField.set(field, [...(columnsByField.get(field) ?? []), column]);
  });
  for (const [field, columns] of columnsByField) {
    if (columns.length < 2) continue;
    const names = columns.map((c) => `"${headers[c] ?? c + 1}"`).join(', ');
    problems.push({
      code: 'field_twice',
      field,
      columns,
      messageTr: `${fieldLabel(collection, field, 'tr')} alanına birden çok sütun eşlenmiş: ${names}`,
      messageEn: `More than one column is mapped to ${fieldLabel(collection, field, 'en')}: ${names}`,
    });
  }
  const spec = getSpec(collection);
  for (const f of spec.fields) {
    if (!f.required || columnsByField.has(f.key) || (opts.partial && f.key !== spec.naturalKey)) continue;
    problems.push({
      code: 'missing_required',
      field: f.key,
      columns: [],
      messageTr: `Zorunlu alan "${f.label.tr}" hiçbir sütuna eşlenmedi. Dosyada bu bilgiyi içeren sütunu seçin.`,
      messageEn: `The required field "${f.label.en}" is not mapped to any column. Choose the column that holds it.`,
    });
  }
  return problems;
}

/** Throws one AppError listing every problem, so an import never starts on an unusable mapping. */
export function assertMappingUsable(
  collection: CollectionName,
  headers: string[],
  mapping: (string | null)[],
  opts: { partial?: boolean } = {},
): void {
  const problems = mappingProblems(collection, headers, mapping, opts);
  if (problems.length === 0) return;
  throw new AppError(
    'mapping_incomplete',
    problems.map((p) => p.messageEn).join(' '),
    problems.map((p) => p.messageTr).join(' '),
    { problems },
  );
}

/** The source header a field is read from, for error rows; '' when no column feeds it. */
/** A row's errors as the contract's cellError: the column they sit in and both languages. */
export function cellErrors(errors: readonly FieldError[], collection: CollectionName, columnOf: (field: string) => string) {
  return errors.map((e) => ({ column: columnOf(e.field), field: e.field, code: e.code, message: errorMessage(e, 'en', collection), messageTr: errorMessage(e, 'tr', collection) }));
}

export function columnOfField(headers: string[], mapping: (string | null)[]): (field: string) => string {
  const byField = new Map<string, string>();
  mapping.forEach((field, column) => {
    if (field !== null && !byField.has(field)) byField.set(field, headers[column] ?? `Sütun ${column + 1}`);
  });
  return (field) => byField.get(field) ?? '';
}

/** mapping as { header: field } for reports and the CLI (unmapped headers left out). */
export function mappingByHeader(headers: string[], mapping: (string | null)[]): Record<string, string> {
  const out: Record<string, string> = {};
  mapping.forEach((field, column) => {
    if (field !== null) out[headers[column] ?? `Sütun ${column + 1}`] = field;
  });
  return out;
}

/** The mapping as long as the header row: missing columns are "do not import", extras dropped. */
export function fitMapping(mapping: (string | null)[], columns: number): (string | null)[] {
  return Array.from({ length: columns }, (_, i) => mapping[i] ?? null);
}
