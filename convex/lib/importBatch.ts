// Applying one batch of import rows inside a single mutation, and the dry run's comparison of
// rows with the stored records. The client has already normalised and validated the rows with
// the same domain rules; the server checks them again (it never trusts the client), matches
// natural keys against the database, and decides per row with one function (`assessRow`) for
// both, so the dry run says exactly what the commit will do.
import type { GenericDatabaseReader, GenericDataModel, GenericDocument } from 'convex/server';
import { ConvexError, type GenericId, type Infer } from 'convex/values';
import { CONTROL_TOTAL_FIELD, MATCH_NAME_FIELD, canMatchWithoutKey, checkRecord, dottedDate, getField, getSpec, isPartialMode, personNameKey, shiftIsoDate, type ImportMode, type MatchRule } from '../../shared/domain';
import type { CollectionName, CollectionSpec, FieldChange, FieldError, StoredValue } from '../../shared/domain/types';
import type { Doc, Id } from '../_generated/dataModel';
import type { DatabaseReader, MutationCtx } from '../_generated/server';
import { looseReader, looseWriter } from './looseDb';
import { newRecordDoc } from './recordDocs';
import { diffValues, historyKeyOf, writeHistory } from './recordHistory';
import { storedKind } from './recordValidators';
import { derivedFields } from './searchText';
import type { batchCountsValidator, rowResultValidator } from './tableValidators';
import type { ImportConsent } from '../../shared/domain/importConsent';
import { recordImportConsents } from './consent';

/** Stored values of some fields; null where the record has none. */
export type Snapshot = Record<string, StoredValue | null>;

export interface BatchRow {
  rowNumber: number;
  values: Record<string, StoredValue>;
  /**
   * What the dry run saw: null = no record with this key, otherwise the stored values of the
   * row's fields. When the record no longer matches, the row is a `conflict` and nothing is written.
   */
  expected?: Snapshot | null;
  /** Beneficiaries: the row's consent columns, recorded in the register once the row is written or found unchanged. */
  consent?: ImportConsent;
}

export type RowResult = Infer<typeof rowResultValidator>;
export type BatchCounts = Required<Infer<typeof batchCountsValidator>>;

export interface BatchResult {
  batchIndex: number;
  results: RowResult[];
  counts: BatchCounts;
}

export type Assessment =
  | { action: 'invalid'; errors: FieldError[] }
  | { action: 'create'; values: Record<string, StoredValue>; existing: null }
  | { action: 'update' | 'unchanged'; values: Record<string, StoredValue>; existing: GenericDocument; changes: FieldChange[] };

export const emptyCounts = (): BatchCounts => ({ inserted: 0, updated: 0, unchanged: 0, conflict: 0, failed: 0 });
/** Counts as stored: batches applied before the dry run have no unchanged/conflict. */
export const fullCounts = (c: Infer<typeof batchCountsValidator>): BatchCounts => ({ ...emptyCounts(), ...c });

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

const storedOf = (doc: GenericDocument, field: string): StoredValue | null => {
  const value = doc[field];
  return typeof value === 'string' || typeof value === 'number' ? value : null;
};

const isBlank = (value: StoredValue | null) => value === null || value === '';

/** The fields a row would change on a stored record: fill mode only fills blank ones. */
export function changesOf(mode: ImportMode, existing: GenericDocument, values: Record<string, StoredValue>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, after] of Object.entries(values)) {
    const before = storedOf(existing, field);
    if (mode === 'fill' ? !isBlank(before) : before === after) continue;
    changes.push({ field, before, after });
  }
  return changes;
}

/** The stored values of these fields (what a dry run captures, and what a conflict reports). */
export function snapshotOf(doc: GenericDocument, fields: Iterable<string>): Snapshot {
  const out: Snapshot = {};
  for (const field of fields) out[field] = storedOf(doc, field);
  return out;
}

/** The fields whose stored value is no longer what the dry run saw; undefined when nothing moved. */
export function driftFrom(expected: Snapshot | null, existing: GenericDocument | null, fields: Iterable<string>): Snapshot | null | undefined {
  if (expected === null) return existing === null ? undefined : snapshotOf(existing, fields);
  if (existing === null) return null;
  const drift: Snapshot = {};
  let moved = false;
  for (const [field, value] of Object.entries(expected)) {
    const now = storedOf(existing, field);
    if (now !== value) {
      drift[field] = now;
      moved = true;
    }
  }
  return moved ? drift : undefined;
}

