// What each role may see of a record (KVKK Art. 6 and 12: least privilege). The Convex functions
// apply it to everything they return (lists, searches, the record's page, its history, a donor's
// donations); the renderer reads it only to lay out the page. Staff (personel) and administrators
// see every field. An observer (gozlemci) sees who and where, never special categories
// (beneficiary category: disability, refugee status; a donation's purpose: zekât, fitre, kurban
// reveal religious belief), free text (notes, address, descriptions), income, birth date or
// e-mail, and identifying numbers only masked.
import { hasRole, type Role } from './roles';
import type { CollectionName } from './vocabularies';

export type FieldAccess = 'full' | 'masked' | 'hidden';

const OBSERVER_FIELDS: Record<CollectionName, Readonly<Record<string, 'full' | 'masked'>>> = {
  beneficiaries: { fullName: 'full', city: 'full', district: 'full', status: 'full', nationalId: 'masked', phone: 'masked', iban: 'masked' },
  donations: {
    receiptNo: 'full',
    donorName: 'full',
    amount: 'full',
    currency: 'full',
    date: 'full',
    method: 'full',
    status: 'full',
    donorNationalId: 'masked',
    donorPhone: 'masked',
  },
  financeRecords: {
    documentNo: 'full',
    type: 'full',
    amount: 'full',
    currency: 'full',
    date: 'full',
    category: 'full',
    counterparty: 'full',
    status: 'full',
  },
};

/** Bookkeeping every role sees: ids, times, the import run that last touched the record. */
const BOOKKEEPING = new Set(['_id', '_creationTime', 'createdAt', 'updatedAt', 'importRunId']);

/** How much of one domain field `role` sees. */
export function fieldAccess(role: Role, collection: CollectionName, field: string): FieldAccess {
  if (hasRole(role, 'personel')) return 'full';
  return OBSERVER_FIELDS[collection][field] ?? 'hidden';
}

/** The first three and last two characters, the rest as stars: 12345678990 → 123******90. */
export function maskValue(value: string): string {
  if (value.length <= 5) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 5)}${value.slice(-2)}`;
}

/** One stored value as `role` may see it; undefined when the field is hidden from that role. */
export function projectValue<V>(role: Role, collection: CollectionName, field: string, value: V): V | string | undefined {
  const access = fieldAccess(role, collection, field);
  if (access === 'hidden') return undefined;
  if (access === 'masked' && value !== null && value !== undefined) return maskValue(String(value));
  return value;
}

/** A stored record as `role` may see it: bookkeeping plus the fields its access allows. */
export function projectRecord<T extends Record<string, unknown>>(role: Role, collection: CollectionName, doc: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(doc)) {
    if (field === 'searchText' || field === 'nameKey') continue; // derived for lookups, never shown
    if (BOOKKEEPING.has(field)) {
      out[field] = value;
      continue;
    }
    const shown = projectValue(role, collection, field, value);
    if (shown !== undefined) out[field] = shown;
  }
  return out;
}

/** Search fields whose full value `role` sees: an observer may not find a person by TC number or phone. */
export function searchableBy(role: Role, collection: CollectionName, fields: readonly string[]): string[] {
  return fields.filter((f) => fieldAccess(role, collection, f) === 'full');
}
