// Retention that deletes (KVKK Art. 7, issue #25 item 5). Administrators set how long each
// category of data is kept (shared/domain/retention: defaults, bounds); a daily cron starts one
// run per category, which walks the documents older than its cutoff in bounded batches and
// deletes or anonymises them, then writes a row of the destruction log (kept three years).
// A run's cutoff is computed once, when it starts, and passed to every batch with the cursor:
// each batch runs the same query, so the cursor stays valid (a real backend ties a cursor to its
// query, index range included).
import { paginationOptsValidator, type PaginationResult } from 'convex/server';
import { ConvexError, v } from 'convex/values';
import {
  DESTRUCTION_LOG_DAYS,
  RETENTION_CATEGORIES,
  RETENTION_DEFAULT_DAYS,
  RETENTION_MAX_DAYS,
  RETENTION_METHOD,
  RETENTION_MIN_DAYS,
  retentionCutoff,
  retentionDaysProblem,
  type RetentionCategory,
  type RetentionPeriods,
} from '../shared/domain/retention';
import { internal } from './_generated/api';
import type { Doc, Id } from './_generated/dataModel';
import { internalMutation, type MutationCtx, type QueryCtx } from './_generated/server';
import { writeAudit } from './lib/audit';
import { adminMutation, adminQuery } from './lib/functions';
import { literals } from './lib/literals';
import { pageBudget } from './lib/readBudget';
import { historyKeyOf } from './lib/recordHistory';
import { retentionPeriodsValidator } from './lib/retention';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Documents a batch reads per category: a beneficiary or a request also takes its history or log with it. */
export const RETENTION_BATCH: Record<RetentionCategory, number> = {
  settled_deliveries: 200,
  notifications: 200,
  audit_entries: 200,
  history_entries: 200,
  inactive_beneficiaries: 25,
  closed_requests: 25,
};
/** History entries (of a beneficiary) or log entries (of a request) deleted per document and batch. */
const DEPENDENTS_BATCH = 200;
/** Destruction log rows pruned per call. */
const LOG_PRUNE_BATCH = 500;
/** A run still there this long after it started has stopped (a failed batch): the next start replaces it. */
const STALE_RUN_MS = 2 * DAY_MS;

/** The delivery states that are settled (nothing more will happen to them): one index range each. */
const SETTLED_STATES = ['sent', 'failed', 'skipped'] as const;

function rangesOf(category: RetentionCategory): number {
  return category === 'settled_deliveries' ? SETTLED_STATES.length : 1;
}

async function periodsOf(ctx: QueryCtx): Promise<{ periods: RetentionPeriods; doc: Doc<'retentionSettings'> | null }> {
  const doc = await ctx.db.query('retentionSettings').first();
  return { periods: { ...RETENTION_DEFAULT_DAYS, ...(doc?.periods ?? {}) }, doc };
}

// --- the run ---------------------------------------------------------------------------------

/**
 * Daily (crons.ts): fixes every category's cutoff now (a run document each) and starts the first;
 * each category's run starts the next one's when it ends, so no two runs ever touch the same
 * documents at once (a beneficiary's history is also in the history entries' range). Skipped
 * while the previous day's runs are still going; a run that stopped (a failed batch) is replaced
 * after two days. Also prunes destruction log rows older than three years.
 */
export const start = internalMutation({
  args: {},
  handler: async (ctx) => {
    const now = Date.now();
    const previous = await ctx.db.query('retentionRuns').take(RETENTION_CATEGORIES.length);
    if (previous.some((run) => run.startedAt > now - STALE_RUN_MS)) return { started: false };
    for (const run of previous) await ctx.db.delete(run._id);
    const { periods } = await periodsOf(ctx);
    for (const category of RETENTION_CATEGORIES) {
      const days = periods[category];
      await ctx.db.insert('retentionRuns', { category, days, cutoff: retentionCutoff(days, now), startedAt: now, range: 0, cursor: null, count: 0, batches: 0 });
    }
    await startRun(ctx, RETENTION_CATEGORIES[0]);
    await ctx.scheduler.runAfter(0, internal.retention.pruneLog, { before: retentionCutoff(DESTRUCTION_LOG_DAYS, now) });
    return { started: true };
  },
});

/** Schedules the first batch of `category`'s run, with the cutoff its document holds. */
async function startRun(ctx: MutationCtx, category: RetentionCategory) {
  const run = await ctx.db.query('retentionRuns').withIndex('by_category', (q) => q.eq('category', category)).first();
  if (run !== null) await ctx.scheduler.runAfter(0, internal.retention.step, { runId: run._id, category, cutoff: run.cutoff, range: 0, cursor: null });
}