/** How a row looks for its stored record: the key range of the collection, and N for donations. */
export interface MatchOptions {
  /** Days either side of a keyless donation's date its stored record's date may be (0 = same day). */
  matchDays?: number;
}

/** Records one fallback lookup reads at most: enough to tell one match from several, and list a few. */
export const MATCH_LIMIT = 5;

type Found = { doc: GenericDocument; rule: MatchRule };

/** The fields a rule matched loosely (folded name, date ± N days): the stored values stay. */
const MATCHED_ON: Record<MatchRule, readonly string[]> = {
  nameBirthDate: ['fullName'],
  namePhone: ['fullName'],
  donorAmountDate: ['donorName', 'date'],
};

/**
 * The stored records a keyless row matches by its collection's fallback rules (shared/domain
 * personMatch): one index range per rule, each at most MATCH_LIMIT documents, so a row reads
 * at most 2 × MATCH_LIMIT documents however many people share a name. `more` when a range was
 * cut at the limit (the count is then a floor).
 */
async function fallbackMatches(
  db: GenericDatabaseReader<GenericDataModel>,
  collection: CollectionName,
  values: Record<string, StoredValue>,
  opts: MatchOptions,
): Promise<{ found: Found[]; more: boolean }> {
  const nameField = MATCH_NAME_FIELD[collection];
  const name = nameField === undefined ? undefined : values[nameField];
  if (typeof name !== 'string') return { found: [], more: false };
  const nameKey = personNameKey(name);
  // The rules are per table, so their lookups use the generated types (fields and indexes checked).
  const typed = db as unknown as DatabaseReader;
  const ranges: { rule: MatchRule; query: () => Promise<GenericDocument[]> }[] = [];
  if (collection === 'beneficiaries') {
    const { birthDate, phone } = values;
    if (typeof birthDate === 'string') {
      ranges.push({ rule: 'nameBirthDate', query: () => typed.query('beneficiaries').withIndex('by_nameKey_birthDate', (q) => q.eq('nameKey', nameKey).eq('birthDate', birthDate)).take(MATCH_LIMIT) });
    }
    if (typeof phone === 'string') {
      ranges.push({ rule: 'namePhone', query: () => typed.query('beneficiaries').withIndex('by_nameKey_phone', (q) => q.eq('nameKey', nameKey).eq('phone', phone)).take(MATCH_LIMIT) });
    }
  } else if (collection === 'donations') {
    const { amount, date } = values;
    const days = opts.matchDays ?? 0;
    if (typeof amount === 'number' && typeof date === 'string') {
      const from = shiftIsoDate(date, -days);
      const to = shiftIsoDate(date, days);
      ranges.push({
        rule: 'donorAmountDate',
        query: () => typed.query('donations').withIndex('by_nameKey_amount_date', (q) => q.eq('nameKey', nameKey).eq('amount', amount).gte('date', from).lte('date', to)).take(MATCH_LIMIT),
      });
    }
  }
  const found: Found[] = [];
  let more = false;
  for (const range of ranges) {
    const docs = await range.query();
    if (docs.length >= MATCH_LIMIT) more = true;
    for (const doc of docs) if (!found.some((f) => f.doc._id === doc._id)) found.push({ doc, rule: range.rule });
  }
  return { found, more };
}

/** "Ayşe Yılmaz (TC …4567, 12.03.1980)": enough for staff to tell the matching records apart. */
function describeMatch(collection: CollectionName, doc: GenericDocument): string {
  const spec = getSpec(collection);
  const key = storedOf(doc, spec.naturalKey);
  const name = storedOf(doc, MATCH_NAME_FIELD[collection] ?? spec.naturalKey);
  const keyLabel = collection === 'beneficiaries' ? 'TC' : getField(collection, spec.naturalKey)?.label.tr ?? spec.naturalKey;
  const tail = typeof key === 'string' && collection === 'beneficiaries' ? `…${key.slice(-4)}` : String(key ?? '');
  const date = storedOf(doc, collection === 'beneficiaries' ? 'birthDate' : 'date');
  return `${name ?? ''} (${keyLabel} ${tail}${typeof date === 'string' ? `, ${dottedDate(date)}` : ''})`;
}

