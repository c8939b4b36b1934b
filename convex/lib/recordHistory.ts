// A record's history: one recordHistory document per change, written by whoever makes the change
// in the same transaction (records.update/create/remove/restore, the import's batches, its undo),
// so the history can never disagree with the record. Entries are only ever added.
import type { GenericDocument } from 'convex/server';
import type { StoredValue } from '../../shared/domain/types';
import type { CollectionName, HistoryKind } from '../../shared/domain/vocabularies';
import { getSpec } from '../../shared/domain';
import type { Doc, Id } from '../_generated/dataModel';
import type { MutationCtx } from '../_generated/server';

export interface HistoryChange {
  field: string;
  before: StoredValue | null;
  after: StoredValue | null;
}

/**
 * The id a record's history is kept under: its own id, or for a restored record the id it had
 * before it was deleted (a restore makes a new document; its history goes on where it was).
 */
export function historyKeyOf(doc: GenericDocument): string {
  return typeof doc.originId === 'string' ? doc.originId : String(doc._id);
}

/** The spec fields a record holds, as stored (what a deletion keeps and a restore puts back). */
export function domainValues(collection: CollectionName, doc: GenericDocument): Record<string, StoredValue> {
  const out: Record<string, StoredValue> = {};
  for (const { key } of getSpec(collection).fields) {
    const value = doc[key];
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  return out;
}

/** Every field that differs between two sets of stored values (absent = null), in spec order. */
export function diffValues(
  collection: CollectionName,
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): HistoryChange[] {
  const changes: HistoryChange[] = [];
  for (const { key } of getSpec(collection).fields) {
    const b = stored(before[key]);
    const a = stored(after[key]);
    if (a !== b) changes.push({ field: key, before: b, after: a });
  }
  return changes;
}

const stored = (value: unknown): StoredValue | null => (typeof value === 'string' || typeof value === 'number' ? value : null);

export async function writeHistory(
  ctx: MutationCtx,
  entry: {
    collection: CollectionName;
    recordId: string;
    kind: HistoryKind;
    /** Who made the change; without a name, the history looks it up when read. */
    actor: Pick<Doc<'users'>, '_id'> & Partial<Pick<Doc<'users'>, 'name'>> | null | undefined;
    changes: HistoryChange[];
    runId?: Id<'importRuns'>;
    reason?: string;
    at?: number;
  },
): Promise<void> {
  await ctx.db.insert('recordHistory', {
    collection: entry.collection,
    recordId: entry.recordId,
    at: entry.at ?? Date.now(),
    kind: entry.kind,
    ...(entry.actor ? { actorId: entry.actor._id } : {}),
    ...(entry.actor?.name !== undefined ? { actorName: entry.actor.name } : {}),
    ...(entry.runId ? { runId: entry.runId } : {}),
    ...(entry.reason !== undefined ? { reason: entry.reason } : {}),
    changes: entry.changes,
  });
}
