// Records: listing and searching (audited, each role its own projection), one record's page
// (open, history, a person's donations), and correcting, adding, deleting and restoring records.
import { paginationOptsValidator, type GenericDocument } from 'convex/server';
import { ConvexError, v } from 'convex/values';
import { checkRecord, getSpec, personNameKey } from '../shared/domain';
import { fieldAccess, projectValue, searchableBy } from '../shared/domain/access';
import { hasRole, type Role } from '../shared/domain/roles';
import type { CollectionName, FieldError, StoredValue } from '../shared/domain/types';
import { RESTORE_WINDOW_MS, type HistoryKind } from '../shared/domain/vocabularies';
import { internal } from './_generated/api';
import type { Doc, Id } from './_generated/dataModel';
import { internalMutation, internalQuery, type MutationCtx, type QueryCtx } from './_generated/server';
import { writeAudit } from './lib/audit';
import { adminMutation, staffMutation, viewerMutation, viewerQuery } from './lib/functions';
import { literals } from './lib/literals';
import { looseReader, looseWriter } from './lib/looseDb';
import { newRecordDoc, withDefaults } from './lib/recordDocs';
import { diffValues, domainValues, historyKeyOf, writeHistory } from './lib/recordHistory';
import { pageBudget } from './lib/readBudget';
import { collectionValidator } from './lib/recordValidators';
import {
  boundedCount,
  recordQuery,
  searchPage,
  searchTerms,
  viewAs,
  type RecordView,
} from './lib/recordQueries';
import { derivedFields, matchesFields, SEARCH_FIELDS } from './lib/searchText';

const filterArgs = {
  status: v.optional(v.string()),
  from: v.optional(v.string()),
  to: v.optional(v.string()),
};

/** The largest page records.list returns, whatever the caller asks (issue #22: no bulk reading). */
export const MAX_LIST_PAGE = 200;
/** Search text kept in an audit entry, at most (the search itself is capped by the contract). */
const MAX_AUDITED_SEARCH = 200;

/**
 * One page of records, newest first (by relevance when searching), each as the caller's role may
 * see it (shared/domain/access). `searchCapped`: the search matched more than can be shown; the
 * page asks to narrow it. A mutation, not a query, because every page and search is audited
 * (KVKK Art. 12): who, the filters or search text, how many rows and which records.
 */
export const list = viewerMutation({
  args: {
    collection: collectionValidator,
    paginationOpts: paginationOptsValidator,
    search: v.optional(v.string()),
    ...filterArgs,
  },
  handler: async (ctx, { collection, paginationOpts, search, ...filters }) => {
    const role = ctx.user.role;
    const terms = searchTerms(search);
    let result: { page: Record<string, unknown>[]; isDone: boolean; continueCursor: string; searchCapped: boolean };
    if (terms !== '') {
      // Only fields the caller sees whole may find a record: an observer cannot confirm a TC number.
      const fields = searchableBy(role, collection, SEARCH_FIELDS[collection]);
      const keep = fields.length === SEARCH_FIELDS[collection].length ? undefined : (doc: Record<string, unknown>) => matchesFields(doc, fields, terms);
      result = await searchPage(ctx.db, collection, terms, filters, pageBudget(paginationOpts, MAX_LIST_PAGE), keep);
    } else {
      const page = await recordQuery(ctx.db, collection, filters).paginate(pageBudget(paginationOpts, MAX_LIST_PAGE));
      result = { page: page.page, isDone: page.isDone, continueCursor: page.continueCursor, searchCapped: false };
    }
    await writeAudit(ctx, {
      action: terms !== '' ? 'record_search' : 'record_list',
      actor: ctx.user,
      collection,
      summary: {
        ...(terms !== '' ? { search: (search ?? '').trim().slice(0, MAX_AUDITED_SEARCH) } : {}),
        filters: Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)),
        page: paginationOpts.cursor === null ? 1 : 'next',
        rows: result.page.length,
        ids: result.page.map((doc) => String(doc._id)),
      },
    });
    return { ...result, page: result.page.map((doc) => viewAs(role, collection, doc)) };
  },
});

