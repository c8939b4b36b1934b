import { optionLabel, type CollectionName, type FieldSpec } from '../../../../shared/domain';

const moneyFormats = {
  tr: new Intl.NumberFormat('tr-TR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

/** How a stored value reads in a table: labels for enums, money from minor units, dd.MM.yyyy dates. */
export function formatCell(
  collection: CollectionName,
  field: FieldSpec,
  value: unknown,
  lang: 'tr' | 'en',
  record: Record<string, unknown> = {},
): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.type) {
    case 'enum':
      return optionLabel(collection, field.key, String(value), lang);
    case 'money':
      if (typeof value !== 'number') return String(value);
      return `${moneyFormats[lang].format(value / 100)} ${String(field.currencyField ? (record[field.currencyField] ?? '') : (field.fixedCurrency ?? ''))}`.trim();
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
      return m && lang === 'tr' ? `${m[3]}.${m[2]}.${m[1]}` : String(value);
    }
    default:
      return String(value);
  }
}
