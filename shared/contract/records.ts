// The records contract: paging and opening records, correcting, adding, deleting and restoring
// them, their history and a person's donations, and the audit log.
import { z } from 'zod';
import { HISTORY_KINDS } from '../domain/vocabularies';
import { ERROR_CODES } from '../domain/types';
import { channel } from './define';
import { auditEntry, collectionName, isoDate, page, pageRequest, recordDoc } from './schemas';

const recordId = z.string().min(1).max(64);
const storedOrNull = z.union([z.string(), z.number(), z.null()]);
/** Fields to save: a stored value (as the import stores it), or null to empty an optional field. */
const editValues = z.record(z.string().max(64), z.union([z.string().max(5000), z.number(), z.null()]));

export const openedRecord = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('live'),
    record: recordDoc,
    /** The id the record's history is kept under (a restored record keeps its old one). */
    historyKey: z.string(),
    lastImport: z.object({ runId: z.string(), fileName: z.string(), at: z.number() }).nullable(),
  }),
  z.object({
    state: z.literal('deleted'),
    historyKey: z.string(),
    key: z.string(),
    deletedAt: z.number(),
    actorName: z.string().optional(),
    reason: z.string().optional(),
    restorableUntil: z.number(),
  }),
]);

export const historyEntry = z.object({
  id: z.string(),
  at: z.number(),
  kind: z.enum(HISTORY_KINDS),
  actorName: z.string().optional(),
  runId: z.string().optional(),
  reason: z.string().optional(),
  changes: z.array(z.object({ field: z.string(), before: storedOrNull, after: storedOrNull })),
});

/** A save's answer: saved, or refused with why (nothing was written). */
export const saveResult = z.discriminatedUnion('reason', [
  z.object({ ok: z.literal(true), reason: z.literal('saved'), id: z.string(), record: recordDoc }),
  z.object({
    ok: z.literal(false),
    reason: z.literal('invalid'),
    errors: z.array(z.object({ field: z.string(), code: z.enum(ERROR_CODES), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
  }),
  /** Changed since it was opened: by whom and what, newest first. */
  z.object({ ok: z.literal(false), reason: z.literal('changed'), changes: z.array(historyEntry) }),
  /** Another record holds this natural key. */
  z.object({ ok: z.literal(false), reason: z.literal('duplicate'), field: z.string(), id: z.string() }),
  z.object({ ok: z.literal(false), reason: z.literal('gone') }),
]);

export const recordsChannels = {
  listRecords: channel(
    pageRequest.extend({
      // The server returns at most 200 a page (convex/records.ts MAX_LIST_PAGE).
      numItems: z.number().int().min(1).max(200),
      collection: collectionName,
      search: z.string().trim().max(200).optional(),
      status: z.string().max(40).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
    }),
    // searchCapped: the search matched more than one search can read; the page asks to narrow it.
    page(recordDoc).extend({ searchCapped: z.boolean() }),
  ),
  /** Opens a record (the server logs the view); null: no such record. */
  getRecord: channel(z.object({ collection: collectionName, id: recordId }), openedRecord.nullable()),
  /** The record holding this natural key (TC Kimlik No, receipt no., document no.), staff only; null: none. */
  findRecord: channel(z.object({ collection: collectionName, key: z.string().trim().min(1).max(64) }), z.object({ id: z.string() }).nullable()),
  saveRecord: channel(z.object({ collection: collectionName, id: recordId, values: editValues, expectedUpdatedAt: z.number() }), saveResult),
  createRecord: channel(z.object({ collection: collectionName, values: editValues }), saveResult),
  deleteRecord: channel(
    z.object({ collection: collectionName, id: recordId, reason: z.string().trim().min(1).max(500) }),
    z.object({ deletedAt: z.number(), restorableUntil: z.number() }),
  ),
  restoreRecord: channel(z.object({ collection: collectionName, id: recordId }), saveResult),
  recordHistory: channel(pageRequest.extend({ collection: collectionName, key: recordId }), page(historyEntry)),
  /** Donations under a person's TC Kimlik No: a beneficiary's, or a donation's donor's other ones. */
  donationsOf: channel(pageRequest.extend({ collection: z.enum(['beneficiaries', 'donations']), id: recordId }), page(recordDoc)),
  listAudit: channel(pageRequest, page(auditEntry)),
} as const;
