// Import runs. The main process starts a run, streams the file's rows in numbered batches to
// `ingestBatch`, and ends the run with `finishRun`. Batches are idempotent per
// (runId, batchIndex), so a batch whose reply was lost can simply be sent again, and a resumed
// run can ask which batches are already done. Only the person who started a run sends its
// batches or finishes it. The audit has an entry when a run starts and one when it ends (a
// run left idle for a day is closed by a cron); the figures in the end entry are the server's.
//
// This module is the imports:* functions clients and crons call (their paths are part of
// FUNCTIONS_VERSION), each with its validators and role; the work is in lib/ by concern:
// lib/importRuns.ts (start, close, idle runs), lib/importBatch.ts (applying a batch),
// lib/importDryRun.ts (compareRows), lib/importUndo.ts (undo and the cleanup of what it keeps).
import { paginationOptsValidator } from 'convex/server';
import { ConvexError, v } from 'convex/values';
import { UNDO_WINDOW_MS } from '../shared/domain';
import { internal } from './_generated/api';
import type { Id } from './_generated/dataModel';
import { internalMutation, internalQuery } from './_generated/server';
import { staffAction, staffMutation, staffQuery } from './lib/functions';
import { applyBatchOnce, fullCounts, notYourRun, type BatchResult } from './lib/importBatch';
import { compareResultValidator, compareRows as compare, type CompareResult } from './lib/importDryRun';
import { checkCount, closeIdleRunsPage, closeRun, IDLE_RUN_MS, openRun } from './lib/importRuns';
import { cleanupChangesPage, keptPage, undoOneStep, type UndoProgress } from './lib/importUndo';
import { pageBudget } from './lib/readBudget';
import { collectionValidator, storedValuesValidator } from './lib/recordValidators';
import { finishedStatusValidator, importConsentValidator, importModeValidator, storedSnapshotValidator } from './lib/tableValidators';

/** Limits on one batch, well inside Convex's 16 MiB / 16,000 documents per transaction. */
export const MAX_ROWS_PER_BATCH = 2000;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** Largest pages the listings return, whatever the caller asks (each page also stops at the read budget). */
export const MAX_RUNS_PAGE = 100;
export const MAX_BATCHES_PAGE = 100;

const rowsValidator = v.array(
  v.object({
    rowNumber: v.number(),
    values: storedValuesValidator,
    /** From the dry run: null = no stored record then; otherwise its values of the row's fields. */
    expected: v.optional(v.union(storedSnapshotValidator, v.null())),
    /** Beneficiaries: the row's consent columns, recorded in the consent register with the run. */
    consent: v.optional(importConsentValidator),
  }),
);

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
  handler: async (ctx, args) => await openRun(ctx, ctx.user, args),
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

/**
 * Closes runs started before `cutoff` whose last batch is older too, one run per call (a run's
 * close reads all its batch counts), scheduling itself for the next. The cron calls it without
 * arguments; the cutoff is then fixed for every continuation, so the cursor's query never changes.
 */
export const closeIdleRuns = internalMutation({
  args: { cutoff: v.optional(v.number()), cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, args) => {
    const cutoff = args.cutoff ?? Date.now() - IDLE_RUN_MS;
    const page = await closeIdleRunsPage(ctx, cutoff, args.cursor ?? null);
    if (!page.isDone) await ctx.scheduler.runAfter(0, internal.imports.closeIdleRuns, { cutoff, cursor: page.continueCursor });
    return { closed: page.closed, more: !page.isDone };
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

// --- dry run ---------------------------------------------------------------------------------

/** The dry run: what `mode` would do with each row, against the stored records, without writing. */
export const compareRows = staffQuery({
  args: {
    collection: collectionValidator,
    mode: importModeValidator,
    rows: v.array(v.object({ rowNumber: v.number(), values: storedValuesValidator })),
    matchDays: v.optional(v.number()),
  },
  returns: v.array(compareResultValidator),
  handler: async (ctx, { collection, mode, rows, matchDays }): Promise<CompareResult[]> => await compare(ctx.db, collection, mode, rows, matchDays),
});

// --- undo ------------------------------------------------------------------------------------

/**
 * Undoes a finished import a step at a time (call until `done`): created records are deleted,
 * updated ones get their previous values back, and records changed since the import are kept
 * and listed (undoKept). Each step is its own transaction and resumes where the last one ended;
 * the last one writes the audit entry.
 */
export const undoStep = staffMutation({
  // A string, not v.id: a run id typed at the command line that names no run gets no_such_run.
  args: { runId: v.string() },
  handler: async (ctx, { runId }): Promise<UndoProgress> => await undoOneStep(ctx, ctx.user, runId),
});

/** The records an undo left alone because they changed after the import. */
export const undoKept = staffQuery({
  args: { runId: v.id('importRuns'), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { runId, paginationOpts }) => await keptPage(ctx.db, runId, paginationOpts),
});

// --- cleanup ---------------------------------------------------------------------------------

/**
 * Deletes what imports recorded for undo once undo is no longer possible, oldest first, at most
 * CLEANUP_BATCH rows per call; while older rows remain it schedules itself to go on from where
 * it stopped. Run daily (crons.ts). The cutoff is fixed by the first call and handed on with the
 * cursor: a real backend refuses a cursor whose query (range included) changed.
 */
export const cleanupChanges = internalMutation({
  args: { cutoff: v.optional(v.number()), cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, args) => {
    const cutoff = args.cutoff ?? Date.now() - UNDO_WINDOW_MS;
    const page = await cleanupChangesPage(ctx, cutoff, args.cursor ?? null);
    if (!page.isDone) await ctx.scheduler.runAfter(0, internal.imports.cleanupChanges, { cutoff, cursor: page.continueCursor });
    return { deleted: page.deleted, kept: page.kept, more: !page.isDone };
  },
});
