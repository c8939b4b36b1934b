import { formatMoney, optionLabel, type CollectionName, type FieldSpec } from '../../../../shared/domain';

/** How a stored value reads in a table: labels for enums, money from minor units, dd.MM.yyyy dates. */
export function formatCell(collection: CollectionName, field: FieldSpec, value: unknown, lang: 'tr' | 'en'): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.type) {
    case 'enum':
      return optionLabel(collection, field.key, String(value), lang);
    case 'money':
      return typeof value === 'number' ? formatMoney(value, lang === 'tr' ? 'tr' : 'intl') : String(value);
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
      return m && lang === 'tr' ? `${m[3]}.${m[2]}.${m[1]}` : String(value);
    }
    default:
      return String(value);
  }
}
