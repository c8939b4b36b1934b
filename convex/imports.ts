// Import runs. The main process starts a run, streams the file's rows in numbered batches to
// `ingestBatch`, and ends the run with `finishRun`. Batches are idempotent per
// (runId, batchIndex), so a batch whose reply was lost can simply be sent again, and a resumed
// run can ask which batches are already done. Only the person who started a run sends its
// batches or finishes it. The audit has an entry when a run starts and one when it ends (a
// run left idle for a day is closed by a cron); the figures in the end entry are the server's.
import { paginationOptsValidator, type GenericDocument } from 'convex/server';
import { ConvexError, v } from 'convex/values';
import { internal } from './_generated/api';
import { internalMutation, internalQuery, type DatabaseReader, type MutationCtx } from './_generated/server';
import { writeAudit } from './lib/audit';
import { staffAction, staffMutation, staffQuery } from './lib/functions';
import { createNotification } from './lib/outboxEnqueue';
import { CONTROL_TOTAL_FIELD, MATCH_RULES, MAX_MATCH_DAYS, ROW_ACTIONS, UNDO_WINDOW_MS, type MatchRule } from '../shared/domain';
import type { Doc, Id } from './_generated/dataModel';
import { applyBatchOnce, assessRow, emptyCounts, fullCounts, notYourRun, snapshotOf, type BatchCounts, type BatchResult, type Snapshot } from './lib/importBatch';
import type { FieldChange } from '../shared/domain/types';
import { literals } from './lib/literals';
import { looseReader, looseWriter } from './lib/looseDb';
import { pageBudget } from './lib/readBudget';
import { collectionValidator, storedValuesValidator } from './lib/recordValidators';
import { diffValues, historyKeyOf, writeHistory } from './lib/recordHistory';
import { derivedFields } from './lib/searchText';
import {
  finishedStatusValidator,
  importModeValidator,
  storedSnapshotValidator,
} from './lib/tableValidators';
import type { RowAction } from '../shared/domain/importModes';
import type { FinishedStatus } from '../shared/domain/vocabularies';

/** Limits on one batch, well inside Convex's 16 MiB / 16,000 documents per transaction. */
export const MAX_ROWS_PER_BATCH = 2000;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;
const MAX_FILE_NAME = 255;

/** Rows the dry run compares in one query: ≤ 500 index lookups and documents read. */
export const MAX_COMPARE_ROWS = 500;
/** Changes one undo step reverts: each reads its record and writes two documents. */
export const UNDO_STEP_ROWS = 500;

/** Largest pages the listings return, whatever the caller asks (each page also stops at the read budget). */
export const MAX_RUNS_PAGE = 100;
export const MAX_BATCHES_PAGE = 100;
export const MAX_KEPT_PAGE = 1000;

const rowsValidator = v.array(
  v.object({
    rowNumber: v.number(),
    values: storedValuesValidator,
    /** From the dry run: null = no stored record then; otherwise its values of the row's fields. */
    expected: v.optional(v.union(storedSnapshotValidator, v.null())),
  }),
);

function checkCount(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min)) {
    throw new ConvexError(`${name}: expected a whole number ≥ ${min}, got ${value}`);
  }
}

function checkMatchDays(days: number | undefined): void {
  checkCount('matchDays', days, 0);
  if (days !== undefined && days > MAX_MATCH_DAYS) throw new ConvexError(`matchDays: at most ${MAX_MATCH_DAYS}, got ${days}`);
}

