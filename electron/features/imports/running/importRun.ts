// The import run: re-reads the file (the check's rows fed the wizard's grid; the run reads the
// file again and validates every row again, with the user's fixes and skips, so what is sent is
// what the file holds now), sends the valid rows in numbered batches with a few in flight,
// retries transport failures, and keeps a journal so an interrupted run can be resumed without
// writing any row twice. A cancel stops sending, waits for the batches in flight and ends the run
// as cancelled. Its parts: runStart (a new run or a resumed one), sendRows here (reading,
// validating, batching), BatchPipeline (sending), RunCounters (counts, progress), RunReport (the
// error report), endRun here (the server's record of the run, the outcome).
import { api } from '../../../../convex/_generated/api';
import type { Id } from '../../../../convex/_generated/dataModel';
import { isPartialMode, notDataKind } from '../../../../shared/domain';
import { splitImportRecord } from '../../../../shared/domain/importConsent';
import { classifyBackendError } from '../../../core/backend/backendErrors';
import { DuplicateKeys } from '../checking/duplicateKeys';
import { RowParser } from '../checking/rowParsing';
import { approxRowBytes, type SourceRow } from '../reading/source';
import { BatchPipeline } from './batchPipeline';
import { Batcher } from './batcher';
import { DryRunCursor } from './dryRun';
import { withRetry } from '../../../core/backend/retry';
import { RunCounters } from './runCounters';
import type { RunJournal } from './runJournal';
import { RunReport } from './runReport';
import { startRun } from './runStart';
import type { RunInput, RunOptions, RunOutcome } from './runTypes';

export { checkControlTotals, type ControlTotals } from './runStart';

export async function runImport(input: RunInput, opts: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  const { journal, info, rows, first } = await startRun(input, opts);
  const j = journal.data;
  const counters = new RunCounters(j.acked, { started, info, totalRows: j.totalRows, progress: opts.progress });
  const report = await RunReport.open(journal, info, opts);
  const pipeline = new BatchPipeline({ gateway: opts.gateway, journal, counters, report, maxInFlight: Math.max(1, opts.maxInFlight ?? 4), retry: opts.retry, signal: opts.signal });
  const readError = await sendRows({ journal, rows, first, counters, report, pipeline, signal: opts.signal });
  await pipeline.settle();
  return await endRun({ journal, counters, report, readError, sendError: pipeline.sendError }, opts);
}

/**
 * Reads the rows, validates each as the check did (with the journal's fixes, skips, number style
 * and "today"), and hands the valid ones to the pipeline in batches. Returns why reading failed,
 * or null (a cancel is no failure).
 */
async function sendRows(run: {
  journal: RunJournal;
  rows: AsyncIterator<SourceRow[]>;
  first?: SourceRow[];
  counters: RunCounters;
  report: RunReport;
  pipeline: BatchPipeline;
  signal?: AbortSignal;
}): Promise<unknown> {
  const { counters: c, report, pipeline, rows, signal } = run;
  const j = run.journal.data;
  const fixes = new Map(Object.entries(j.fixes).map(([k, v]) => [Number(k), v]));
  const skips = new Set(j.skips);
  const dataRows = new Set(j.dataRows ?? []);
  const parser = new RowParser({ collection: j.collection, mapping: j.mapping, numberStyle: j.numberStyle, partial: isPartialMode(j.mode), today: j.today });
  const dups = new DuplicateKeys(parser.naturalKey);
  const batcher = new Batcher<SourceRow['cells']>(j.batchRows, j.batchBytes);
  // The dry run's labels, read in step with the file: unchanged rows are not sent, and the others
  // carry what the dry run saw so the server can refuse to overwrite a record changed since.
  const planned = j.dryRunFile ? new DryRunCursor(j.dryRunFile) : null;
  try {
    for (let batch = run.first ?? (await nextBatch(rows)); batch; batch = await nextBatch(rows)) {
      for (const row of batch) {
        c.bytesRead += approxRowBytes(row.cells);
        // Totals and signature rows are not records: neither sent nor reported, as the check showed them, unless taken back.
        if (notDataKind(row) && !dataRows.has(row.rowNumber)) continue;
        c.rowsRead++;
        if (skips.has(row.rowNumber)) {
          c.skipped++;
          await report.skipped(row.rowNumber, row.cells);
          continue;
        }
        const result = parser.parse(row.cells, fixes.get(row.rowNumber));
        const dup = dups.check(parser.keyOf(result), row.rowNumber);
        if (dup) result.errors.push(dup);
        if (result.errors.length > 0) {
          c.failedLocal++;
          await report.failed(row.rowNumber, row.cells, result.errors);
          continue;
        }
        // Consent columns go to the register, not the record (shared/domain/importConsent).
        const { values, consent } = splitImportRecord(result.record);
        const plan = planned ? await planned.at(row.rowNumber) : undefined;
        // An unchanged record is not sent, unless the row records a consent.
        if (plan?.action === 'unchanged' && !consent) {
          c.unchanged++;
          continue;
        }
        const closed = batcher.add(
          { rowNumber: row.rowNumber, values, ...(consent ? { consent } : {}), ...(plan?.expected !== undefined ? { expected: plan.expected } : {}) },
          row.cells,
        );
        if (closed) await pipeline.dispatch(closed);
        if (pipeline.stopped) break;
      }
      c.emit();
      if (pipeline.stopped) break;
    }
    if (!pipeline.stopped) {
      const last = batcher.flush();
      if (last) await pipeline.dispatch(last);
    }
    return null;
  } catch (err) {
    return signal?.aborted ? null : err;
  } finally {
    await rows.return?.().catch(() => undefined);
    await planned?.close().catch(() => undefined);
  }
}

