// Job kinds of the import engine: the check (dry run) over the whole file, and the import run.
import { z } from 'zod';
import { IMPORT_MODES } from '../domain/importModes';
import { jobKind } from './define';
import { appError, collectionName, fileId } from './schemas';

export const importMode = z.enum(IMPORT_MODES);
export const numberStyle = z.enum(['tr', 'intl']);

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

export const runProgress = z.object({
  rowsRead: z.number().int(),
  sent: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  rowsPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  bytesRead: z.number(),
  totalBytes: z.number(),
});

export const runResult = z.object({
  runId: z.string(),
  status: z.enum(['completed', 'failed', 'cancelled']),
  inserted: z.number().int(),
  updated: z.number().int(),
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
    }),
    runProgress,
    runResult,
  ),
} as const;