/**
 * Opens one record as the caller's role may see it, with the import run that last wrote it and
 * the key its history is kept under. A mutation, not a query, because opening a record is
 * audited (KVKK Art. 12: who saw whose data): once per person, record and day (Turkey's calendar
 * day), however often the page is reopened. A deleted record answers `deleted` (with who, when
 * and why, and until when it can be restored); a malformed id or one of another table, null.
 */
export const open = viewerMutation({
  args: { collection: collectionValidator, id: v.string() },
  handler: async (ctx, { collection, id }): Promise<OpenedRecord | null> => {
    const docId = ctx.db.normalizeId(collection, id);
    if (docId === null) return null;
    const doc = await ctx.db.get(docId);
    if (doc === null) return await deletedView(ctx, ctx.user.role, collection, id);
    const day = new Date(Date.now() + TURKEY_UTC_OFFSET_MS).toISOString().slice(0, 10);
    const seen = await ctx.db
      .query('recordViews')
      .withIndex('by_user_record_day', (q) => q.eq('userId', ctx.user._id).eq('recordId', doc._id).eq('day', day))
      .first();
    if (seen === null) {
      await ctx.db.insert('recordViews', { userId: ctx.user._id, recordId: doc._id, day });
      await writeAudit(ctx, { action: 'record_view', actor: ctx.user, collection, summary: { recordId: doc._id, day } });
    }
    const run = doc.importRunId ? await ctx.db.get(doc.importRunId) : null;
    return {
      state: 'live',
      record: viewAs(ctx.user.role, collection, doc),
      historyKey: historyKeyOf(doc),
      lastImport: run ? { runId: run._id, fileName: run.fileName, at: run.finishedAt ?? run.startedAt } : null,
    };
  },
});

export type OpenedRecord =
  | { state: 'live'; record: RecordView; historyKey: string; lastImport: { runId: string; fileName: string; at: number } | null }
  | { state: 'deleted'; historyKey: string; key: string; deletedAt: number; actorName?: string; reason?: string; restorableUntil: number };

async function deletedView(ctx: MutationCtx, role: Role, collection: CollectionName, id: string): Promise<OpenedRecord | null> {
  const gone = await ctx.db.query('deletedRecords').withIndex('by_recordId', (q) => q.eq('recordId', id)).first();
  if (gone === null || gone.collection !== collection) return null;
  const actor = gone.actorId ? await ctx.db.get(gone.actorId) : null;
  return {
    state: 'deleted',
    historyKey: gone.historyKey,
    // The natural key (a TC Kimlik No for a beneficiary) as the caller's role may see it.
    key: String(projectValue(role, collection, getSpec(collection).naturalKey, gone.key) ?? ''),
    deletedAt: gone.deletedAt,
    ...(actor ? { actorName: actor.name } : {}),
    // The reason may name the person: staff only.
    ...(hasRole(role, 'personel') ? { reason: gone.reason } : {}),
    restorableUntil: gone.deletedAt + RESTORE_WINDOW_MS,
  };
}

/** Turkey keeps UTC+3 all year (no daylight saving since 2016). */
const TURKEY_UTC_OFFSET_MS = 3 * 3_600_000;

/**
 * How many records match; `capped`: at least `count` (see lib/recordQueries COUNT_CAP). Internal:
 * no screen shows it (the Export page counts with exports.count); the tests pin the list's filters with it.
 */
export const count = internalQuery({
  args: { collection: collectionValidator, ...filterArgs },
  handler: async (ctx, { collection, ...filters }) => await boundedCount(recordQuery(ctx.db, collection, filters)),
});

// --- correcting, adding, deleting and restoring records (issue #24) ---------------------------

/** A value to save: a stored value, or null to empty an optional field. */
const editValuesValidator = v.record(v.string(), v.union(v.string(), v.number(), v.null()));

/** Why a save was refused (nothing was written). The page says it in the user's language. */
export type SaveRefusal =
  | { ok: false; reason: 'invalid'; errors: FieldError[] }
  /** The record changed since it was opened: what changed, by whom (newest first). */
  | { ok: false; reason: 'changed'; changes: HistoryView[] }
  /** Another record already has this natural key. */
  | { ok: false; reason: 'duplicate'; field: string; id: string }
  | { ok: false; reason: 'gone' };