export const startRun = staffMutation({
  args: {
    collection: collectionValidator,
    mode: importModeValidator,
    fileName: v.string(),
    totalRows: v.optional(v.number()),
    /** Staff's expected row count and amount (minor units) beside the file's valid rows'. */
    controlTotals: v.optional(
      v.object({ expectedRows: v.number(), expectedAmount: v.number(), fileRows: v.number(), fileAmount: v.number() }),
    ),
    /** Donations without a receipt number: days either side of the date a stored one may be. */
    matchDays: v.optional(v.number()),
  },
  handler: async (ctx, { collection, mode, fileName, totalRows, controlTotals, matchDays }) => {
    const name = fileName.trim();
    if (name === '' || name.length > MAX_FILE_NAME) {
      throw new ConvexError(`fileName: must be 1–${MAX_FILE_NAME} characters`);
    }
    checkCount('totalRows', totalRows, 0);
    checkMatchDays(matchDays);
    if (controlTotals) {
      if (CONTROL_TOTAL_FIELD[collection] === undefined) {
        throw new ConvexError({ code: 'control_totals_unsupported', message: `controlTotals: ${collection} has no amount to total` });
      }
      checkCount('controlTotals.expectedRows', controlTotals.expectedRows, 0);
      checkCount('controlTotals.fileRows', controlTotals.fileRows, 0);
      if (controlTotals.expectedRows !== controlTotals.fileRows || controlTotals.expectedAmount !== controlTotals.fileAmount) {
        throw new ConvexError({ code: 'control_totals_mismatch', message: 'The file does not match the control totals' });
      }
    }
    const runId = await ctx.db.insert('importRuns', {
      collection,
      mode,
      fileName: name,
      actorId: ctx.user._id,
      status: 'running',
      counts: { inserted: 0, updated: 0, unchanged: 0, conflict: 0, skipped: 0, failed: 0 },
      totalRows,
      ...(controlTotals ? { controlTotals } : {}),
      ...(matchDays === undefined ? {} : { matchDays }),
      startedAt: Date.now(),
    });
    // Written before any row is: a run that is never finished still left a trace. The row count
    // is what the client declares; the end entry has the server's own.
    await writeAudit(ctx, {
      action: 'import',
      actor: ctx.user,
      collection,
      summary: { runId, fileName: name, mode, status: 'started', declaredRows: totalRows ?? null },
    });
    return runId;
  },
});

/** Entry point for the main process: checks the batch's size, then applies it in one transaction. */
export const ingestBatch = staffAction({
  args: { runId: v.id('importRuns'), batchIndex: v.number(), rows: rowsValidator },
  handler: async (ctx, { runId, batchIndex, rows }): Promise<BatchResult> => {
    checkCount('batchIndex', batchIndex, 0);
    if (rows.length > MAX_ROWS_PER_BATCH) {
      throw new ConvexError(`rows: at most ${MAX_ROWS_PER_BATCH} rows per batch, got ${rows.length}`);
    }
    const bytes = new TextEncoder().encode(JSON.stringify(rows)).length;
    if (bytes > MAX_BATCH_BYTES) {
      throw new ConvexError(`rows: a batch may be at most ${MAX_BATCH_BYTES} bytes, got ${bytes}; send smaller batches`);
    }
    for (const row of rows) checkCount('rowNumber', row.rowNumber, 1);
    return await ctx.runMutation(internal.imports.applyBatch, { runId, batchIndex, rows, actorId: ctx.user._id });
  },
});

/**
 * Applies a batch once; a repeated (runId, batchIndex) returns the stored result and writes
 * nothing. Batches in flight together write disjoint documents (lib/importBatch.applyBatchOnce).
 */
export const applyBatch = internalMutation({
  args: { runId: v.id('importRuns'), batchIndex: v.number(), rows: rowsValidator, actorId: v.id('users') },
  handler: applyBatchOnce,
});

/**
 * Ends a run however it ended and writes its end audit entry. Calling it again for a run that
 * has already ended changes nothing and returns the run as it is.
 */
export const finishRun = staffMutation({
  args: {
    runId: v.id('importRuns'),
    status: finishedStatusValidator,
    skipped: v.optional(v.number()),
    /** Rows the client rejected before sending (they never reached applyBatch). */
    rejectedBeforeSend: v.optional(v.number()),
    error: v.optional(v.string()),
  },
  handler: async (ctx, { runId, status, skipped, rejectedBeforeSend, error }) => {
    checkCount('skipped', skipped, 0);
    checkCount('rejectedBeforeSend', rejectedBeforeSend, 0);
    const run = await ctx.db.get(runId);
    if (run === null) throw new ConvexError('runId: no such import run');
    if (run.actorId !== ctx.user._id) throw notYourRun();
    if (run.status !== 'running') return run;
    return await closeRun(ctx, run, { status, skipped, rejectedBeforeSend, error });
  },
});

const STATUS_TR = { completed: 'tamamlandı', failed: 'başarısız oldu', cancelled: 'iptal edildi' } as const;
const MAX_ERROR = 500;