type Due = PaginationResult<Doc<'deliveries'> | Doc<'workflowNotifications'> | Doc<'auditLogs'> | Doc<'recordHistory'> | Doc<'beneficiaries'> | Doc<'dataRequests'>>;

/** One page of a category's documents older than `cutoff`: the same query for every batch of a run. */
async function duePage(ctx: QueryCtx, category: RetentionCategory, range: number, cutoff: number, cursor: string | null): Promise<Due> {
  const opts = { cursor, numItems: RETENTION_BATCH[category] };
  switch (category) {
    case 'settled_deliveries': {
      const state = SETTLED_STATES[range]!;
      return await ctx.db
        .query('deliveries')
        .withIndex('by_anonymisedAt_state_updatedAt', (q) => q.eq('anonymisedAt', undefined).eq('state', state).lt('updatedAt', cutoff))
        .paginate(opts);
    }
    case 'notifications':
      return await ctx.db.query('workflowNotifications').withIndex('by_createdAt', (q) => q.lt('createdAt', cutoff)).paginate(opts);
    case 'audit_entries':
      return await ctx.db.query('auditLogs').withIndex('by_at', (q) => q.lt('at', cutoff)).paginate(opts);
    case 'history_entries':
      return await ctx.db.query('recordHistory').withIndex('by_at', (q) => q.lt('at', cutoff)).paginate(opts);
    case 'inactive_beneficiaries':
      return await ctx.db.query('beneficiaries').withIndex('by_status_updatedAt', (q) => q.eq('status', 'pasif').lt('updatedAt', cutoff)).paginate(opts);
    case 'closed_requests':
      return await ctx.db.query('dataRequests').withIndex('by_status_closedAt', (q) => q.eq('status', 'closed').lt('closedAt', cutoff)).paginate(opts);
  }
}

/**
 * Deletes up to DEPENDENTS_BATCH of a document's dependents (a beneficiary's history, a request's
 * log); true when none are left, so the document itself may go.
 */
async function deleteDependents(ctx: MutationCtx, doc: Due['page'][number], category: RetentionCategory): Promise<boolean> {
  if (category === 'inactive_beneficiaries') {
    const key = historyKeyOf(doc);
    const entries = await ctx.db.query('recordHistory').withIndex('by_record_at', (q) => q.eq('recordId', key)).take(DEPENDENTS_BATCH);
    for (const entry of entries) await ctx.db.delete(entry._id);
    return entries.length < DEPENDENTS_BATCH;
  }
  if (category === 'closed_requests') {
    const requestId = doc._id as Id<'dataRequests'>;
    const events = await ctx.db.query('dataRequestEvents').withIndex('by_request_at', (q) => q.eq('requestId', requestId)).take(DEPENDENTS_BATCH);
    for (const event of events) await ctx.db.delete(event._id);
    return events.length < DEPENDENTS_BATCH;
  }
  return true;
}

/**
 * Destroys a page; `held` when a document's dependents did not all fit, so the next batch starts
 * from the same cursor (the documents already gone are no longer in the range).
 */
async function destroy(ctx: MutationCtx, category: RetentionCategory, docs: Due['page'], now: number): Promise<{ destroyed: number; held: boolean }> {
  let destroyed = 0;
  for (const doc of docs) {
    if (category === 'settled_deliveries') {
      // The address, subject, message and provider reference go; state, channel and campaign stay.
      const { _id, _creationTime, destination: _d, subject: _s, payload: _p, providerId: _r, lastError: _e, ...kept } = doc as Doc<'deliveries'>;
      await ctx.db.replace(_id, { ...kept, destination: '', anonymisedAt: now });
    } else {
      if (!(await deleteDependents(ctx, doc, category))) return { destroyed, held: true };
      await ctx.db.delete(doc._id);
    }
    destroyed += 1;
  }
  return { destroyed, held: false };
}

const stepArgs = {
  runId: v.id('retentionRuns'),
  category: literals(RETENTION_CATEGORIES),
  cutoff: v.number(),
  range: v.number(),
  cursor: v.union(v.string(), v.null()),
};

/**
 * One batch of a category's run. Schedules the next batch with the run's own cutoff and the
 * continuation cursor; the last one writes the destruction log row, ends the run and starts the
 * next category's.
 */
