// An import run's life on the server, behind the imports:* functions: its arguments' checks, its
// start, and its close (the counts summed from the applied batches, the end audit entry and the
// notice to whoever ran it), whether the client finished it or the idle-run cron did.
import { ConvexError } from 'convex/values';
import { CONTROL_TOTAL_FIELD, MAX_MATCH_DAYS } from '../../shared/domain';
import type { CollectionName } from '../../shared/domain/types';
import type { ImportMode } from '../../shared/domain/importModes';
import type { FinishedStatus } from '../../shared/domain/vocabularies';
import type { Doc, Id } from '../_generated/dataModel';
import type { DatabaseReader, MutationCtx } from '../_generated/server';
import { writeAudit } from './audit';
import { emptyCounts, fullCounts, type BatchCounts } from './importBatch';
import { createNotification } from './outboxEnqueue';

const MAX_FILE_NAME = 255;

export function checkCount(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min)) {
    throw new ConvexError(`${name}: expected a whole number ≥ ${min}, got ${value}`);
  }
}

export function checkMatchDays(days: number | undefined): void {
  checkCount('matchDays', days, 0);
  if (days !== undefined && days > MAX_MATCH_DAYS) throw new ConvexError(`matchDays: at most ${MAX_MATCH_DAYS}, got ${days}`);
}

export interface RunStart {
  collection: CollectionName;
  mode: ImportMode;
  fileName: string;
  totalRows?: number;
  controlTotals?: { expectedRows: number; expectedAmount: number; fileRows: number; fileAmount: number };
  matchDays?: number;
}

/** Checks a run's start, stores the run and writes its start audit entry; returns the run's id. */
export async function openRun(ctx: MutationCtx, user: Doc<'users'>, { collection, mode, fileName, totalRows, controlTotals, matchDays }: RunStart): Promise<Id<'importRuns'>> {
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
    actorId: user._id,
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
    actor: user,
    collection,
    summary: { runId, fileName: name, mode, status: 'started', declaredRows: totalRows ?? null },
  });
  return runId;
}

const STATUS_TR = { completed: 'tamamlandı', failed: 'başarısız oldu', cancelled: 'iptal edildi' } as const;
const MAX_ERROR = 500;

export interface RunOutcome {
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
export async function closeRun(ctx: MutationCtx, run: Doc<'importRuns'>, outcome: RunOutcome): Promise<Doc<'importRuns'>> {
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
      // Consents recorded from the file's consent columns (beneficiaries), counted by the server.
      ...(received.consents > 0 ? { consentsRecorded: received.consents } : {}),
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

/** A run with no batch for this long is closed by the cron (imports.closeIdleRuns). */
export const IDLE_RUN_MS = 24 * 60 * 60 * 1000;

/**
 * Closes the idle run on one page (of one run: a run's close reads all its batch counts) of the
 * runs started before `cutoff`, if its last batch is older too. The caller schedules the next page.
 */
export async function closeIdleRunsPage(ctx: MutationCtx, cutoff: number, cursor: string | null) {
  const page = await ctx.db
    .query('importRuns')
    .withIndex('by_status_startedAt', (q) => q.eq('status', 'running').lt('startedAt', cutoff))
    .paginate({ numItems: 1, cursor });
  let closed = 0;
  for (const run of page.page) {
    const last = await ctx.db.query('importBatchCounts').withIndex('by_run', (q) => q.eq('runId', run._id)).order('desc').first();
    if ((last?._creationTime ?? run.startedAt) >= cutoff) continue;
    await closeRun(ctx, run, { status: 'failed', error: 'Closed after a day without new rows', closedBy: 'idle' });
    closed += 1;
  }
  return { closed, isDone: page.isDone, continueCursor: page.continueCursor };
}

/** Most batches a run can have for finishRun to sum their counts in one transaction. */
const MAX_BATCHES = 20_000;

/**
 * The run's applied counts and what it received (rows, amount): the sum of its batches' small
 * count documents (read once, at the end).
 */
async function sumBatchCounts(
  ctx: { db: DatabaseReader },
  runId: Id<'importRuns'>,
): Promise<{ counts: BatchCounts; received: { rows: number; amount: number; consents: number } }> {
  const docs = await ctx.db
    .query('importBatchCounts')
    .withIndex('by_run_batch', (q) => q.eq('runId', runId))
    .take(MAX_BATCHES + 1);
  if (docs.length > MAX_BATCHES) {
    throw new ConvexError({ code: 'too_many_batches', message: `An import run may have at most ${MAX_BATCHES} batches` });
  }
  const sum = emptyCounts();
  const received = { rows: 0, amount: 0, consents: 0 };
  for (const doc of docs) {
    const c = fullCounts(doc.counts);
    for (const key of Object.keys(sum) as (keyof BatchCounts)[]) sum[key] += c[key];
    received.rows += doc.received?.rows ?? 0;
    received.amount += doc.received?.amount ?? 0;
    received.consents += doc.received?.consents ?? 0;
  }
  return { counts: sum, received };
}