interface RunOutcome {
  status: FinishedStatus;
  skipped?: number;
  rejectedBeforeSend?: number;
  error?: string;
  /** Set when the cron closed a run nobody finished. */
  closedBy?: 'idle';
}

/**
 * Closes a running run: its counts, the end audit entry and the notice to the person who ran
 * it. The audit's counts, rows received and control totals are summed here from the batches
 * the server applied; what the client reported (skipped, rejected before sending) is kept apart.
 */
async function closeRun(ctx: MutationCtx, run: Doc<'importRuns'>, outcome: RunOutcome): Promise<Doc<'importRuns'>> {
  const { status, skipped, rejectedBeforeSend } = outcome;
  const error = outcome.error?.slice(0, MAX_ERROR);
  const { counts: applied, received } = await sumBatchCounts(ctx, run._id);
  const counts = {
    ...applied,
    skipped: skipped ?? run.counts.skipped,
    failed: applied.failed + (rejectedBeforeSend ?? 0),
  };
  const finishedAt = Date.now();
  await ctx.db.patch(run._id, { status, finishedAt, counts, error });
  const reported = { ...(skipped === undefined ? {} : { skipped }), ...(rejectedBeforeSend === undefined ? {} : { rejectedBeforeSend }) };
  await writeAudit(ctx, {
    action: 'import',
    actor: run.actorId ? await ctx.db.get(run.actorId) : null,
    collection: run.collection,
    summary: {
      runId: run._id,
      fileName: run.fileName,
      mode: run.mode,
      status,
      counts: applied,
      receivedRows: received.rows,
      ...(Object.keys(reported).length > 0 ? { reportedByClient: reported } : {}),
      ...(run.controlTotals
        ? {
            controlTotals: {
              expectedRows: run.controlTotals.expectedRows,
              expectedAmount: run.controlTotals.expectedAmount,
              receivedRows: received.rows,
              receivedAmount: received.amount,
            },
          }
        : {}),
      durationMs: finishedAt - run.startedAt,
      ...(error === undefined ? {} : { error }),
      ...(outcome.closedBy ? { closedBy: outcome.closedBy } : {}),
    },
  });
  if (run.actorId) {
    // "Your import finished" reaches the person who ran it, in the inbox and by their channels.
    const total = counts.inserted + counts.updated;
    await createNotification(ctx, {
      recipientId: run.actorId,
      kind: 'ice_aktarma',
      title: `İçe aktarma ${STATUS_TR[status]}: ${run.fileName}`,
      body:
        `${total} kayıt yazıldı (${counts.inserted} yeni, ${counts.updated} güncellendi), ${counts.unchanged} değişmedi, ` +
        `${counts.conflict} çakışma, ${counts.skipped} atlandı, ${counts.failed} hatalı.` +
        (outcome.closedBy === 'idle' ? ' Bir gün boyunca yeni satır gelmediği için kapatıldı.' : ''),
    });
  }
  return { ...run, status, finishedAt, counts, error };
}

/** A run with no batch for this long is closed by the cron (closeIdleRuns). */
export const IDLE_RUN_MS = 24 * 60 * 60 * 1000;

/**
 * Closes runs started before `cutoff` whose last batch is older too, one run per call (a run's
 * close reads all its batch counts), scheduling itself for the next. The cron calls it without
 * arguments; the cutoff is then fixed for every continuation, so the cursor's query never changes.
 */
export const closeIdleRuns = internalMutation({
  args: { cutoff: v.optional(v.number()), cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, args) => {
    const cutoff = args.cutoff ?? Date.now() - IDLE_RUN_MS;
    const page = await ctx.db
      .query('importRuns')
      .withIndex('by_status_startedAt', (q) => q.eq('status', 'running').lt('startedAt', cutoff))
      .paginate({ numItems: 1, cursor: args.cursor ?? null });
    let closed = 0;
    for (const run of page.page) {
      const last = await ctx.db.query('importBatchCounts').withIndex('by_run', (q) => q.eq('runId', run._id)).order('desc').first();
      if ((last?._creationTime ?? run.startedAt) >= cutoff) continue;
      await closeRun(ctx, run, { status: 'failed', error: 'Closed after a day without new rows', closedBy: 'idle' });
      closed += 1;
    }
    if (!page.isDone) await ctx.scheduler.runAfter(0, internal.imports.closeIdleRuns, { cutoff, cursor: page.continueCursor });
    return { closed, more: !page.isDone };
  },
});

