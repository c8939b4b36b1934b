// The record form's values: stored values shown as staff type them (02.03.1948, 0532 123 45 67,
// 6500,00), and typed text read back with the import's own parser (shared/domain parseRow), so a
// correction passes exactly the rules and messages an imported row does. The server checks again.
import { parseRow, SPECS, type CollectionName, type FieldError, type StoredValue } from '../../../../shared/domain';
import { dottedDate, nationalPhone } from '../../../../shared/domain/display';
import { formatMoney } from '../../../../shared/domain/money';

export type FormValues = Record<string, string | undefined>;

/** A stored record as the form's text (enums and currencies keep their stored value for the select). */
export function toFormValues(collection: CollectionName, record: Readonly<Record<string, unknown>>): FormValues {
  const out: FormValues = {};
  for (const f of SPECS[collection].fields) {
    const value = record[f.key];
    if (value === undefined || value === null || value === '') continue;
    if (f.type === 'money' && typeof value === 'number') out[f.key] = formatMoney(value, 'tr');
    else if (f.type === 'date') out[f.key] = dottedDate(String(value)) ?? String(value);
    else if (f.type === 'phone') out[f.key] = nationalPhone(String(value)) ?? String(value);
    else out[f.key] = String(value);
  }
  return out;
}

/**
 * The form's text as the values to save: every field of the collection, null where the form is
 * empty (an edit empties it; an addition leaves it out), and the errors the import would report.
 */
export function fromFormValues(collection: CollectionName, form: FormValues): { values: Record<string, StoredValue | null>; errors: FieldError[] } {
  const cells: Record<string, string> = {};
  for (const [key, text] of Object.entries(form)) if (text !== undefined && text.trim() !== '') cells[key] = text;
  const { record, errors } = parseRow(collection, cells, { numberStyle: 'tr', partial: false });
  const values: Record<string, StoredValue | null> = {};
  for (const f of SPECS[collection].fields) values[f.key] = record[f.key] ?? null;
  return { values, errors };
}

/** Only the fields whose value differs from the stored record (what an edit sends). */
export function changedValues(
  record: Readonly<Record<string, unknown>>,
  values: Record<string, StoredValue | null>,
): Record<string, StoredValue | null> {
  const out: Record<string, StoredValue | null> = {};
  for (const [key, value] of Object.entries(values)) {
    const stored = record[key] ?? null;
    if (stored !== value) out[key] = value;
  }
  return out;
}
