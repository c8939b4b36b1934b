// Sending a run's batches: a few in flight at once, each answer acknowledged in the journal and
// counted. The server's refusals are written to the report between rows, in the order they were
// answered. A batch the journal already acknowledged (a resumed run) is not sent again: its
// refusals come from the journal.
import { api } from '../../../../convex/_generated/api';
import type { Id } from '../../../../convex/_generated/dataModel';
import type { CellValue, FieldError } from '../../../../shared/domain';
import type { Gateway } from '../../../core/backend/gateway';
import type { Batch } from './batcher';
import { withRetry, type RetryOptions } from '../../../core/backend/retry';
import type { RunCounters } from './runCounters';
import type { RejectedRow, RunJournal } from './runJournal';
import type { RunReport } from './runReport';

/** A batch's rows with their original cells (for the report). */
export type CellBatch = Batch<CellValue[]>;

export class BatchPipeline {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly answered: { batch: CellBatch; refused: RejectedRow[] }[] = [];
  /** Refusals the journal holds from before an interruption, by row. */
  private readonly refusedBefore: Map<number, RejectedRow>;
  /** The first send that failed after its retries: nothing more is sent. */
  sendError: unknown = null;

  constructor(
    private readonly run: {
      gateway: Gateway;
      journal: RunJournal;
      counters: RunCounters;
      report: RunReport;
      maxInFlight: number;
      retry?: RetryOptions;
      signal?: AbortSignal;
    },
  ) {
    const j = run.journal.data;
    this.refusedBefore = j.ackedThrough >= 0 ? run.journal.rejectedRows() : new Map();
  }

  /** Cancelled, or a send failed: the run stops taking rows. */
  get stopped(): boolean {
    return this.sendError !== null || this.run.signal?.aborted === true;
  }

  async dispatch(batch: CellBatch): Promise<void> {
    if (batch.batchIndex <= this.run.journal.data.ackedThrough) return await this.replay(batch);
    while (this.inFlight.size >= this.run.maxInFlight) await Promise.race(this.inFlight);
    await this.reportAnswered();
    if (this.stopped) return; // cancelled or failed while waiting for a free slot
    const p = this.send(batch).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** Waits for the batches in flight and reports their refusals. */
  async settle(): Promise<void> {
    await Promise.all(this.inFlight);
    await this.reportAnswered();
  }

  /** Acknowledged before the interruption: counted as sent, its refusals from the journal. */
  private async replay(batch: CellBatch): Promise<void> {
    this.run.counters.sent += batch.rows.length;
    for (let i = 0; i < batch.rows.length; i++) {
      const refused = this.refusedBefore.get(batch.rows[i]!.rowNumber);
      if (refused) await this.run.report.refused(refused, batch.extras[i]!);
    }
  }

  private send(batch: CellBatch): Promise<void> {
    const { gateway, journal, counters, retry } = this.run;
    const runId = journal.data.runId as Id<'importRuns'>;
    return withRetry(() => gateway.action(api.imports.ingestBatch, { runId, batchIndex: batch.batchIndex, rows: batch.rows }), retry).then(
      (res) => {
        const refused: RejectedRow[] = [];
        for (const r of res.results) {
          if (r.outcome === 'rejected') refused.push({ rowNumber: r.rowNumber, errors: (r.errors ?? []) as FieldError[] });
          else if (r.outcome === 'conflict') refused.push({ rowNumber: r.rowNumber, errors: [], stored: r.stored ?? null });
        }
        journal.acknowledge(batch.batchIndex, res.counts, refused);
        counters.answered(batch.rows.length, res.counts);
        this.answered.push({ batch, refused });
        counters.emit();
      },
      (err: unknown) => {
        this.sendError ??= err;
      },
    );
  }

  /** The report is written in order of discovery, so answers wait here to be written between rows. */
  private async reportAnswered(): Promise<void> {
    while (this.answered.length > 0) {
      const { batch, refused } = this.answered.shift()!;
      if (refused.length === 0) continue;
      const cellsOf = new Map(batch.rows.map((r, i) => [r.rowNumber, batch.extras[i]!]));
      for (const r of refused) await this.run.report.refused(r, cellsOf.get(r.rowNumber) ?? []);
    }
  }
}
