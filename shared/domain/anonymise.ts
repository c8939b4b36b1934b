// Anonymised exports (issue #25 item 6): for statistics and reporting, a record without what
// names or reaches a person — name, TC Kimlik No, phone, e-mail, IBAN, address, free-text notes,
// and the numbers that lead back to one (a donation's receipt no.) — and with a birth date
// coarsened to its year. The server applies it (convex/exports.ts), so no identifier leaves it.
import { getSpec } from './collections';
import type { CollectionName } from './vocabularies';

/** The fields an anonymised export leaves out, per record type. */
export const ANONYMISED_DROPPED: Record<CollectionName, readonly string[]> = {
  beneficiaries: ['fullName', 'nationalId', 'phone', 'email', 'address', 'iban', 'notes'],
  donations: ['receiptNo', 'donorName', 'donorNationalId', 'donorPhone', 'donorEmail', 'notes'],
  // A counterparty can be a person; a description is free text.
  financeRecords: ['counterparty', 'description'],
};

/** Dates an anonymised export writes as their year only (a whole number). */
export const ANONYMISED_YEAR_ONLY: Record<CollectionName, readonly string[]> = {
  beneficiaries: ['birthDate'],
  donations: [],
  financeRecords: [],
};

/** The column header of a year-only date. */
export const YEAR_ONLY_LABEL = { tr: 'Doğum Yılı', en: 'Year of birth' } as const;

/**
 * `record`'s fields (those of its record type only: no ids, no bookkeeping) without the dropped
 * ones, and year-only dates as their year (left out when not a date).
 */
export function anonymiseRecord(collection: CollectionName, record: Record<string, unknown>): Record<string, unknown> {
  const dropped = ANONYMISED_DROPPED[collection];
  const out: Record<string, unknown> = {};
  for (const { key } of getSpec(collection).fields) {
    const value = record[key];
    if (dropped.includes(key) || value === undefined) continue;
    if (ANONYMISED_YEAR_ONLY[collection].includes(key)) {
      const year = typeof value === 'string' ? /^(\d{4})-\d{2}-\d{2}$/.exec(value)?.[1] : undefined;
      if (year !== undefined) out[key] = Number(year);
      continue;
    }
    out[key] = value;
  }
  return out;
}