/** Runs newest first, each with the name of the person who started it (the history's "Kişi"). */
export const listRuns = staffQuery({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, { paginationOpts }) => {
    const result = await ctx.db.query('importRuns').withIndex('by_startedAt').order('desc').paginate(pageBudget(paginationOpts, MAX_RUNS_PAGE));
    const names = new Map<string, string | undefined>();
    const nameOf = async (id: Id<'users'>) => {
      if (!names.has(id)) names.set(id, (await ctx.db.get(id))?.name);
      return names.get(id);
    };
    const page = [];
    for (const run of result.page) page.push({ ...run, actorName: run.actorId ? await nameOf(run.actorId) : undefined });
    return { ...result, page };
  },
});

/** One run as stored (for tests and the app's own functions). */
export const getRun = internalQuery({
  args: { runId: v.id('importRuns') },
  handler: async (ctx, { runId }) => await ctx.db.get(runId),
});

/** The stored result of one batch, or null if that batch has not been applied (for tests). */
export const batchResults = internalQuery({
  args: { runId: v.id('importRuns'), batchIndex: v.number() },
  handler: async (ctx, { runId, batchIndex }): Promise<BatchResult | null> => {
    const done = await ctx.db
      .query('importBatches')
      .withIndex('by_run_batch', (q) => q.eq('runId', runId).eq('batchIndex', batchIndex))
      .unique();
    return done === null ? null : { batchIndex, results: done.results, counts: fullCounts(done.counts) };
  },
});

/** The applied batches of a run in batch order, without their per-row results (for tests). */
export const listBatches = internalQuery({
  args: { runId: v.id('importRuns'), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { runId, paginationOpts }) => {
    const result = await ctx.db
      .query('importBatches')
      .withIndex('by_run_batch', (q) => q.eq('runId', runId))
      .paginate(pageBudget(paginationOpts, MAX_BATCHES_PAGE));
    return { ...result, page: result.page.map((b) => ({ batchIndex: b.batchIndex, counts: b.counts })) };
  },
});

/** Most batches a run can have for finishRun to sum their counts in one transaction. */
const MAX_BATCHES = 20_000;

/**
 * The run's applied counts and what it received (rows, amount): the sum of its batches' small
 * count documents (read once, at the end).
 */
async function sumBatchCounts(
  ctx: { db: DatabaseReader },
  runId: Id<'importRuns'>,
): Promise<{ counts: BatchCounts; received: { rows: number; amount: number } }> {
  const docs = await ctx.db
    .query('importBatchCounts')
    .withIndex('by_run_batch', (q) => q.eq('runId', runId))
    .take(MAX_BATCHES + 1);
  if (docs.length > MAX_BATCHES) {
    throw new ConvexError({ code: 'too_many_batches', message: `An import run may have at most ${MAX_BATCHES} batches` });
  }
  const sum = emptyCounts();
  const received = { rows: 0, amount: 0 };
  for (const doc of docs) {
    const c = fullCounts(doc.counts);
    for (const key of Object.keys(sum) as (keyof BatchCounts)[]) sum[key] += c[key];
    received.rows += doc.received?.rows ?? 0;
    received.amount += doc.received?.amount ?? 0;
  }
  return { counts: sum, received };
}

// --- dry run ---------------------------------------------------------------------------------

const compareResultValidator = v.object({
  rowNumber: v.number(),
  action: literals(ROW_ACTIONS),
  changes: v.optional(v.array(v.object({ field: v.string(), before: v.union(v.string(), v.number(), v.null()), after: v.union(v.string(), v.number()) }))),
  errors: v.optional(v.array(v.object({ field: v.string(), code: v.string(), params: v.optional(v.any()) }))),
  expected: v.optional(v.union(storedSnapshotValidator, v.null())),
  matchedBy: v.optional(literals(MATCH_RULES)),
});

export interface CompareResult {
  rowNumber: number;
  action: RowAction;
  changes?: FieldChange[];
  errors?: { field: string; code: string; params?: Record<string, string | number> }[];
  /** What to send back at commit as the row's `expected` (absent for invalid rows). */
  expected?: Snapshot | null;
  /** A row without its natural key: the fallback rule that found its record. */
  matchedBy?: MatchRule;
}

