// Convex validators for the domain fields of the three record tables.
//
// The field lists are written out (rather than generated from SPECS at run time) so that the
// generated types know every field: Doc<'donations'>['amount'] is a number, not "anything". To
// keep shared/domain the single source anyway, each list is checked against its spec when
// this module loads: a field added, removed, retyped or made required in the domain without
// the same change here makes the schema fail to load (and the tests fail) with a message
// naming the field.
import { v, type GenericValidator } from 'convex/values';
import { SPECS } from '../../shared/domain';
import type { CollectionName, FieldType } from '../../shared/domain/types';
import { COLLECTIONS } from '../../shared/domain/vocabularies';
import { literals } from './literals';

/** The `collection` argument accepted by public functions. */
export const collectionValidator = literals(COLLECTIONS);

/** A normalised record as the importer sends it: only strings and numbers. */
export const storedValuesValidator = v.record(v.string(), v.union(v.string(), v.number()));

export type StoredKind = 'string' | 'number';

const NUMERIC_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['money', 'integer']);

/** How a field of this type is stored: money (minor units) and integers as numbers, the rest as text. */
export function storedKind(type: FieldType): StoredKind {
  return NUMERIC_TYPES.has(type) ? 'number' : 'string';
}

/** Throws unless `shape` declares exactly the spec's fields with their stored kind and optionality. */
export function checkedAgainstSpec<Shape extends Record<string, GenericValidator>>(
  collection: CollectionName,
  shape: Shape,
): Shape {
  const spec = SPECS[collection];
  const problems: string[] = [];
  for (const field of spec.fields) {
    const validator = shape[field.key];
    if (validator === undefined) {
      problems.push(`${field.key} is missing`);
      continue;
    }
    const kind = storedKind(field.type) === 'number' ? 'float64' : 'string';
    if (validator.kind !== kind) problems.push(`${field.key} should be ${kind}, is ${validator.kind}`);
    const optional = field.required || field.key === spec.naturalKey ? 'required' : 'optional';
    if (validator.isOptional !== optional) problems.push(`${field.key} should be ${optional}`);
  }
  for (const key of Object.keys(shape)) {
    if (!spec.fields.some((f) => f.key === key)) problems.push(`${key} is not in the domain spec`);
  }
  if (problems.length > 0) {
    throw new Error(`convex/lib/recordValidators: ${collection} disagrees with shared/domain: ${problems.join('; ')}`);
  }
  return shape;
}

const optionalText = v.optional(v.string());
const optionalNumber = v.optional(v.number());

export const beneficiaryFields = checkedAgainstSpec('beneficiaries', {
  fullName: v.string(),
  nationalId: v.string(),
  phone: optionalText,
  email: optionalText,
  birthDate: optionalText,
  city: optionalText,
  district: optionalText,
  address: optionalText,
  householdSize: optionalNumber,
  monthlyIncome: optionalNumber,
  iban: optionalText,
  category: optionalText,
  status: optionalText,
  notes: optionalText,
});

export const donationFields = checkedAgainstSpec('donations', {
  receiptNo: v.string(),
  donorName: v.string(),
  amount: v.number(),
  currency: optionalText,
  date: v.string(),
  method: optionalText,
  purpose: optionalText,
  donorNationalId: optionalText,
  donorPhone: optionalText,
  donorEmail: optionalText,
  status: optionalText,
  notes: optionalText,
});

export const financeRecordFields = checkedAgainstSpec('financeRecords', {
  documentNo: v.string(),
  type: v.string(),
  amount: v.number(),
  currency: optionalText,
  date: v.string(),
  category: v.string(),
  counterparty: optionalText,
  description: optionalText,
  status: optionalText,
});
