// Job kinds of the import engine: the check (dry run) over the whole file, and the import run.
import { z } from 'zod';
import { IMPORT_MODES, ROW_ACTIONS } from '../domain/importModes';
import { NUMBER_STYLES } from '../domain/types';
import { CHANGE_ACTIONS, FINISHED_STATUSES } from '../domain/vocabularies';
import { jobKind } from './define';
import { appError, collectionName, fileId } from './schemas';

export const importMode = z.enum(IMPORT_MODES);
export const numberStyle = z.enum(NUMBER_STYLES);
export const rowAction = z.enum(ROW_ACTIONS);

/** Which file, how to read it, and how its columns map to fields. */
export const importSource = z.object({
  /** The id the host handed out for the file (dropped, picked or uploaded); never a path. */
  file: fileId,
  sheet: z.string().max(255).optional(),
  headerRow: z.number().int().min(1).optional(),
  collection: collectionName,
  /** header (by column index) → field key, or null for "do not import". */
  mapping: z.array(z.string().nullable()).max(500),
  numberStyle: numberStyle.optional(),
});

export const countsByKey = z.record(z.string(), z.number().int());

export const checkProgress = z.object({
  /** Set once the pass has created its session, so the wizard can page rows while it runs. */
  checkId: z.string().optional(),
  rowsRead: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  bytesRead: z.number(),
  totalBytes: z.number(),
});

export const checkResult = z.object({
  checkId: z.string(),
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  byCode: countsByKey,
  byColumn: countsByKey,
});

/** What the dry run found, per label, and the file's totals for control totals. */
export const dryRunSummary = z.object({
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  invalid: z.number().int(),
  /** Rows that passed the check and are not skipped. */
  validRows: z.number().int(),
  /** Their amounts' sum in minor units (donations, finance records), else null. */
  amountTotal: z.number().int().nullable(),
});

/** Staff's expected totals from the bank statement (amount in minor units). */
export const controlTotals = z.object({
  expectedRows: z.number().int().min(0).max(100_000_000),
  expectedAmount: z.number().int().min(-1e15).max(1e15),
});

export const undoCounts = z.object({ deleted: z.number().int(), restored: z.number().int(), kept: z.number().int() });

export const runProgress = z.object({
  rowsRead: z.number().int(),
  sent: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  /** Rows the dry run found unchanged (not sent) or the server found so. */
  unchanged: z.number().int(),
  /** Rows whose record changed between the dry run and their batch: not written. */
  conflict: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  rowsPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  bytesRead: z.number(),
  totalBytes: z.number(),
});

export const runResult = z.object({
  runId: z.string(),
  status: z.enum(FINISHED_STATUSES),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  conflict: z.number().int(),
  /** The control totals staff typed, beside the file's, when they were given. */
  controlTotals: controlTotals.extend({ fileRows: z.number().int(), fileAmount: z.number().int() }).optional(),
  skipped: z.number().int(),
  failed: z.number().int(),
  durationMs: z.number(),
  /** Present when some rows were rejected or skipped: where the error report was written. */
  reportFile: z.string().optional(),
  /** Why a failed run failed. */
  error: appError.optional(),
  /** A failed run that can be continued with importRun's resumeRunId (nothing is written twice). */
  resumable: z.boolean().optional(),
});

export const importJobs = {
  importCheck: jobKind(
    importSource.extend({
      /** The mode the import will use: with 'update' only the natural key is required. */
      mode: importMode.optional(),
    }),
    checkProgress,
    checkResult,
  ),
  importRun: jobKind(
    importSource.extend({
      mode: importMode,
      /** Reuse a finished check's fixes and skips. */
      checkId: z.string().optional(),
      /** Continue an interrupted run instead of starting a new one. */
      resumeRunId: z.string().optional(),
      fileName: z.string().max(255).optional(),
      /** Use the check's dry run: unchanged rows are not sent and each row's record is re-checked at commit. */
      dryRun: z.boolean().optional(),
      /** Donations and finance records: the run does not start unless the file's valid rows agree. */
      controlTotals: controlTotals.optional(),
    }),
    runProgress,
    runResult,
  ),
  /** Compares the checked file's valid rows with the stored records; writes nothing. */
  importDryRun: jobKind(
    importSource.extend({ checkId: z.string().max(64), mode: importMode }),
    dryRunSummary.extend({ rowsRead: z.number().int() }),
    dryRunSummary,
  ),
  /** Undoes a finished import (from the history, for 30 days). */
  importUndo: jobKind(
    z.object({ runId: z.string().min(1).max(64) }),
    undoCounts,
    undoCounts.extend({
      /** Records left alone because they changed after the import (the first 200). */
      keptRows: z.array(z.object({ rowNumber: z.number().int(), key: z.string(), action: z.enum(CHANGE_ACTIONS) })),
    }),
  ),
} as const;