export const step = internalMutation({
  args: stepArgs,
  handler: async (ctx, args) => {
    const run = await ctx.db.get(args.runId);
    // Replaced by a later start (this chain had stopped): nothing to continue.
    if (run === null) return { read: 0, destroyed: 0, isDone: true };
    if (run.category !== args.category || run.cutoff !== args.cutoff) throw new Error('A retention batch must keep its run’s query');
    const now = Date.now();
    const page = await duePage(ctx, args.category, args.range, args.cutoff, args.cursor);
    const { destroyed, held } = await destroy(ctx, args.category, page.page, now);
    const count = run.count + destroyed;
    let next: { range: number; cursor: string | null } | null = null;
    if (held) next = { range: args.range, cursor: args.cursor };
    else if (!page.isDone) next = { range: args.range, cursor: page.continueCursor };
    else if (args.range + 1 < rangesOf(args.category)) next = { range: args.range + 1, cursor: null };
    if (next !== null) {
      await ctx.db.patch(run._id, { ...next, count, batches: run.batches + 1 });
      await ctx.scheduler.runAfter(0, internal.retention.step, { runId: run._id, category: args.category, cutoff: args.cutoff, ...next });
      return { read: page.page.length, destroyed, isDone: false };
    }
    await ctx.db.delete(run._id);
    if (count > 0) {
      const method = RETENTION_METHOD[args.category];
      await ctx.db.insert('destructionLog', { category: args.category, method, count, cutoff: args.cutoff, days: run.days, startedAt: run.startedAt, at: now });
      await writeAudit(ctx, { action: 'retention_run', collection: args.category, summary: { method, count, days: run.days, cutoff: args.cutoff } });
    }
    const following = RETENTION_CATEGORIES[RETENTION_CATEGORIES.indexOf(args.category) + 1];
    if (following !== undefined) await startRun(ctx, following);
    return { read: page.page.length, destroyed, isDone: true };
  },
});

/** Destruction log rows older than three years; continues with the same cutoff while more remain. */
export const pruneLog = internalMutation({
  args: { before: v.number() },
  handler: async (ctx, { before }) => {
    const old = await ctx.db.query('destructionLog').withIndex('by_at', (q) => q.lt('at', before)).take(LOG_PRUNE_BATCH);
    for (const row of old) await ctx.db.delete(row._id);
    if (old.length === LOG_PRUNE_BATCH) await ctx.scheduler.runAfter(0, internal.retention.pruneLog, { before });
    return { pruned: old.length };
  },
});

// --- what administrators see and set --------------------------------------------------------

/** The periods in force, the defaults and bounds, and who changed them last. */
export const settings = adminQuery({
  args: {},
  handler: async (ctx) => {
    const { periods, doc } = await periodsOf(ctx);
    return {
      periods,
      defaults: RETENTION_DEFAULT_DAYS,
      minDays: RETENTION_MIN_DAYS,
      maxDays: RETENTION_MAX_DAYS,
      methods: RETENTION_METHOD,
      ...(doc !== null ? { updatedAt: doc.updatedAt, updatedByName: doc.updatedByName } : {}),
    };
  },
});

/** Sets the periods (administrators only; each within its bounds); the change is audited. */
export const setPeriods = adminMutation({
  args: { periods: retentionPeriodsValidator },
  handler: async (ctx, { periods }) => {
    for (const category of RETENTION_CATEGORIES) {
      const problem = retentionDaysProblem(category, periods[category]);
      if (problem !== null) throw new ConvexError({ code: 'invalid', field: category, message: `${category}: ${problem}` });
    }
    const { periods: before, doc } = await periodsOf(ctx);
    const changed = Object.fromEntries(
      RETENTION_CATEGORIES.filter((c) => before[c] !== periods[c]).map((c) => [c, { from: before[c], to: periods[c] }]),
    );
    if (Object.keys(changed).length === 0) return { changed: 0 };
    const fields = { periods, updatedAt: Date.now(), updatedById: ctx.user._id, updatedByName: ctx.user.name };
    if (doc === null) await ctx.db.insert('retentionSettings', fields);
    else await ctx.db.patch(doc._id, fields);
    await writeAudit(ctx, { action: 'retention_change', actor: ctx.user, collection: 'retention', summary: { changed } });
    return { changed: Object.keys(changed).length };
  },
});

/** The destruction log, newest first (administrators only). */
export const log = adminQuery({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, { paginationOpts }) => {
    const result = await ctx.db.query('destructionLog').withIndex('by_at').order('desc').paginate(pageBudget(paginationOpts));
    return {
      ...result,
      page: result.page.map((row) => ({ id: row._id, category: row.category, method: row.method, count: row.count, days: row.days, cutoff: row.cutoff, at: row.at })),
    };
  },
});