/**
 * The dry run: what `mode` would do with each row, against the stored records, without writing.
 * One index lookup per row (a row without its key: one bounded range per fallback rule, at most
 * 2 × MATCH_LIMIT documents), at most MAX_COMPARE_ROWS rows per call.
 */
export const compareRows = staffQuery({
  args: {
    collection: collectionValidator,
    mode: importModeValidator,
    rows: v.array(v.object({ rowNumber: v.number(), values: storedValuesValidator })),
    matchDays: v.optional(v.number()),
  },
  returns: v.array(compareResultValidator),
  handler: async (ctx, { collection, mode, rows, matchDays }): Promise<CompareResult[]> => {
    if (rows.length > MAX_COMPARE_ROWS) {
      throw new ConvexError(`rows: at most ${MAX_COMPARE_ROWS} rows per comparison, got ${rows.length}`);
    }
    checkMatchDays(matchDays);
    const db = looseReader(ctx.db);
    const seen = new Map<string, number>();
    const out: CompareResult[] = [];
    for (const row of rows) {
      const a = await assessRow(db, collection, mode, row, seen, { matchDays });
      const matched = a.matchedBy === undefined ? {} : { matchedBy: a.matchedBy };
      if (a.action === 'invalid') out.push({ rowNumber: row.rowNumber, action: 'invalid', errors: a.errors, ...matched });
      else if (a.action === 'create') out.push({ rowNumber: row.rowNumber, action: 'create', expected: null });
      else {
        out.push({
          rowNumber: row.rowNumber,
          action: a.action,
          ...(a.action === 'update' ? { changes: a.changes } : {}),
          expected: snapshotOf(a.existing, Object.keys(a.values)),
          ...matched,
        });
      }
    }
    return out;
  },
});

// --- undo ------------------------------------------------------------------------------------

export interface UndoProgress {
  done: boolean;
  counts: { deleted: number; restored: number; kept: number };
}

/** Whether a record still holds exactly what this run wrote (else it changed since: kept). */
function untouchedSince(doc: Record<string, unknown> | null, change: Doc<'importChanges'>, runId: Id<'importRuns'>): boolean {
  if (doc === null || doc.importRunId !== runId || doc.updatedAt !== change.at) return false;
  return Object.entries(change.after).every(([field, value]) => (doc[field] ?? null) === value);
}

/**
 * Undoes a finished import a step at a time (call until `done`): created records are deleted,
 * updated ones get their previous values back, and records changed since the import are kept
 * and listed (undoKept). Each step is its own transaction and resumes where the last one ended;
 * the last one writes the audit entry.
 */
export const undoStep = staffMutation({
  // A string, not v.id: a run id typed at the command line that names no run gets no_such_run.
  args: { runId: v.string() },
  handler: async (ctx, args): Promise<UndoProgress> => {
    const runId = ctx.db.normalizeId('importRuns', args.runId);
    const run = runId === null ? null : await ctx.db.get(runId);
    if (run === null || runId === null) throw new ConvexError({ code: 'no_such_run', message: 'No such import run' });
    if (run.undo?.status === 'done') return { done: true, counts: run.undo.counts };
    if (run.status === 'running') throw new ConvexError({ code: 'run_running', message: 'The import is still running' });
    const now = Date.now();
    if (run.undo === undefined && now - (run.finishedAt ?? run.startedAt) > UNDO_WINDOW_MS) {
      throw new ConvexError({ code: 'undo_expired', message: 'Imports can be undone for 30 days' });
    }
    const undo = run.undo ?? { status: 'running' as const, actorId: ctx.user._id, startedAt: now, counts: { deleted: 0, restored: 0, kept: 0 } };
    const counts = { ...undo.counts };
    const db = looseWriter(ctx.db);
    const pending = await ctx.db
      .query('importChanges')
      .withIndex('by_run_state', (q) => q.eq('runId', runId).eq('state', 'applied'))
      .take(UNDO_STEP_ROWS);
    for (const change of pending) {
      const id = ctx.db.normalizeId(change.collection, change.recordId);
      const doc = id === null ? null : await db.get(id);
      if (id === null || !untouchedSince(doc, change, runId)) {
        counts.kept += 1;
        await ctx.db.patch(change._id, { state: 'kept' });
        continue;
      }
      // The undo adds to the record's history; what the import wrote there stays.
      const history = { collection: change.collection, recordId: historyKeyOf(doc as GenericDocument), kind: 'undo' as const, actor: ctx.user, runId, at: now };
      if (change.action === 'created') {
        await db.delete(id);
        await writeHistory(ctx, { ...history, changes: diffValues(change.collection, change.after, {}) });
        counts.deleted += 1;
      } else {
        const restore: Record<string, string | number | undefined> = {};
        for (const [field, value] of Object.entries(change.before ?? {})) restore[field] = value ?? undefined;
        const merged = { ...doc, ...restore };
        await db.patch(id, {
          ...restore,
          updatedAt: now,
          importRunId: change.prevRunId,
          ...derivedFields(change.collection, merged),
        });
        await writeHistory(ctx, { ...history, changes: diffValues(change.collection, change.after, { ...change.after, ...change.before }) });
        counts.restored += 1;
      }
      await ctx.db.patch(change._id, { state: 'undone' });
    }
    const done = pending.length < UNDO_STEP_ROWS;
    await ctx.db.patch(runId, { undo: { ...undo, counts, ...(done ? { status: 'done' as const, finishedAt: now } : {}) } });
    if (done) {
      const actor = undo.actorId ? await ctx.db.get(undo.actorId) : ctx.user;
      await writeAudit(ctx, {
        action: 'import_undo',
        actor,
        collection: run.collection,
        summary: { runId, fileName: run.fileName, counts, durationMs: now - undo.startedAt },
      });
    }
    return { done, counts };
  },
});

