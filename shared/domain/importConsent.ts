// A beneficiary import row's consent columns (collections.ts CONSENT_COLUMNS), taken out of the
// record before it is sent: the record's values go to the record, the consent to the register.
import { CONSENT_COLUMNS, CONSENT_COLUMN_PURPOSES } from './collections';
import type { ConsentPurpose } from './kvkk';
import { CONSENT_METHODS } from './kvkk';
import type { StoredValue } from './types';

export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** What the row consents to ("yes" columns), with the date (ISO), how and the notice version if given. */
export interface ImportConsent {
  purposes: ConsentPurpose[];
  date?: string;
  method?: ConsentMethod;
  noticeVersion?: string;
}

const CONSENT_KEYS = new Set(CONSENT_COLUMNS.map((f) => f.key));

/** The record's values without the consent columns, and the consent when some column says "yes". */
export function splitImportRecord<V extends StoredValue>(record: Readonly<Record<string, V>>): { values: Record<string, V>; consent?: ImportConsent } {
  let found = false;
  for (const key in record) if (CONSENT_KEYS.has(key)) found = true;
  if (!found) return { values: record as Record<string, V> };
  const values: Record<string, V> = {};
  for (const key in record) if (!CONSENT_KEYS.has(key)) values[key] = record[key] as V;
  const purposes = (Object.keys(CONSENT_COLUMN_PURPOSES) as (keyof typeof CONSENT_COLUMN_PURPOSES)[])
    .filter((key) => record[key] === 'yes')
    .map((key) => CONSENT_COLUMN_PURPOSES[key]);
  if (purposes.length === 0) return { values };
  const { consentDate: date, consentMethod: method, consentNotice: noticeVersion } = record;
  return {
    values,
    consent: {
      purposes,
      ...(typeof date === 'string' ? { date } : {}),
      ...(typeof method === 'string' && (CONSENT_METHODS as readonly string[]).includes(method) ? { method: method as ConsentMethod } : {}),
      ...(typeof noticeVersion === 'string' && noticeVersion !== '' ? { noticeVersion } : {}),
    },
  };
}