export type SaveResult = { ok: true; reason: 'saved'; id: string; record: RecordView } | SaveRefusal;

/** Entries a `changed` refusal lists at most. */
const MAX_CONFLICT_ENTRIES = 20;
const MAX_REASON = 500;

/** The other record holding this natural key, if any. */
async function holderOf(ctx: MutationCtx, collection: CollectionName, key: string): Promise<GenericDocument | null> {
  const keyField = getSpec(collection).naturalKey;
  return await looseReader(ctx.db)
    .query(collection)
    .withIndex(`by_${keyField}`, (q) => q.eq(keyField, key))
    .first();
}

/**
 * The import's own check (shared/domain checkRecord, as the import batches run it) of a whole
 * record, plus the stored types the schema needs. Empty when it may be saved.
 */
function recordErrors(collection: CollectionName, values: Record<string, StoredValue>): FieldError[] {
  return checkRecord(collection, values, { partial: false });
}

/**
 * Corrects a record in place (staff and administrators). `values` holds the fields to change
 * (null empties one); `expectedUpdatedAt` is the record's updatedAt when it was opened: when
 * someone (a colleague, an import) changed it since, nothing is written and the answer lists
 * what they changed, so a colleague's edit is never overwritten. The server checks the merged
 * record with the import's rules and refuses a natural key another record holds.
 */
export const update = staffMutation({
  args: { collection: collectionValidator, id: v.string(), values: editValuesValidator, expectedUpdatedAt: v.number() },
  handler: async (ctx, { collection, id, values, expectedUpdatedAt }): Promise<SaveResult> => {
    const docId = ctx.db.normalizeId(collection, id);
    const doc = docId === null ? null : await looseReader(ctx.db).get(docId);
    if (docId === null || doc === null) return { ok: false, reason: 'gone' };
    const historyKey = historyKeyOf(doc);
    if (doc.updatedAt !== expectedUpdatedAt) {
      const since = await ctx.db
        .query('recordHistory')
        .withIndex('by_record_at', (q) => q.eq('recordId', historyKey).gt('at', expectedUpdatedAt))
        .order('desc')
        .take(MAX_CONFLICT_ENTRIES);
      return { ok: false, reason: 'changed', changes: await historyViews(ctx, ctx.user.role, since) };
    }
    const before = domainValues(collection, doc);
    const merged: Record<string, StoredValue> = { ...before };
    for (const [field, value] of Object.entries(values)) {
      if (value === null || value === '') delete merged[field];
      else merged[field] = value;
    }
    const errors = recordErrors(collection, merged);
    // A field the form sent but the collection lacks is the caller's mistake, said as the import says it.
    for (const field of Object.keys(values)) {
      if (!getSpec(collection).fields.some((f) => f.key === field) && !errors.some((e) => e.field === field)) {
        errors.push({ field, code: 'unknown_value', params: { unknownField: field } });
      }
    }
    if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
    const keyField = getSpec(collection).naturalKey;
    if (merged[keyField] !== before[keyField]) {
      const holder = await holderOf(ctx, collection, String(merged[keyField]));
      if (holder !== null) return { ok: false, reason: 'duplicate', field: keyField, id: String(holder._id) };
    }
    const changes = diffValues(collection, before, merged);
    if (changes.length === 0) return { ok: true, reason: 'saved', id, record: viewAs(ctx.user.role, collection, doc) };
    const now = Date.now();
    // Strictly later than the version the editor saw, even within the same millisecond.
    const updatedAt = Math.max(now, doc.updatedAt as number + 1);
    const patch: Record<string, StoredValue | undefined> = {};
    for (const c of changes) patch[c.field] = c.after ?? undefined;
    await looseWriter(ctx.db).patch(docId, { ...patch, updatedAt, ...derivedFields(collection, merged) });
    await writeHistory(ctx, { collection, recordId: historyKey, kind: 'edit', actor: ctx.user, changes, at: updatedAt });
    await writeAudit(ctx, { action: 'record_edit', actor: ctx.user, collection, summary: { recordId: id, fields: changes.map((c) => c.field) } });
    const saved = await looseReader(ctx.db).get(docId);
    return { ok: true, reason: 'saved', id, record: viewAs(ctx.user.role, collection, saved ?? doc) };
  },
});