/** The records an undo left alone because they changed after the import. */
export const undoKept = staffQuery({
  args: { runId: v.id('importRuns'), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { runId, paginationOpts }) => {
    const result = await ctx.db
      .query('importChanges')
      .withIndex('by_run_state', (q) => q.eq('runId', runId).eq('state', 'kept'))
      .paginate(pageBudget(paginationOpts, MAX_KEPT_PAGE));
    return {
      ...result,
      page: result.page.map((c) => ({ rowNumber: c.rowNumber, recordId: c.recordId, action: c.action, key: c.key })),
    };
  },
});

// --- cleanup ---------------------------------------------------------------------------------

/** importChanges rows one cleanup call reads at most (each: a read and a delete). */
export const CLEANUP_BATCH = 1000;

/**
 * Whether a run can no longer be undone, so its changes may go: it ended, no undo of it is
 * under way, and its 30 days have passed. A run still running or being undone keeps them.
 */
function pastUndo(run: Doc<'importRuns'> | null, cutoff: number): boolean {
  if (run === null) return true;
  if (run.status === 'running' || run.undo?.status === 'running') return false;
  return (run.finishedAt ?? run.startedAt) < cutoff;
}

/**
 * Deletes what imports recorded for undo once undo is no longer possible, oldest first, at most
 * CLEANUP_BATCH rows per call; while older rows remain it schedules itself to go on from where
 * it stopped. Run daily (crons.ts). A change is never newer than its run's end, so every row
 * of a run past its 30 days lies before the cutoff. The cutoff is fixed by the first call and
 * handed on with the cursor: a real backend refuses a cursor whose query (range included) changed.
 */
export const cleanupChanges = internalMutation({
  args: { cutoff: v.optional(v.number()), cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, args) => {
    const cutoff = args.cutoff ?? Date.now() - UNDO_WINDOW_MS;
    const page = await ctx.db
      .query('importChanges')
      .withIndex('by_at', (q) => q.lt('at', cutoff))
      .paginate(pageBudget({ numItems: CLEANUP_BATCH, cursor: args.cursor ?? null }, CLEANUP_BATCH));
    const runs = new Map<Id<'importRuns'>, Doc<'importRuns'> | null>();
    let deleted = 0;
    for (const change of page.page) {
      if (!runs.has(change.runId)) runs.set(change.runId, await ctx.db.get(change.runId));
      if (!pastUndo(runs.get(change.runId) ?? null, cutoff)) continue;
      await ctx.db.delete(change._id);
      deleted += 1;
    }
    if (!page.isDone) await ctx.scheduler.runAfter(0, internal.imports.cleanupChanges, { cutoff, cursor: page.continueCursor });
    return { deleted, kept: page.page.length - deleted, more: !page.isDone };
  },
});