/**
 * Checks one row and finds its stored record: one index lookup by its natural key, or, for a row
 * without one that a fallback rule can match (a person without a TC Kimlik No, a donation
 * without a receipt number), one bounded range per rule. `seen` spots records met twice in the batch.
 */
export async function assessRow(
  db: GenericDatabaseReader<GenericDataModel>,
  collection: CollectionName,
  mode: ImportMode,
  row: BatchRow,
  seen: Map<string, number>,
  opts: MatchOptions = {},
): Promise<Assessment & { lookedUp: GenericDocument | null; matchedBy?: MatchRule }> {
  const spec = getSpec(collection);
  const keyField = spec.naturalKey;
  // The raw values are checked, so unknown keys and empty strings are reported, not dropped.
  const errors = checkRecord(collection, row.values, { partial: isPartialMode(mode) });
  const values = cleanValues(spec, row.values);
  errors.push(...kindErrors(spec, values, errors));
  const rawKey = values[keyField];
  const keyless = rawKey === undefined && !errors.some((e) => e.field === keyField);
  if (keyless && !canMatchWithoutKey(collection, values)) errors.push({ field: keyField, code: 'required' });
  let existing: GenericDocument | null = null;
  let matchedBy: MatchRule | undefined;
  let key = typeof rawKey === 'string' ? rawKey : undefined;
  if (keyless && errors.length === 0) {
    const { found, more } = await fallbackMatches(db, collection, values, opts);
    if (found.length > 1) {
      const records = found.map((f) => describeMatch(collection, f.doc)).join('; ');
      errors.push({ field: keyField, code: 'ambiguous_match', params: { count: found.length, records, ...(more ? { more: 1 } : {}) } });
    } else if (found.length === 1) {
      existing = found[0]!.doc;
      matchedBy = found[0]!.rule;
      // What matched is the stored record's: another spelling of the name, or a date N days off
      // (a bank's booking day beside the receipt's), does not overwrite it.
      for (const field of MATCHED_ON[matchedBy]) delete values[field];
      key = String(storedOf(existing, keyField));
      const earlierRow = seen.get(key);
      if (earlierRow !== undefined) errors.push({ field: keyField, code: 'duplicate_in_file', params: { row: earlierRow } });
      else seen.set(key, row.rowNumber);
      if (mode === 'insert') errors.push({ field: keyField, code: 'already_exists' });
    } else {
      // Nothing to update, and no key to create a record under.
      const rule = collection === 'donations' ? 'donorAmountDate' : 'nameBirthDate';
      errors.push({ field: keyField, code: 'no_match', params: { rule, ...(collection === 'donations' ? { days: opts.matchDays ?? 0 } : {}) } });
    }
  } else if (key !== undefined && !errors.some((e) => e.field === keyField)) {
    const byKey = key;
    const earlierRow = seen.get(key);
    if (earlierRow !== undefined) {
      errors.push({ field: keyField, code: 'duplicate_in_file', params: { row: earlierRow } });
    } else {
      seen.set(key, row.rowNumber);
      existing = await db
        .query(collection)
        .withIndex(`by_${keyField}`, (q) => q.eq(keyField, byKey))
        .first();
      if (mode === 'insert' && existing !== null) errors.push({ field: keyField, code: 'already_exists' });
      else if (mode === 'update' && existing === null) errors.push({ field: keyField, code: 'not_found' });
    }
  }
  const matched = matchedBy === undefined ? {} : { matchedBy };
  if (errors.length > 0) return { action: 'invalid', errors, lookedUp: existing, ...matched };
  if (existing === null) return { action: 'create', values, existing, lookedUp: null };
  const changes = changesOf(mode, existing, values);
  return { action: changes.length > 0 ? 'update' : 'unchanged', values, existing, changes, lookedUp: existing, ...matched };
}

/** Notes what the run wrote to a record, for its undo. */
async function logChange(
  ctx: MutationCtx,
  run: Doc<'importRuns'>,
  rowNumber: number,
  values: Record<string, StoredValue>,
  recordId: string,
  change: Pick<Doc<'importChanges'>, 'action' | 'after' | 'at' | 'before' | 'prevRunId'>,
  stored?: GenericDocument,
): Promise<void> {
  // A row matched without its key (name + birth date …) names its record by the stored key.
  const keyField = getSpec(run.collection).naturalKey;
  const key = String(values[keyField] ?? stored?.[keyField]);
  await ctx.db.insert('importChanges', { runId: run._id, collection: run.collection, recordId, key, rowNumber, state: 'applied', ...change });
}

