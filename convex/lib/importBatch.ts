// Applying one batch of import rows inside a single mutation. The client has already
// normalised and validated the rows with the same domain rules; the server checks them again
// (it never trusts the client), matches natural keys against the database and writes.
import type { GenericDocument } from 'convex/server';
import type { GenericId, Infer } from 'convex/values';
import { checkRecord, getSpec } from '../../shared/domain';
import type { CollectionSpec, FieldError, StoredValue } from '../../shared/domain/types';
import type { Doc } from '../_generated/dataModel';
import type { MutationCtx } from '../_generated/server';
import { looseWriter } from './looseDb';
import { newRecordDoc } from './recordDocs';
import { storedKind } from './recordValidators';
import { buildSearchText } from './searchText';
import type { batchCountsValidator, rowResultValidator } from './tableValidators';

export interface BatchRow {
  rowNumber: number;
  values: Record<string, StoredValue>;
}

export type RowResult = Infer<typeof rowResultValidator>;
export type BatchCounts = Infer<typeof batchCountsValidator>;

export interface BatchResult {
  batchIndex: number;
  results: RowResult[];
  counts: BatchCounts;
}

/**
 * The values to write once a row has passed the check: spec fields only (checkRecord lets `_id`
 * and `_creationTime` through, which are not the file's to set).
 */
function cleanValues(spec: CollectionSpec, values: Record<string, StoredValue>): Record<string, StoredValue> {
  const out: Record<string, StoredValue> = {};
  for (const field of spec.fields) {
    const value = values[field.key];
    if (value === undefined || value === '') continue;
    out[field.key] = value;
  }
  return out;
}

/**
 * Values of the wrong stored type would make the write throw and abort the whole batch, so
 * they become row errors instead (unless the domain check already flagged the field).
 */
function kindErrors(spec: CollectionSpec, values: Record<string, StoredValue>, known: FieldError[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of spec.fields) {
    const value = values[field.key];
    if (value === undefined || known.some((e) => e.field === field.key)) continue;
    const ok =
      storedKind(field.type) === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string';
    if (!ok) errors.push({ field: field.key, code: 'invalid_format' });
  }
  return errors;
}

export async function applyRows(
  ctx: MutationCtx,
  run: Doc<'importRuns'>,
  rows: readonly BatchRow[],
): Promise<{ results: RowResult[]; counts: BatchCounts }> {
  const spec = getSpec(run.collection);
  const db = looseWriter(ctx.db);
  const keyField = spec.naturalKey;
  const firstRowByKey = new Map<string, number>();
  const results: RowResult[] = [];
  const counts: BatchCounts = { inserted: 0, updated: 0, failed: 0 };
  const now = Date.now();

  for (const row of rows) {
    // The raw values are checked, so unknown keys and empty strings are reported, not dropped.
    const errors = checkRecord(run.collection, row.values, { partial: run.mode === 'update' });
    const values = cleanValues(spec, row.values);
    errors.push(...kindErrors(spec, values, errors));
    const rawKey = values[keyField];
    if (rawKey === undefined && !errors.some((e) => e.field === keyField)) {
      errors.push({ field: keyField, code: 'required' });
    }

    let existing: GenericDocument | null = null;
    const key = typeof rawKey === 'string' ? rawKey : undefined;
    if (key !== undefined && !errors.some((e) => e.field === keyField)) {
      const earlierRow = firstRowByKey.get(key);
      if (earlierRow !== undefined) {
        errors.push({ field: keyField, code: 'duplicate_in_file', params: { row: earlierRow } });
      } else {
        firstRowByKey.set(key, row.rowNumber);
        existing = await db
          .query(run.collection)
          .withIndex(`by_${keyField}`, (q) => q.eq(keyField, key))
          .first();
        if (run.mode === 'insert' && existing !== null) {
          errors.push({ field: keyField, code: 'already_exists' });
        } else if (run.mode === 'update' && existing === null) {
          errors.push({ field: keyField, code: 'not_found' });
        }
      }
    }

    if (errors.length > 0) {
      counts.failed += 1;
      results.push({ rowNumber: row.rowNumber, outcome: 'rejected', errors });
      continue;
    }

    if (existing !== null) {
      // Only the provided fields change; the search text follows the merged record.
      const existingId = existing._id as GenericId<string>;
      await db.patch(existingId, {
        ...values,
        updatedAt: now,
        searchText: buildSearchText(run.collection, { ...existing, ...values }),
      });
      counts.updated += 1;
      results.push({ rowNumber: row.rowNumber, outcome: 'updated', id: existingId });
    } else {
      const id = await db.insert(run.collection, newRecordDoc(run.collection, values, now, run._id));
      counts.inserted += 1;
      results.push({ rowNumber: row.rowNumber, outcome: 'inserted', id });
    }
  }
  return { results, counts };
}
