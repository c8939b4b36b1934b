// The import run's input, options, progress and outcome: its own module, so runStart,
// RunCounters and RunReport (the run's parts) and importRun share them without a circle.
import type { z } from 'zod';
import type { runProgress, runResult } from '../../../../shared/contract/imports';
import type { FieldError, Lang } from '../../../../shared/domain';
import type { Gateway } from '../../../core/backend/gateway';
import type { RetryOptions } from '../../../core/backend/retry';
import type { CheckInput } from '../checking/checkPass';
import type { Overlay } from '../checking/overlay';
import type { DryRunSummary, Snapshot } from './dryRun';
import type { ImportMode } from './runJournal';

export interface RunInput extends Omit<CheckInput, 'mode'> {
  mode: ImportMode;
  /** Continue this run (its journal decides file, mapping, mode and fixes). */
  resumeRunId?: string;
}

/** The run job's progress, as the contract declares it. */
export type RunProgress = z.output<typeof runProgress>;

/** The run job's result, plus the rows read and the error with both messages. */
export type RunOutcome = Omit<z.output<typeof runResult>, 'error'> & {
  rows: number;
  /** Why the run failed; with resumable, it can be continued with resumeRunId. */
  error?: { code: string; messageEn: string; messageTr: string };
};

export interface RunOptions {
  gateway: Gateway;
  dataDir: string;
  lang: Lang;
  signal?: AbortSignal;
  progress?: (p: RunProgress) => void;
  /** The check's fixes and skips (ignored when resuming: the journal has its own copy). */
  overlay?: Overlay;
  totalRows?: number;
  maxInFlight?: number;
  batchRows?: number;
  batchBytes?: number;
  retry?: RetryOptions;
  /** Donations without a receipt number: days either side of the date a stored one may be. */
  matchDays?: number;
  /** Where the error report goes (default dataDir/reports). */
  reportDir?: string;
  /** Every failed row as it is known (the CLI prints them). */
  onRowFailed?: (rowNumber: number, errors: FieldError[]) => void;
  today?: string;
  /** The check's dry run (ignored when resuming: the journal names its own). */
  dryRun?: { file: string; summary: DryRunSummary };
  /** Staff's expected totals: the run does not start unless the dry run's file totals agree. */
  controlTotals?: { expectedRows: number; expectedAmount: number };
  /** Every row reported as a conflict, with the stored values now (the CLI prints them). */
  onConflict?: (rowNumber: number, stored: Snapshot | null) => void;
}
