// Channels of the import wizard besides its two jobs: look at a file, page through a finished or
// running check, fix cells and skip rows, and read the import history.
import { z } from 'zod';
import { IMPORT_FILE_FORMATS, RUN_STATUSES, UNDO_STATUSES } from '../domain/vocabularies';
import { channel } from './define';
import { collectionName, fileId, page, pageRequest } from './schemas';
import { controlTotals, importMode, numberStyle, rowAction, undoCounts } from './importJobs';

/** A raw cell as the wizard shows it: XLSX dates travel as ISO strings. */
export const previewCell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const mappingSuggestion = z.object({
  header: z.string(),
  field: z.string().nullable(),
  confidence: z.number(),
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

export const cellError = z.object({
  column: z.string(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
  messageTr: z.string(),
});

export const checkRow = z.object({
  rowNumber: z.number().int(),
  cells: z.array(previewCell),
  errors: z.array(cellError),
  skipped: z.boolean(),
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
