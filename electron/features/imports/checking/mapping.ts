// Which column feeds which field: suggestions from the header names, and the refusal of a mapping
// that cannot be used yet (its reasons: shared/domain/mappingProblems.ts).
import {
  suggestMapping,
  errorMessage,
  type CellValue,
  type CollectionName,
  type Localized,
  type FieldError,
} from '../../../../shared/domain';
import { columnValueKinds } from '../../../../shared/domain/headerEvidence';
import { describeMappingProblems, mappingProblems } from '../../../../shared/domain/mappingProblems';
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


/** Throws one AppError listing every problem, so an import never starts on an unusable mapping. */
export function assertMappingUsable(
  collection: CollectionName,
  headers: string[],
  mapping: (string | null)[],
  opts: { partial?: boolean } = {},
): void {
  const problems = mappingProblems(collection, headers, mapping, opts);
  if (problems.length === 0) return;
  const text = describeMappingProblems(problems);
  throw new AppError('mapping_incomplete', text.en, text.tr, { problems });
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

/** The mapping as long as the header row: missing columns are "do not import", extras dropped. */
export function fitMapping(mapping: (string | null)[], columns: number): (string | null)[] {
  return Array.from({ length: columns }, (_, i) => mapping[i] ?? null);
}