/** Adds a record by hand (staff and administrators): the import's rules; a taken natural key is refused with the record holding it. */
export const create = staffMutation({
  args: { collection: collectionValidator, values: editValuesValidator },
  handler: async (ctx, { collection, values }): Promise<SaveResult> => {
    const given: Record<string, StoredValue> = {};
    for (const [field, value] of Object.entries(values)) if (value !== null && value !== '') given[field] = value;
    const record = withDefaults(collection, given);
    const errors = recordErrors(collection, record);
    if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
    const keyField = getSpec(collection).naturalKey;
    const holder = await holderOf(ctx, collection, String(record[keyField]));
    if (holder !== null) return { ok: false, reason: 'duplicate', field: keyField, id: String(holder._id) };
    const now = Date.now();
    const id = await looseWriter(ctx.db).insert(collection, newRecordDoc(collection, record, now));
    await writeHistory(ctx, { collection, recordId: id, kind: 'create', actor: ctx.user, changes: diffValues(collection, {}, record), at: now });
    await writeAudit(ctx, { action: 'record_create', actor: ctx.user, collection, summary: { recordId: id } });
    const doc = await looseReader(ctx.db).get(id);
    return { ok: true, reason: 'saved', id, record: viewAs(ctx.user.role, collection, doc ?? {}) };
  },
});

/**
 * Deletes a record (administrators only), with a reason, audited. The record leaves its table
 * (so lists, searches, exports and imports no longer see it) for deletedRecords, where it can be
 * restored for 30 days before purgeDeleted removes it.
 */
export const remove = adminMutation({
  args: { collection: collectionValidator, id: v.string(), reason: v.string() },
  handler: async (ctx, { collection, id, reason }) => {
    const why = reason.trim();
    if (why === '' || why.length > MAX_REASON) {
      throw new ConvexError({ code: 'invalid_reason', message: `A reason of 1–${MAX_REASON} characters is required` });
    }
    const docId = ctx.db.normalizeId(collection, id);
    const doc = docId === null ? null : await looseReader(ctx.db).get(docId);
    if (docId === null || doc === null) throw new ConvexError({ code: 'not_found', message: 'No such record' });
    const historyKey = historyKeyOf(doc);
    const values = domainValues(collection, doc);
    const now = Date.now();
    await ctx.db.insert('deletedRecords', {
      collection,
      recordId: id,
      historyKey,
      key: String(values[getSpec(collection).naturalKey]),
      values,
      createdAt: doc.createdAt as number,
      ...(doc.importRunId ? { importRunId: doc.importRunId as Id<'importRuns'> } : {}),
      deletedAt: now,
      actorId: ctx.user._id,
      reason: why,
      ...(collection === 'donations' && typeof values.donorNationalId === 'string' ? { donorNationalId: values.donorNationalId } : {}),
    });
    await looseWriter(ctx.db).delete(docId);
    await writeHistory(ctx, { collection, recordId: historyKey, kind: 'delete', actor: ctx.user, changes: [], reason: why, at: now });
    await writeAudit(ctx, { action: 'record_delete', actor: ctx.user, collection, summary: { recordId: id, reason: why } });
    return { deletedAt: now, restorableUntil: now + RESTORE_WINDOW_MS };
  },
});

/**
 * Restores a deleted record (administrators only) as a new document whose history continues the
 * old one's; refused with a link when another record has taken its natural key meanwhile.
 */
export const restore = adminMutation({
  args: { collection: collectionValidator, id: v.string() },
  handler: async (ctx, { collection, id }): Promise<SaveResult> => {
    const gone = await ctx.db.query('deletedRecords').withIndex('by_recordId', (q) => q.eq('recordId', id)).first();
    if (gone === null || gone.collection !== collection) return { ok: false, reason: 'gone' };
    const keyField = getSpec(collection).naturalKey;
    const holder = await holderOf(ctx, collection, gone.key);
    if (holder !== null) return { ok: false, reason: 'duplicate', field: keyField, id: String(holder._id) };
    const now = Date.now();
    const doc = { ...newRecordDoc(collection, gone.values, gone.createdAt, gone.importRunId), updatedAt: now, originId: gone.historyKey };
    const newId = await looseWriter(ctx.db).insert(collection, doc);
    await ctx.db.delete(gone._id);
    await writeHistory(ctx, { collection, recordId: gone.historyKey, kind: 'restore', actor: ctx.user, changes: [], at: now });
    await writeAudit(ctx, { action: 'record_restore', actor: ctx.user, collection, summary: { recordId: newId, deletedId: id } });
    return { ok: true, reason: 'saved', id: newId, record: viewAs(ctx.user.role, collection, { ...doc, _id: newId }) };
  },
});

