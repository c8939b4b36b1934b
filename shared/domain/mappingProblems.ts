// The reasons a mapping (field | null by column) cannot be used yet: an unmapped required field,
// a field fed by two columns, an unknown field. Shared by the importer's refusal, the wizard's
// mapping step and the CLI, which refuses before it connects anywhere. A file without its natural
// key's column (a list of people without TC Kimlik No) is usable when a fallback rule's fields
// are mapped (name and birth date, or name and phone): rows then find their records by that rule.
import { fieldLabel, getField, getSpec } from './collections';
import { MATCH_RULES_OF, MATCH_RULE_FIELDS, usableMatchRules, type MatchRule } from './personMatch';
import type { CollectionName, Localized } from './types';

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
  const keyByRule = usableMatchRules(collection, (field) => columnsByField.has(field)).length > 0;
  for (const f of spec.fields) {
    if (!f.required || columnsByField.has(f.key) || (opts.partial && f.key !== spec.naturalKey)) continue;
    if (f.key === spec.naturalKey && keyByRule) continue;
    // Without the key, a fallback rule's columns would do: say which.
    const rules = f.key === spec.naturalKey ? (MATCH_RULES_OF[collection] ?? []) : [];
    const instead = rules.map((r) => ({ tr: MATCH_RULE_FIELDS[r].map((k) => fieldLabel(collection, k, 'tr')).join(' + '), en: MATCH_RULE_FIELDS[r].map((k) => fieldLabel(collection, k, 'en')).join(' + ') }));
    problems.push({
      code: 'missing_required',
      field: f.key,
      columns: [],
      messageTr: `Zorunlu alan "${f.label.tr}" hiçbir sütuna eşlenmedi. Dosyada bu bilgiyi içeren sütunu seçin${instead.length > 0 ? ` ya da kayıtları eşleştirmek için ${instead.map((i) => i.tr).join(' veya ')} sütunlarını eşleyin` : ''}.`,
      messageEn: `The required field "${f.label.en}" is not mapped to any column. Choose the column that holds it${instead.length > 0 ? `, or map ${instead.map((i) => i.en).join(' or ')} to match rows to stored records` : ''}.`,
    });
  }
  return problems;
}

/**
 * How the file's rows will find their stored records: by the natural key's column, and (for rows
 * where it is empty, or when there is no such column) by the fallback rules whose fields are mapped.
 */
export function identityRule(collection: CollectionName, mapping: readonly (string | null)[]): { keyMapped: boolean; rules: MatchRule[] } {
  const mapped = new Set(mapping.filter((f): f is string => f !== null));
  return { keyMapped: mapped.has(getSpec(collection).naturalKey), rules: usableMatchRules(collection, (field) => mapped.has(field)) };
}

const RULE_TEXT: Record<MatchRule, Localized> = {
  nameBirthDate: { tr: 'ad ve doğum tarihi', en: 'name and birth date' },
  namePhone: { tr: 'ad ve telefon', en: 'name and phone' },
  donorAmountDate: { tr: 'bağışçı, tutar ve tarih', en: 'donor, amount and date' },
};

/** The identity rule in words, as the mapping step says it; null when there is none (the key is then missing). */
export function describeIdentityRule(collection: CollectionName, mapping: readonly (string | null)[]): Localized | null {
  const { keyMapped, rules } = identityRule(collection, mapping);
  const key = getField(collection, getSpec(collection).naturalKey)!.label;
  const either = (lang: 'tr' | 'en') => rules.map((r) => RULE_TEXT[r][lang]).join(lang === 'tr' ? ' ya da ' : ' or ');
  if (keyMapped) {
    if (rules.length === 0) return { tr: `Satırlar sistemdeki kayıtlarla ${key.tr} ile eşleştirilecek.`, en: `Rows are matched to stored records by ${key.en}.` };
    return {
      tr: `Satırlar sistemdeki kayıtlarla ${key.tr} ile eşleştirilecek; ${key.tr} boş olan satırlar ${either('tr')} ile.`,
      en: `Rows are matched to stored records by ${key.en}; rows where it is empty by ${either('en')}.`,
    };
  }
  if (rules.length === 0) return null;
  return {
    tr: `${key.tr} sütunu yok: her satır sistemdeki kayıtla ${either('tr')} ile eşleştirilecek. Hiçbir kayda uymayan ya da birden çok kayda uyan satır hatalı sayılır; yeni kayıt eklenemez.`,
    en: `No ${key.en} column: rows are matched to stored records by ${either('en')}. A row that matches no record, or more than one, is an error; no new records can be added.`,
  };
}

/** The problems as one sentence list per language, as a refusal says them. */
export function describeMappingProblems(problems: readonly MappingProblem[]): { en: string; tr: string } {
  return { en: problems.map((p) => p.messageEn).join(' '), tr: problems.map((p) => p.messageTr).join(' ') };
}