/** Ends the run on the server (unless it can be resumed), keeps or drops the report, and tells how it went. */
async function endRun(
  run: { journal: RunJournal; counters: RunCounters; report: RunReport; readError: unknown; sendError: unknown },
  opts: RunOptions,
): Promise<RunOutcome> {
  const { journal, counters: c, report } = run;
  const j = journal.data;
  const runId = j.runId as Id<'importRuns'>;
  const outcome = (status: RunOutcome['status'], extra: Partial<RunOutcome>) => c.outcome(j.runId, status, { ...(j.controlTotals ? { controlTotals: j.controlTotals } : {}), ...extra });
  const finish = (status: 'completed' | 'failed' | 'cancelled', error?: string) =>
    withRetry(() => opts.gateway.mutation(api.imports.finishRun, { runId, status, skipped: c.skipped, rejectedBeforeSend: c.failedLocal, ...(error ? { error } : {}) }), opts.retry);

  const problem = run.readError ?? run.sendError;
  if (problem !== null) {
    const reportFile = await report.finish(journal);
    const message = problem instanceof Error ? problem.message : String(problem);
    const resumable = run.readError === null && classifyBackendError(problem).resumable;
    // A transport failure leaves the run open on the server so it can be resumed; anything else ends it.
    if (!resumable) {
      await finish('failed', message.slice(0, 1000)).catch(() => undefined);
      journal.finish();
    }
    c.emit();
    return outcome('failed', {
      reportFile,
      resumable,
      error: resumable
        ? {
            code: 'import_interrupted',
            messageEn: `The import was interrupted (${message}). ${c.sent} rows were saved; resume it to send the rest.`,
            messageTr: `Aktarım yarıda kaldı (${message}). ${c.sent} satır kaydedildi; kalanları göndermek için aktarıma devam edin.`,
          }
        : { code: 'import_failed', messageEn: `The import failed: ${message}`, messageTr: `Aktarım başarısız oldu: ${message}` },
    });
  }
  const status = opts.signal?.aborted ? 'cancelled' : 'completed';
  try {
    await finish(status);
  } catch (err) {
    // Every batch is in; only the ending is missing, which a resume completes.
    const reportFile = await report.finish(journal);
    const message = err instanceof Error ? err.message : String(err);
    return outcome('failed', {
      reportFile,
      resumable: classifyBackendError(err).resumable,
      error: { code: 'import_interrupted', messageEn: `Could not end the import run: ${message}`, messageTr: `Aktarım kaydı kapatılamadı: ${message}` },
    });
  }
  journal.finish();
  c.emit();
  return outcome(status, { reportFile: await report.finish(journal) });
}

async function nextBatch(it: AsyncIterator<SourceRow[]>): Promise<SourceRow[] | undefined> {
  const r = await it.next();
  return r.done ? undefined : r.value;
}
