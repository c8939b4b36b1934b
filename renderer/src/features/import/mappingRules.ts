// What makes a mapping importable: every required field mapped, no field fed by two columns.
// Pure, so the mapping step can block "Next" with the exact reason.
import { getSpec, type CollectionName, type Lang } from '../../../../shared/domain';

export type Mapping = (string | null)[];

export interface MappingProblems {
  /** Required field keys no column is mapped to. */
  missing: string[];
  /** field key → indexes of the columns mapped to it, where more than one. */
  duplicates: Map<string, number[]>;
}

export function mappingProblems(collection: CollectionName, mapping: Mapping): MappingProblems {
  const columnsOf = new Map<string, number[]>();
  mapping.forEach((field, index) => {
    if (!field) return;
    columnsOf.set(field, [...(columnsOf.get(field) ?? []), index]);
  });
  const missing = getSpec(collection)
    .fields.filter((f) => f.required && !columnsOf.has(f.key))
    .map((f) => f.key);
  const duplicates = new Map([...columnsOf].filter(([, cols]) => cols.length > 1));
  return { missing, duplicates };
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
