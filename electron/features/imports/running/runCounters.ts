// A run's counts as the user sees them and its progress events: rows read, sent, and each
// outcome. A resumed run starts from what its journal had acknowledged.
import type { SourceInfo } from '../reading/source';
import type { RunOutcome, RunProgress } from './runTypes';
import type { RunCounts } from './runJournal';

export class RunCounters {
  rowsRead = 0;
  /** Progress of a CSV in its bytes; a workbook's rows are counted by their rough size. */
  bytesRead = 0;
  sent = 0;
  inserted: number;
  updated: number;
  unchanged: number;
  conflict: number;
  skipped = 0;
  /** Rows that failed here (their errors never went to the server). */
  failedLocal = 0;
  failedServer: number;

  constructor(
    acked: RunCounts,
    private readonly run: { started: number; info: SourceInfo; totalRows?: number; progress?: (p: RunProgress) => void },
  ) {
    this.inserted = acked.inserted;
    this.updated = acked.updated;
    this.unchanged = acked.unchanged ?? 0;
    this.conflict = acked.conflict ?? 0;
    this.failedServer = acked.failed;
  }

  /** A batch the server answered. */
  answered(rows: number, counts: RunCounts): void {
    this.sent += rows;
    this.inserted += counts.inserted;
    this.updated += counts.updated;
    this.unchanged += counts.unchanged ?? 0;
    this.conflict += counts.conflict ?? 0;
    this.failedServer += counts.failed;
  }

  /** What became of the rows so far, as progress and the outcome both tell it. */
  private outcomes() {
    const { inserted, updated, unchanged, conflict, skipped } = this;
    return { inserted, updated, unchanged, conflict, skipped, failed: this.failedLocal + this.failedServer };
  }

  emit(): void {
    const { started, info, totalRows, progress } = this.run;
    if (!progress) return;
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? this.rowsRead / seconds : 0;
    let eta: number | null = null;
    if (rate > 0 && totalRows) eta = Math.max(0, (totalRows - this.rowsRead) / rate);
    else if (this.bytesRead > 0 && info.format === 'csv') eta = Math.max(0, ((info.sizeBytes - this.bytesRead) / this.bytesRead) * seconds);
    progress({
      rowsRead: this.rowsRead,
      sent: this.sent,
      ...this.outcomes(),
      rowsPerSecond: Math.round(rate),
      etaSeconds: eta === null ? null : Math.round(eta),
      bytesRead: Math.min(this.bytesRead, info.sizeBytes),
      totalBytes: info.sizeBytes,
    });
  }

  outcome(runId: string, status: RunOutcome['status'], extra: Partial<RunOutcome> = {}): RunOutcome {
    return {
      runId,
      status,
      rows: this.rowsRead,
      ...this.outcomes(),
      durationMs: Date.now() - this.run.started,
      ...extra,
    };
  }
}