/** Deleted records purgeDeleted removes per call (each with up to PURGE_HISTORY_ROWS history entries). */
export const PURGE_BATCH = 100;
const PURGE_HISTORY_ROWS = 2000;

/**
 * Removes records deleted more than 30 days ago, with their history (KVKK: nothing kept past its
 * purpose). Daily (crons.ts). The cutoff is fixed by the first call and passed on to the next
 * while more remain, so every continuation reads the same range.
 */
export const purgeDeleted = internalMutation({
  args: { before: v.optional(v.number()) },
  handler: async (ctx, args) => {
    const before = args.before ?? Date.now() - RESTORE_WINDOW_MS;
    const due = await ctx.db.query('deletedRecords').withIndex('by_deletedAt', (q) => q.lt('deletedAt', before)).take(PURGE_BATCH);
    let purged = 0;
    let more = due.length === PURGE_BATCH;
    for (const gone of due) {
      const entries = await ctx.db
        .query('recordHistory')
        .withIndex('by_record_at', (q) => q.eq('recordId', gone.historyKey))
        .take(PURGE_HISTORY_ROWS);
      for (const entry of entries) await ctx.db.delete(entry._id);
      // A very long history takes more than one call; the record goes with its last entries.
      if (entries.length === PURGE_HISTORY_ROWS) {
        more = true;
        break;
      }
      await ctx.db.delete(gone._id);
      purged += 1;
    }
    if (more) await ctx.scheduler.runAfter(0, internal.records.purgeDeleted, { before });
    return { purged, more };
  },
});

/** Records one fillNameKeys call gives their name key, per table. */
export const NAME_KEY_BATCH = 500;

/**
 * Gives records written before the import's fallback matching (schema nameKey) their name key,
 * NAME_KEY_BATCH per table per call, going on by itself while more remain. A record without one
 * sorts first in the by_nameKey_* indexes, so the hourly cron reads nothing once all have one.
 */
export const fillNameKeys = internalMutation({
  args: {},
  handler: async (ctx) => {
    const beneficiaries = await ctx.db.query('beneficiaries').withIndex('by_nameKey_phone', (q) => q.eq('nameKey', undefined)).take(NAME_KEY_BATCH);
    for (const doc of beneficiaries) await ctx.db.patch(doc._id, { nameKey: personNameKey(doc.fullName) });
    const donations = await ctx.db.query('donations').withIndex('by_nameKey_amount_date', (q) => q.eq('nameKey', undefined)).take(NAME_KEY_BATCH);
    for (const doc of donations) await ctx.db.patch(doc._id, { nameKey: personNameKey(doc.donorName) });
    const more = beneficiaries.length === NAME_KEY_BATCH || donations.length === NAME_KEY_BATCH;
    if (more) await ctx.scheduler.runAfter(0, internal.records.fillNameKeys, {});
    return { filled: beneficiaries.length + donations.length, more };
  },
});

/**
 * The record holding a natural key (the CLI's `records show --key`). Staff only: an observer may
 * not learn whether a TC Kimlik No is on file. Audited as a search.
 */
export const findByKey = staffMutation({
  args: { collection: collectionValidator, key: v.string() },
  handler: async (ctx, { collection, key }) => {
    const holder = await holderOf(ctx, collection, key.trim());
    await writeAudit(ctx, {
      action: 'record_search',
      actor: ctx.user,
      collection,
      summary: { search: key.trim().slice(0, MAX_AUDITED_SEARCH), rows: holder === null ? 0 : 1, ids: holder === null ? [] : [String(holder._id)] },
    });
    return holder === null ? null : { id: String(holder._id) };
  },
});

// --- history and a person's donations ------------------------------------------------------------

