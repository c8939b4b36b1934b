// The import feature's contract: its jobs (the check over the whole file, the dry run, the run
// and its undo), and the wizard's channels: look at a file, page through a finished or running
// check, fix cells and skip rows, and read the import history.
import { z } from 'zod';
import { NUMBER_STYLES } from '../domain/types';
import { CHANGE_ACTIONS, FINISHED_STATUSES, IMPORT_FILE_FORMATS, RUN_STATUSES, UNDO_STATUSES } from '../domain/vocabularies';
import { IMPORT_MODES, ROW_ACTIONS } from '../domain/importModes';
import { MATCH_RULES, MAX_MATCH_DAYS } from '../domain/personMatch';
import { channel, jobKind } from './define';
import { appError, collectionName, fileId, page, pageRequest } from './schemas';

export const importMode = z.enum(IMPORT_MODES);
export const numberStyle = z.enum(NUMBER_STYLES);
export const rowAction = z.enum(ROW_ACTIONS);
/** Donations without a receipt number match a stored one dated up to this many days apart. */
export const matchDays = z.number().int().min(0).max(MAX_MATCH_DAYS);

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
  /** Totals and signature rows (TOPLAM, Hazırlayan…): not records, not among rows, never imported. */
  notData: z.number().int(),
  /** Rows with a warning (possibly the same person as an earlier row): counted apart, never blocking. */
  warnings: z.number().int(),
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

export const undoCounts = z.object({ deleted: z.number().int(), restored: z.number().int(), kept: z.number().int(), consents: z.number().int().optional() });

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

