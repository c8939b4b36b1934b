// What makes a mapping importable (shared/domain/mappingProblems.ts, as the core refuses it):
// every required field mapped (the natural key, or a fallback rule's fields instead), no field fed
// by two columns. Pure, so the mapping step can block "Next" with the exact reason.
import type { CollectionName, Lang } from '../../../../shared/domain';
import { mappingProblems as sharedProblems } from '../../../../shared/domain/mappingProblems';

export type Mapping = (string | null)[];

export interface MappingProblems {
  /** Required field keys no column is mapped to. */
  missing: string[];
  /** field key → indexes of the columns mapped to it, where more than one. */
  duplicates: Map<string, number[]>;
}

export function mappingProblems(collection: CollectionName, mapping: Mapping): MappingProblems {
  const problems = sharedProblems(collection, [], mapping);
  return {
    missing: problems.filter((p) => p.code === 'missing_required').map((p) => p.field),
    duplicates: new Map(problems.filter((p) => p.code === 'field_twice').map((p) => [p.field, p.columns])),
  };
}

export const isMappingUsable = (p: MappingProblems): boolean => p.missing.length === 0 && p.duplicates.size === 0;

/** The first few non-empty values of a column, as text, for the mapping table. */
export function sampleValues(rows: { cells: unknown[] }[], column: number, count = 3): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const v = row.cells[column];
    if (v === null || v === undefined || v === '') continue;
    out.push(String(v));
    if (out.length >= count) break;
  }
  return out;
}

/** "%92" in Turkish, "92%" in English. */
export function formatConfidence(confidence: number, lang: Lang): string {
  const pct = Math.round(confidence * 100);
  return lang === 'tr' ? `%${pct}` : `${pct}%`;
}
