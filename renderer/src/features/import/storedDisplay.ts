// A stored value as staff read it in the dry run's diffs: money as 1.234,56, dates as dd.MM.yyyy,
// phones as 0532 123 45 67 (in Turkish), enum values by their label. Empty is a dash.
import { getField, type CollectionName, type StoredValue } from '../../../../shared/domain';
import { formatMinor, locale } from './importFormat';

export function displayStored(collection: CollectionName, field: string, value: StoredValue | null, lang: string): string {
  if (value === null || value === '') return '—';
  const spec = getField(collection, field);
  const tr = lang !== 'en';
  if (spec?.type === 'money' && typeof value === 'number') {
    return formatMinor(value, lang);
  }
  if (typeof value === 'number') return value.toLocaleString(locale(lang));
  if (spec?.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return tr ? `${d}.${m}.${y}` : value;
  }
  if (spec?.type === 'phone' && tr && /^\+90\d{10}$/.test(value)) {
    const n = `0${value.slice(3)}`;
    return `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7, 9)} ${n.slice(9)}`;
  }
  if (spec?.type === 'enum') {
    const option = spec.options?.find((o) => o.value === value);
    if (option) return option.label[tr ? 'tr' : 'en'];
  }
  return value;
}
