// Import runs. The main process starts a run, streams the file's rows in numbered batches to
// `ingestBatch`, and ends the run with `finishRun`. Batches are idempotent per
// (runId, batchIndex), so a batch whose reply was lost can simply be sent again, and a resumed
// run can ask which batches are already done.
import { paginationOptsValidator } from 'convex/server';
import { ConvexError, v } from 'convex/values';
import { internal } from './_generated/api';
import { internalMutation } from './_generated/server';
import { writeAudit } from './lib/audit';
import { staffAction, staffMutation, staffQuery } from './lib/functions';
import { createNotification } from './lib/outboxEnqueue';
import { applyRows, type BatchResult } from './lib/importBatch';
import { collectionValidator, storedValuesValidator } from './lib/recordValidators';
import { finishedStatusValidator, importModeValidator } from './lib/tableValidators';

/** Limits on one batch, well inside Convex's 16 MiB / 16,000 documents per transaction. */
export const MAX_ROWS_PER_BATCH = 2000;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;
const MAX_FILE_NAME = 255;

const rowsValidator = v.array(v.object({ rowNumber: v.number(), values: storedValuesValidator }));

function checkCount(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min)) {
    throw new ConvexError(`${name}: expected a whole number ≥ ${min}, got ${value}`);
  }
}

export const startRun = staffMutation({
  args: {
    collection: collectionValidator,
    mode: importModeValidator,
    fileName: v.string(),
    totalRows: v.optional(v.number()),
  },
  handler: async (ctx, { collection, mode, fileName, totalRows }) => {
    const name = fileName.trim();
    if (name === '' || name.length > MAX_FILE_NAME) {
      throw new ConvexError(`fileName: must be 1–${MAX_FILE_NAME} characters`);
    }
    checkCount('totalRows', totalRows, 0);
    return await ctx.db.insert('importRuns', {
      collection,
      mode,
      fileName: name,
      actorId: ctx.user?._id,
      status: 'running',
      counts: { inserted: 0, updated: 0, skipped: 0, failed: 0 },
      totalRows,
      startedAt: Date.now(),
    });
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
    return await ctx.runMutation(internal.imports.applyBatch, { runId, batchIndex, rows });
  },
});

/** Applies a batch once; a repeated (runId, batchIndex) returns the stored result and writes nothing. */
export const applyBatch = internalMutation({
  args: { runId: v.id('importRuns'), batchIndex: v.number(), rows: rowsValidator },
  handler: async (ctx, { runId, batchIndex, rows }): Promise<BatchResult> => {
    const done = await ctx.db
      .query('importBatches')
      .withIndex('by_run_batch', (q) => q.eq('runId', runId).eq('batchIndex', batchIndex))
      .unique();
    if (done !== null) return { batchIndex, results: done.results, counts: done.counts };

    const run = await ctx.db.get(runId);
    if (run === null) throw new ConvexError('runId: no such import run');
    if (run.status !== 'running') {
      throw new ConvexError(`runId: the import run is ${run.status} and accepts no more rows`);
    }
    const { results, counts } = await applyRows(ctx, run, rows);
    await ctx.db.insert('importBatches', { runId, batchIndex, results, counts });
    await ctx.db.patch(runId, {
      counts: {
        ...run.counts,
        inserted: run.counts.inserted + counts.inserted,
        updated: run.counts.updated + counts.updated,
        failed: run.counts.failed + counts.failed,
      },
    });
    return { batchIndex, results, counts };
  },
});

/**
 * Ends a run however it ended and writes its one audit entry. Calling it again for a run that
 * has already ended changes nothing and returns the run as it is.
 */
const STATUS_TR = { completed: 'tamamlandı', failed: 'başarısız oldu', cancelled: 'iptal edildi' } as const;

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
    if (run.status !== 'running') return run;

    const counts = {
      ...run.counts,
      skipped: skipped ?? run.counts.skipped,
      failed: run.counts.failed + (rejectedBeforeSend ?? 0),
    };
    const finishedAt = Date.now();
    await ctx.db.patch(runId, { status, finishedAt, counts, error });
    const actor = run.actorId ? await ctx.db.get(run.actorId) : ctx.user;
    await writeAudit(ctx, {
      action: 'import',
      actor,
      collection: run.collection,
      summary: {
        runId,
        fileName: run.fileName,
        mode: run.mode,
        status,
        counts,
        totalRows: run.totalRows ?? null,
        durationMs: finishedAt - run.startedAt,
        ...(error === undefined ? {} : { error }),
      },
    });
    if (run.actorId) {
      // "Your import finished" reaches the person who ran it, in the inbox and by their channels.
      const total = counts.inserted + counts.updated;
      await createNotification(ctx, {
        recipientId: run.actorId,
        kind: 'ice_aktarma',
        title: `İçe aktarma ${STATUS_TR[status]}: ${run.fileName}`,
        body: `${total} kayıt yazıldı (${counts.inserted} yeni, ${counts.updated} güncellendi), ${counts.skipped} atlandı, ${counts.failed} hatalı.`,
      });
    }
    return { ...run, status, finishedAt, counts, error };
  },
});

export const listRuns = staffQuery({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, { paginationOpts }) =>
    await ctx.db.query('importRuns').withIndex('by_startedAt').order('desc').paginate(paginationOpts),
});

export const getRun = staffQuery({
  args: { runId: v.id('importRuns') },
  handler: async (ctx, { runId }) => await ctx.db.get(runId),
});

/** The stored result of one batch, or null if that batch has not been applied. */
export const batchResults = staffQuery({
  args: { runId: v.id('importRuns'), batchIndex: v.number() },
  handler: async (ctx, { runId, batchIndex }): Promise<BatchResult | null> => {
    const done = await ctx.db
      .query('importBatches')
      .withIndex('by_run_batch', (q) => q.eq('runId', runId).eq('batchIndex', batchIndex))
      .unique();
    return done === null ? null : { batchIndex, results: done.results, counts: done.counts };
  },
});

/** The applied batches of a run in batch order, without their per-row results. */
export const listBatches = staffQuery({
  args: { runId: v.id('importRuns'), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { runId, paginationOpts }) => {
    const result = await ctx.db
      .query('importBatches')
      .withIndex('by_run_batch', (q) => q.eq('runId', runId))
      .paginate(paginationOpts);
    return { ...result, page: result.page.map((b) => ({ batchIndex: b.batchIndex, counts: b.counts })) };
  },
});