export async function applyRows(
  ctx: MutationCtx,
  run: Doc<'importRuns'>,
  rows: readonly BatchRow[],
): Promise<{ results: RowResult[]; counts: BatchCounts; consents: number }> {
  const db = looseWriter(ctx.db);
  let consents = 0;
  // Who records a row's consents: the person who ran the import (read once, only for such a batch).
  let recorder: { _id: Id<'users'>; name: string } | null = null;
  const recordConsent = async (row: BatchRow, nationalId: unknown) => {
    if (!row.consent || typeof nationalId !== 'string') return;
    if (recorder === null) {
      const user = run.actorId ? await ctx.db.get(run.actorId) : null;
      if (user === null) throw new ConvexError('runId: the person who ran the import is gone');
      recorder = { _id: user._id, name: user.name ?? '' };
    }
    consents += await recordImportConsents(ctx, run, nationalId, row.consent, recorder, now);
  };
  const spec = getSpec(run.collection);
  const seen = new Map<string, number>();
  const results: RowResult[] = [];
  const counts = emptyCounts();
  const now = Date.now();
  // The record's history names the person who ran the import by id only: reading their users
  // document here would make every batch of the run read one common document.
  const history = { collection: run.collection, kind: 'import' as const, actor: run.actorId ? { _id: run.actorId } : null, runId: run._id, at: now };

  for (const row of rows) {
    const assessed = await assessRow(db, run.collection, run.mode, row, seen, { matchDays: run.matchDays });
    if (row.expected !== undefined && assessed.action !== 'invalid') {
      // Changed between the dry run and this batch: reported, never silently overwritten.
      const stored = driftFrom(row.expected, assessed.lookedUp, Object.keys(assessed.values));
      if (stored !== undefined) {
        counts.conflict += 1;
        results.push({ rowNumber: row.rowNumber, outcome: 'conflict', stored });
        continue;
      }
    }
    switch (assessed.action) {
      case 'invalid':
        counts.failed += 1;
        results.push({ rowNumber: row.rowNumber, outcome: 'rejected', errors: assessed.errors });
        break;
      case 'unchanged':
        counts.unchanged += 1;
        results.push({ rowNumber: row.rowNumber, outcome: 'unchanged', id: assessed.existing._id as string });
        await recordConsent(row, assessed.existing[spec.naturalKey]);
        break;
      case 'update': {
        // Only the changed fields are written; the search text follows the merged record.
        const { existing, changes } = assessed;
        const existingId = existing._id as GenericId<string>;
        const patch: Record<string, StoredValue> = {};
        for (const change of changes) patch[change.field] = change.after;
        await db.patch(existingId, {
          ...patch,
          updatedAt: now,
          importRunId: run._id,
          ...derivedFields(run.collection, { ...existing, ...patch }),
        });
        await logChange(ctx, run, row.rowNumber, assessed.values, existingId, {
          action: 'updated',
          before: Object.fromEntries(changes.map((c) => [c.field, c.before])),
          after: patch,
          at: now,
          ...(existing.importRunId ? { prevRunId: existing.importRunId as Id<'importRuns'> } : {}),
        }, existing);
        await writeHistory(ctx, { ...history, recordId: historyKeyOf(existing), changes });
        await recordConsent(row, existing[spec.naturalKey]);
        counts.updated += 1;
        results.push({ rowNumber: row.rowNumber, outcome: 'updated', id: existingId });
        break;
      }
      case 'create': {
        const doc = newRecordDoc(run.collection, assessed.values, now, run._id);
        const id = await db.insert(run.collection, doc);
        const after = snapshotOf(doc, spec.fields.map((f) => f.key));
        await logChange(ctx, run, row.rowNumber, assessed.values, id, { action: 'created', after, at: now });
        await writeHistory(ctx, { ...history, recordId: id, changes: diffValues(run.collection, {}, after) });
        await recordConsent(row, assessed.values[spec.naturalKey]);
        counts.inserted += 1;
        results.push({ rowNumber: row.rowNumber, outcome: 'inserted', id });
        break;
      }
    }
  }
  return { results, counts, consents };
}