export interface HistoryView {
  id: string;
  at: number;
  kind: HistoryKind;
  actorName?: string;
  runId?: string;
  reason?: string;
  changes: { field: string; before: StoredValue | null; after: StoredValue | null }[];
}

/** History entries as `role` may see them, each with its author's name (looked up once per person). */
async function historyViews(ctx: QueryCtx, role: Role, entries: Doc<'recordHistory'>[]): Promise<HistoryView[]> {
  const names = new Map<string, string | undefined>();
  const out: HistoryView[] = [];
  for (const entry of entries) {
    let actorName = entry.actorName;
    if (actorName === undefined && entry.actorId !== undefined) {
      if (!names.has(entry.actorId)) names.set(entry.actorId, (await ctx.db.get(entry.actorId))?.name);
      actorName = names.get(entry.actorId);
    }
    out.push(historyView(role, { ...entry, ...(actorName !== undefined ? { actorName } : {}) }));
  }
  return out;
}

/** A history entry as `role` may see it: hidden fields left out, masked ones masked. */
function historyView(role: Role, entry: Doc<'recordHistory'>): HistoryView {
  const changes: HistoryView['changes'] = [];
  for (const c of entry.changes) {
    if (fieldAccess(role, entry.collection, c.field) === 'hidden') continue;
    const shown = (value: StoredValue | null) => (value === null ? null : (projectValue(role, entry.collection, c.field, value) as StoredValue));
    changes.push({ field: c.field, before: shown(c.before), after: shown(c.after) });
  }
  return {
    id: entry._id,
    at: entry.at,
    kind: entry.kind,
    ...(entry.actorName !== undefined ? { actorName: entry.actorName } : {}),
    ...(entry.runId !== undefined ? { runId: entry.runId } : {}),
    // A deletion's reason may name the person: staff only.
    ...(entry.reason !== undefined && hasRole(role, 'personel') ? { reason: entry.reason } : {}),
    changes,
  };
}

export const MAX_HISTORY_PAGE = 50;

/** A record's history, newest first, paged; `key` is the historyKey records.open returned. */
export const history = viewerQuery({
  args: { collection: collectionValidator, key: v.string(), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { collection, key, paginationOpts }) => {
    const result = await ctx.db
      .query('recordHistory')
      .withIndex('by_record_at', (q) => q.eq('recordId', key))
      .order('desc')
      .paginate(pageBudget(paginationOpts, MAX_HISTORY_PAGE));
    return {
      page: await historyViews(ctx, ctx.user.role, result.page.filter((e) => e.collection === collection)),
      isDone: result.isDone,
      continueCursor: result.continueCursor,
    };
  },
});

export const MAX_DONATIONS_PAGE = 50;

/**
 * The donations made under a person's TC Kimlik No, newest first: a beneficiary's (its
 * nationalId) or a donation's donor's (its donorNationalId, that donation left out). A list
 * read, audited like records.list.
 */
export const donationsOf = viewerMutation({
  args: { collection: literals(['beneficiaries', 'donations'] as const), id: v.string(), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { collection, id, paginationOpts }) => {
    const docId = ctx.db.normalizeId(collection, id);
    const doc = docId === null ? null : await looseReader(ctx.db).get(docId);
    const tc = doc === null ? undefined : collection === 'beneficiaries' ? doc.nationalId : doc.donorNationalId;
    if (typeof tc !== 'string') return { page: [], isDone: true, continueCursor: '' };
    const result = await ctx.db
      .query('donations')
      .withIndex('by_donorNationalId_date', (q) => q.eq('donorNationalId', tc))
      .order('desc')
      .paginate(pageBudget(paginationOpts, MAX_DONATIONS_PAGE));
    const page = result.page.filter((d) => d._id !== id);
    await writeAudit(ctx, {
      action: 'record_list',
      actor: ctx.user,
      collection: 'donations',
      summary: { filters: { donorOf: id }, page: paginationOpts.cursor === null ? 1 : 'next', rows: page.length, ids: page.map((d) => d._id) },
    });
    return { page: page.map((d) => viewAs(ctx.user.role, 'donations', d)), isDone: result.isDone, continueCursor: result.continueCursor };
  },
});
