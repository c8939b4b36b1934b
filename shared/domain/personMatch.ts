// Matching a row that lacks its natural key (a person without a TC Kimlik No, a donation
// without a receipt number) to a stored record by a fallback rule, as CiviCRM's and Salesforce
// NPSP's importers do: beneficiaries by normalised name + birth date or name + phone, donations
// by donor + amount + date within ± N days. The server runs the lookups (convex/lib/importBatch,
// one index range per rule); this module holds what both sides agree on.
import { foldTr } from './text';
import type { CollectionName, StoredValue } from './types';

/** How a keyless row found its record (the dry run says it). */
export const MATCH_RULES = ['nameBirthDate', 'namePhone', 'donorAmountDate'] as const;
export type MatchRule = (typeof MATCH_RULES)[number];

/** The name field whose normalised key (stored as `nameKey`) the fallback rules look up. */
export const MATCH_NAME_FIELD: Partial<Record<CollectionName, string>> = { beneficiaries: 'fullName', donations: 'donorName' };

/** Most days either side a keyless donation's date may be from its stored record's. */
export const MAX_MATCH_DAYS = 31;

/**
 * A person's name as the fallback rules compare it: Turkish folding (İ/ı/ş/ğ…), punctuation
 * dropped, words sorted, so "AYŞE YILMAZ", "Ayse Yilmaz" and "Yılmaz, Ayşe" are one key.
 */
export function personNameKey(name: string): string {
  return foldTr(name).split(' ').filter((w) => w !== '').sort().join(' ');
}

const present = (v: StoredValue | undefined): boolean => v !== undefined && v !== '';

/**
 * Whether a row without its natural key has what a fallback rule needs (so its missing key is
 * not an error until the lookup has found no record).
 */
export function canMatchWithoutKey(collection: CollectionName, record: Readonly<Record<string, StoredValue | undefined>>): boolean {
  switch (collection) {
    case 'beneficiaries':
      return present(record.fullName) && (present(record.birthDate) || present(record.phone));
    case 'donations':
      return present(record.donorName) && typeof record.amount === 'number' && present(record.date);
    default:
      return false;
  }
}

/** ISO date `iso` moved by `days` (UTC calendar days). */
export function shiftIsoDate(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
