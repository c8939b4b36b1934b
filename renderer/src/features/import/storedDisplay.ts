// A stored value in the dry run's diffs, through shared/domain's display formatters (dd.MM.yyyy,
// 0532 123 45 67, 1.234,56 ₺, enum labels); a dash where the record has none.
import { displayFieldValue, getField, type CollectionName, type StoredValue } from '../../../../shared/domain';

export function displayStored(collection: CollectionName, field: string, value: StoredValue | null, lang: string): string {
  const spec = getField(collection, field);
  const text = spec ? displayFieldValue(collection, spec, value, lang === 'en' ? 'en' : 'tr') : value === null ? '' : String(value);
  return text === '' ? '—' : text;
}
