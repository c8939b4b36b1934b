// Exports. An export is opened by a mutation that writes its audit entry and returns the handle
// (an `exportRuns` id) the page query requires, so no client reads an export without an entry;
// the page query takes collection and filters from that run, so the entry says what was read.
import { paginationOptsValidator } from 'convex/server';
import { ConvexError, v } from 'convex/values';
import { anonymiseRecord } from '../shared/domain/anonymise';
import { writeAudit } from './lib/audit';
import { staffMutation, staffQuery } from './lib/functions';
import { pageBudget } from './lib/readBudget';
import { boundedCount, matchingQuery, toRecordView } from './lib/recordQueries';
import { collectionValidator } from './lib/recordValidators';
import { exportFiltersValidator, exportFormatValidator, finishedStatusValidator } from './lib/tableValidators';

const filterArgs = exportFiltersValidator.fields;

/**
 * How many records an export with these filters would write, read within a budget: `capped`
 * means "at least `count`". An estimate for progress only; the export pages to the end anyway.
 */
export const count = staffQuery({
  args: { collection: collectionValidator, ...filterArgs },
  handler: async (ctx, { collection, ...filters }) => await boundedCount(matchingQuery(ctx.db, collection, filters, 'asc')),
});

/**
 * Opens an export: writes its 'export' audit entry and returns the handle `list` requires. An
 * anonymised export's pages carry no direct identifiers (shared/domain/anonymise), and its
 * entries say so.
 */
export const open = staffMutation({
  args: {
    collection: collectionValidator,
    format: exportFormatValidator,
    filters: exportFiltersValidator,
    fileName: v.string(),
    anonymised: v.optional(v.boolean()),
  },
  handler: async (ctx, { collection, format, filters, fileName, anonymised }) => {
    matchingQuery(ctx.db, collection, filters, 'asc'); // refuses filters the collection lacks, bad dates
    const name = fileName.slice(0, 255);
    const openedAt = Date.now();
    const exportId = await ctx.db.insert('exportRuns', {
      collection,
      format,
      filters,
      fileName: name,
      ...(anonymised === true ? { anonymised: true } : {}),
      actorId: ctx.user._id,
      status: 'open',
      rows: 0,
      openedAt,
    });
    await writeAudit(ctx, {
      action: 'export',
      actor: ctx.user,
      collection,
      summary: { exportId, format, filters, fileName: name, ...(anonymised === true ? { anonymised: true } : {}), status: 'started' },
    });
    return exportId;
  },
});

/** One page of an open export, oldest first (ledger order). */
export const list = staffQuery({
  args: { exportId: v.id('exportRuns'), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { exportId, paginationOpts }) => {
    const run = await ctx.db.get(exportId);
    if (run === null || run.status !== 'open' || run.actorId !== ctx.user._id) {
      throw new ConvexError({ code: 'export_not_open', message: 'This export is not open; start it again.' });
    }
    const result = await matchingQuery(ctx.db, run.collection, run.filters, 'asc').paginate(pageBudget(paginationOpts));
    const view = run.anonymised === true ? (doc: Record<string, unknown>) => anonymiseRecord(run.collection, doc) : toRecordView;
    return { page: result.page.map(view), isDone: result.isDone, continueCursor: result.continueCursor };
  },
});

/**
 * Closes an export with its outcome and writes the outcome's audit entry; only once. The entry's
 * row count is the server's (the records the export's filters match now, counted here); the
 * client's own count is kept apart as `reportedRows`.
 */
export const finish = staffMutation({
  args: {
    exportId: v.id('exportRuns'),
    rows: v.number(),
    status: finishedStatusValidator,
    error: v.optional(v.string()),
  },
  handler: async (ctx, { exportId, rows, status, error }) => {
    const run = await ctx.db.get(exportId);
    if (run === null || run.actorId !== ctx.user._id) throw new ConvexError({ code: 'export_not_found', message: 'No such export.' });
    if (run.status !== 'open') return;
    const finishedAt = Date.now();
    const matching = await boundedCount(matchingQuery(ctx.db, run.collection, run.filters, 'asc'));
    await ctx.db.patch(exportId, { status, rows, finishedAt, ...(error === undefined ? {} : { error: error.slice(0, 500) }) });
    await writeAudit(ctx, {
      action: 'export',
      actor: ctx.user,
      collection: run.collection,
      summary: {
        exportId,
        format: run.format,
        filters: run.filters,
        fileName: run.fileName,
        ...(run.anonymised === true ? { anonymised: true } : {}),
        matchingRows: matching.count,
        ...(matching.capped ? { matchingCapped: true } : {}),
        reportedRows: rows,
        status,
        ...(error === undefined ? {} : { error }),
      },
    });
  },
});