/**
 * One batch of a run, applied once: a repeated (runId, batchIndex) returns the stored result and
 * writes nothing. It reads the run but never writes it, and writes only its own documents (its
 * rows' records and importChanges, its importBatches and importBatchCounts row), so batches of
 * one run in flight together never conflict on a real backend. finishRun sums the counts. Each
 * record written gets its history entry (lib/recordHistory) in the same transaction.
 */
export async function applyBatchOnce(
  ctx: MutationCtx,
  { runId, batchIndex, rows, actorId }: { runId: Id<'importRuns'>; batchIndex: number; rows: BatchRow[]; actorId: Id<'users'> },
): Promise<BatchResult> {
  // Only the person who started the run sends its rows (and may read a stored batch's results).
  const run = await ctx.db.get(runId);
  if (run === null) throw new ConvexError('runId: no such import run');
  if (run.actorId !== actorId) throw notYourRun();
  const done = await ctx.db
    .query('importBatches')
    .withIndex('by_run_batch', (q) => q.eq('runId', runId).eq('batchIndex', batchIndex))
    .unique();
  if (done !== null) return { batchIndex, results: await withConflictValues(ctx.db, run, rows, done.results), counts: fullCounts(done.counts) };

  if (run.status !== 'running') {
    throw new ConvexError(`runId: the import run is ${run.status} and accepts no more rows`);
  }
  const { results, counts, consents } = await applyRows(ctx, run, rows);
  await ctx.db.insert('importBatches', { runId, batchIndex, results: results.map(withoutConflictValues), counts });
  await ctx.db.insert('importBatchCounts', { runId, batchIndex, counts, received: { ...receivedTotals(run.collection, rows), ...(consents > 0 ? { consents } : {}) } });
  return { batchIndex, results, counts };
}

/**
 * A conflict row as the batch document keeps it: without the stored values it reports. The
 * answer carries them; kept, 500 rows of them (a record may hold 2,000-character notes) exceed
 * the 1 MiB a real backend allows a document, and the batch would fail on every retry. Keeping
 * them would also be one more copy of people's data.
 */
function withoutConflictValues(result: RowResult): RowResult {
  return result.outcome === 'conflict' ? { rowNumber: result.rowNumber, outcome: 'conflict' } : result;
}

/**
 * A repeated batch's stored results, each conflict given the values stored now, looked up again
 * from the rows sent (the same rows; a conflict wrote nothing, so each finds what it found before).
 */
async function withConflictValues(db: DatabaseReader, run: Doc<'importRuns'>, rows: readonly BatchRow[], results: RowResult[]): Promise<RowResult[]> {
  const conflicts = new Set(results.filter((r) => r.outcome === 'conflict').map((r) => r.rowNumber));
  if (conflicts.size === 0) return results;
  const values = new Map<number, Snapshot | null>();
  const seen = new Map<string, number>();
  const reader = looseReader(db);
  for (const row of rows) {
    const assessed = await assessRow(reader, run.collection, run.mode, row, seen, { matchDays: run.matchDays });
    if (!conflicts.has(row.rowNumber)) continue;
    const fields = assessed.action === 'invalid' ? [] : Object.keys(assessed.values);
    const drift = driftFrom(row.expected ?? null, assessed.lookedUp, fields);
    values.set(row.rowNumber, drift ?? (assessed.lookedUp === null ? null : snapshotOf(assessed.lookedUp, fields)));
  }
  return results.map((r) => (conflicts.has(r.rowNumber) ? { ...r, stored: values.get(r.rowNumber) ?? null } : r));
}

export const notYourRun = () =>
  new ConvexError({ code: 'not_your_run', message: 'Only the person who started this import may send its rows or finish it' });

/** What the server itself received in a batch: its rows, and the sum of their amounts (control totals). */
export function receivedTotals(collection: CollectionName, rows: readonly BatchRow[]): { rows: number; amount: number } {
  const field = CONTROL_TOTAL_FIELD[collection];
  let amount = 0;
  if (field) for (const row of rows) if (typeof row.values[field] === 'number') amount += row.values[field];
  return { rows: rows.length, amount };
}