/** One cell's problem, as the wizard and the CLI show it: the column, the field, both languages. */
export const cellError = z.object({
  column: z.string(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
  messageTr: z.string(),
});

/** At most this many failed rows are listed in a run's result; the error report has them all. */
export const MAX_LISTED_FAILURES = 1000;

export const runResult = z.object({
  runId: z.string(),
  status: z.enum(FINISHED_STATUSES),
  /** Rows read from the file. */
  rows: z.number().int(),
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
  /** The first rows that failed here or were refused by the server, with their errors (see MAX_LISTED_FAILURES). */
  failures: z.array(z.object({ rowNumber: z.number().int(), errors: z.array(cellError) })).max(MAX_LISTED_FAILURES).optional(),
});

export const importJobs = {
  importCheck: jobKind(
    importSource.extend({
      /** The mode the import will use: with 'update' only the natural key is required. */
      mode: importMode.optional(),
      /**
       * Keep only the errors and counts, not the rows (`kafkasder validate`, which lists errors):
       * a workbook's rows are then never serialised for the grid, and the check's pages come
       * without cells.
       */
      errorsOnly: z.boolean().optional(),
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
      matchDays: matchDays.optional(),
    }),
    runProgress,
    runResult,
  ),
  /** Compares the checked file's valid rows with the stored records; writes nothing. */
  importDryRun: jobKind(
    importSource.extend({ checkId: z.string().max(64), mode: importMode, matchDays: matchDays.optional() }),
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

/** A raw cell as the wizard shows it: XLSX dates travel as ISO strings. */
export const previewCell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const mappingSuggestion = z.object({
  header: z.string(),
  field: z.string().nullable(),
  confidence: z.number(),
  /** Why ("CEP TEL. → Telefon: kısaltma"), in both languages; null when unmapped or remembered. */
  reason: z.object({ tr: z.string(), en: z.string() }).nullable(),
});

/** The record type the headers point to (shared/domain guessCollection), with its reason in both languages. */
export const collectionGuess = z.object({
  collection: collectionName.nullable(),
  header: z.string().nullable(),
  field: z.string().nullable(),
  basis: z.enum(['naturalKey', 'onlyHere', 'ambiguous', 'none']),
  candidates: z.array(collectionName),
  reason: z.object({ tr: z.string(), en: z.string() }),
});

export const inspectResult = z.object({
  file: z.string(),
  name: z.string(),
  sizeBytes: z.number(),
  format: z.enum(IMPORT_FILE_FORMATS),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  headerRow: z.number().int(),
  /** Why this sheet (null for a text file) and header row: chosen by the user, or found (reading/headerDetection.ts). */
  detection: z.object({ sheet: z.object({ tr: z.string(), en: z.string() }).nullable(), headerRow: z.object({ tr: z.string(), en: z.string() }) }).nullable(),
  headers: z.array(z.string()),
  /** The first rows after the header, raw. */
  preview: z.array(z.object({ rowNumber: z.number().int(), cells: z.array(previewCell) })),
  numberStyle,
  /** Suggested field per column (by index); null when a collection was not given. */
  suggestions: z.array(mappingSuggestion).nullable(),
  /** True when the suggestions come from a mapping the user confirmed before for these headers. */
  rememberedMapping: z.boolean(),
  collectionGuess,
});

export const checkRow = z.object({
  rowNumber: z.number().int(),
  cells: z.array(previewCell),
  errors: z.array(cellError),
  /** Problems that block nothing (possible_duplicate: "Satır 12 ile aynı kişi olabilir …"); the row stays valid. */
  warnings: z.array(cellError),
  skipped: z.boolean(),
  /** A totals or signature row: shown greyed, neither checked nor imported, unless taken back (asData). */
  notData: z.enum(['total', 'footer']).nullable(),
  /** The user took this notData row back as data: it is checked and imported as any row. */
  asData: z.boolean(),
  /** User fixes by field key. */
  fixes: z.record(z.string(), z.string()),
});

export const importRunSummary = z.object({
  id: z.string(),
  collection: collectionName,
  mode: importMode,
  fileName: z.string(),
  status: z.enum(RUN_STATUSES),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  conflict: z.number(),
  skipped: z.number(),
  failed: z.number(),
  controlTotals: controlTotals.extend({ fileRows: z.number().int(), fileAmount: z.number().int() }).optional(),
  /** Until when the run can be undone; absent when it cannot (running, undone, or too old). */
  undoableUntil: z.number().optional(),
  undo: undoCounts.extend({ status: z.enum(UNDO_STATUSES) }).optional(),
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  actorName: z.string().optional(),
  /** Present when this PC kept an error report for the run. */
  hasReport: z.boolean(),
});

export const importChannels = {
  inspectImportFile: channel(
    z.object({
      file: fileId,
      sheet: z.string().max(255).optional(),
      headerRow: z.number().int().min(1).optional(),
      collection: collectionName.optional(),
      previewRows: z.number().int().min(0).max(200).optional(),
    }),
    inspectResult,
  ),
  getCheckRows: channel(
    z.object({
      checkId: z.string().max(64),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(500),
      onlyErrors: z.boolean().optional(),
      /** Only the rows with warnings (possible duplicates). */
      onlyWarnings: z.boolean().optional(),
      /**
       * false, with onlyErrors: the rows come without their cells (cells: []), for a caller that
       * lists errors (`kafkasder validate`); the stored rows are then not read back at all. An
       * error row is never a totals row (those are not checked), so notData stays null.
       */
      cells: z.boolean().optional(),
    }),
    z.object({
      /** Rows available so far (grows while the check runs) in the chosen view. */
      total: z.number().int(),
      done: z.boolean(),
      rows: z.array(checkRow),
    }),
  ),
  fixCell: channel(
    z.object({ checkId: z.string().max(64), rowNumber: z.number().int().min(1), field: z.string().max(64), value: z.string().max(10_000) }),
    checkRow,
  ),
  /** Takes a totals or signature row back as data ("this is data"), checked at once, or gives it up again. */
  setRowData: channel(z.object({ checkId: z.string().max(64), rowNumber: z.number().int().min(1), data: z.boolean() }), checkRow),
  skipRows: channel(
    z.object({
      checkId: z.string().max(64),
      rowNumbers: z.array(z.number().int().min(1)).max(100_000).optional(),
      allInvalid: z.boolean().optional(),
      skip: z.boolean(),
    }),
    z.object({ skipped: z.number().int() }),
  ),
  /** A page of the dry run's labelled rows, of one label or all, in file order. */
  getDryRunRows: channel(
    z.object({ checkId: z.string().max(64), action: rowAction.optional(), offset: z.number().int().min(0), limit: z.number().int().min(1).max(500) }),
    z.object({
      total: z.number().int(),
      rows: z.array(
        z.object({
          rowNumber: z.number().int(),
          action: rowAction,
          changes: z.array(z.object({ field: z.string(), before: z.union([z.string(), z.number(), z.null()]), after: z.union([z.string(), z.number()]) })),
          errors: z.array(cellError),
          /** As checkRow.warnings, found again over the rows compared (skips and fixes applied). */
          warnings: z.array(cellError),
          /** A row without its natural key: the fallback rule that found its record. */
          matchedBy: z.enum(MATCH_RULES).optional(),
        }),
      ),
    }),
  ),
  listImportRuns: channel(pageRequest, page(importRunSummary)),
  /**
   * Makes a run's error report available: a download id in web mode; on desktop an id to show it
   * in the file manager, and its path as text to show.
   */
  openImportReport: channel(
    z.object({ runId: z.string().max(64) }),
    z.object({ downloadId: z.string().optional(), fileId: fileId.optional(), path: z.string().optional(), name: z.string() }),
  ),
} as const;
