// Undoing a finished import, behind imports.undoStep and imports.undoKept: a step at a time,
// created records deleted, updated ones given their previous values back, and records changed
// since the import kept and listed.
import type { GenericDocument, PaginationOptions } from 'convex/server';
import { ConvexError } from 'convex/values';
import { UNDO_WINDOW_MS } from '../../shared/domain';
import type { Doc, Id } from '../_generated/dataModel';
import type { DatabaseReader, MutationCtx } from '../_generated/server';
import { writeAudit } from './audit';
import { looseWriter } from './looseDb';
import { pageBudget } from './readBudget';
import { diffValues, historyKeyOf, writeHistory } from './recordHistory';
import { derivedFields } from './searchText';

/** Changes one undo step reverts: each reads its record and writes two documents. */
export const UNDO_STEP_ROWS = 500;
/** Largest page of kept records undoKept returns, whatever the caller asks. */
export const MAX_KEPT_PAGE = 1000;

export interface UndoProgress {
  done: boolean;
  counts: { deleted: number; restored: number; kept: number; consents?: number };
}

/** Whether a record still holds exactly what this run wrote (else it changed since: kept). */
function untouchedSince(doc: Record<string, unknown> | null, change: Doc<'importChanges'>, runId: Id<'importRuns'>): boolean {
  if (doc === null || doc.importRunId !== runId || doc.updatedAt !== change.at) return false;
  return Object.entries(change.after).every(([field, value]) => (doc[field] ?? null) === value);
}

/**
 * One step of an undo (its own transaction), resuming where the last one ended; the last one
 * writes the audit entry. `runIdText` is a string: a run id typed at the command line that names
 * no run gets no_such_run.
 */
export async function undoOneStep(ctx: MutationCtx, user: Doc<'users'>, runIdText: string): Promise<UndoProgress> {
  const runId = ctx.db.normalizeId('importRuns', runIdText);
  const run = runId === null ? null : await ctx.db.get(runId);
  if (run === null || runId === null) throw new ConvexError({ code: 'no_such_run', message: 'No such import run' });
  if (run.undo?.status === 'done') return { done: true, counts: run.undo.counts };
  if (run.status === 'running') throw new ConvexError({ code: 'run_running', message: 'The import is still running' });
  const now = Date.now();
  if (run.undo === undefined && now - (run.finishedAt ?? run.startedAt) > UNDO_WINDOW_MS) {
    throw new ConvexError({ code: 'undo_expired', message: 'Imports can be undone for 30 days' });
  }
  const undo = run.undo ?? { status: 'running' as const, actorId: user._id, startedAt: now, counts: { deleted: 0, restored: 0, kept: 0 } };
  const counts = { ...undo.counts };
  const db = looseWriter(ctx.db);
  // First the consents the run recorded from its consent columns, then its records.
  const consents = await ctx.db
    .query('consents')
    .withIndex('by_importRun', (q) => q.eq('importRunId', runId))
    .take(UNDO_STEP_ROWS);
  for (const consent of consents) await ctx.db.delete(consent._id);
  if (consents.length > 0) counts.consents = (counts.consents ?? 0) + consents.length;
  const pending =
    consents.length === UNDO_STEP_ROWS
      ? []
      : await ctx.db
          .query('importChanges')
          .withIndex('by_run_state', (q) => q.eq('runId', runId).eq('state', 'applied'))
          .take(UNDO_STEP_ROWS - consents.length);
  for (const change of pending) {
    const id = ctx.db.normalizeId(change.collection, change.recordId);
    const doc = id === null ? null : await db.get(id);
    if (id === null || !untouchedSince(doc, change, runId)) {
      counts.kept += 1;
      await ctx.db.patch(change._id, { state: 'kept' });
      continue;
    }
    // The undo adds to the record's history; what the import wrote there stays.
    const history = { collection: change.collection, recordId: historyKeyOf(doc as GenericDocument), kind: 'undo' as const, actor: user, runId, at: now };
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
  const done = consents.length + pending.length < UNDO_STEP_ROWS;
  await ctx.db.patch(runId, { undo: { ...undo, counts, ...(done ? { status: 'done' as const, finishedAt: now } : {}) } });
  if (done) {
    const actor = undo.actorId ? await ctx.db.get(undo.actorId) : user;
    await writeAudit(ctx, {
      action: 'import_undo',
      actor,
      collection: run.collection,
      summary: { runId, fileName: run.fileName, counts, durationMs: now - undo.startedAt },
    });
  }
  return { done, counts };
}

/** A page of the records an undo left alone because they changed after the import. */
export async function keptPage(db: DatabaseReader, runId: Id<'importRuns'>, paginationOpts: PaginationOptions) {
  const result = await db
    .query('importChanges')
    .withIndex('by_run_state', (q) => q.eq('runId', runId).eq('state', 'kept'))
    .paginate(pageBudget(paginationOpts, MAX_KEPT_PAGE));
  return {
    ...result,
    page: result.page.map((c) => ({ rowNumber: c.rowNumber, recordId: c.recordId, action: c.action, key: c.key })),
  };
}

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
 * Deletes, from one page of at most CLEANUP_BATCH changes recorded before `cutoff`, those whose
 * run can no longer be undone (imports.cleanupChanges schedules the next page). A change is
 * never newer than its run's end, so every row of a run past its 30 days lies before the cutoff.
 */
export async function cleanupChangesPage(ctx: MutationCtx, cutoff: number, cursor: string | null) {
  const page = await ctx.db
    .query('importChanges')
    .withIndex('by_at', (q) => q.lt('at', cutoff))
    .paginate(pageBudget({ numItems: CLEANUP_BATCH, cursor }, CLEANUP_BATCH));
  const runs = new Map<Id<'importRuns'>, Doc<'importRuns'> | null>();
  let deleted = 0;
  for (const change of page.page) {
    if (!runs.has(change.runId)) runs.set(change.runId, await ctx.db.get(change.runId));
    if (!pastUndo(runs.get(change.runId) ?? null, cutoff)) continue;
    await ctx.db.delete(change._id);
    deleted += 1;
  }
  return { deleted, kept: page.page.length - deleted, isDone: page.isDone, continueCursor: page.continueCursor };
}
