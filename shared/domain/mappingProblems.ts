// The reasons a mapping (field | null by column) cannot be used yet: an unmapped required field,
// a field fed by two columns, an unknown field. Shared by the importer's refusal and the CLI,
// which refuses before it connects anywhere.
import { fieldLabel, getField, getSpec } from './collections';
import type { CollectionName } from './types';

export interface MappingProblem {
  code: 'missing_required' | 'field_twice' | 'unknown_field';
  field: string;
  /** Columns involved (field_twice, unknown_field). */
  columns: number[];
  messageTr: string;
  messageEn: string;
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

/** The problems as one sentence list per language, as a refusal says them. */
export function describeMappingProblems(problems: readonly MappingProblem[]): { en: string; tr: string } {
  return { en: problems.map((p) => p.messageEn).join(' '), tr: problems.map((p) => p.messageTr).join(' ') };
}
