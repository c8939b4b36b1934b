// The document written for a new record: the spec's defaults for absent optional fields, the
// bookkeeping fields and the derived fields (search text, name key). Shared by the importer and the demo seed.
import { getSpec } from '../../shared/domain';
import type { CollectionName, StoredValue } from '../../shared/domain/types';
import type { Id } from '../_generated/dataModel';
import { storedKind } from './recordValidators';
import { derivedFields } from './searchText';

export function withDefaults(
  collection: CollectionName,
  values: Readonly<Record<string, StoredValue>>,
): Record<string, StoredValue> {
  const out = { ...values };
  for (const field of getSpec(collection).fields) {
    if (out[field.key] !== undefined || field.defaultValue === undefined) continue;
    out[field.key] = storedKind(field.type) === 'number' ? Number(field.defaultValue) : field.defaultValue;
  }
  return out;
}

export function newRecordDoc(
  collection: CollectionName,
  values: Readonly<Record<string, StoredValue>>,
  createdAt: number,
  importRunId?: Id<'importRuns'>,
) {
  const record = withDefaults(collection, values);
  return {
    ...record,
    createdAt,
    updatedAt: createdAt,
    ...(importRunId === undefined ? {} : { importRunId }),
    ...derivedFields(collection, record),
  };
}
