// The import vocabulary, defined once: the write modes staff choose from, what a dry run says a
// row will do, and which collections carry control totals. The zod contract and the Convex
// validators are derived from these lists.
import type { CollectionName } from './types';

/**
 * insert: new records only; update: existing records only (only the natural key is required);
 * upsert: create or overwrite; fill: create, or fill only the stored record's empty fields.
 */
export const IMPORT_MODES = ['insert', 'update', 'upsert', 'fill'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** Whether a mode checks rows as partial records (only the natural key required). */
export const isPartialMode = (mode: ImportMode): boolean => mode === 'update';

/** What the dry run says a row will do. `conflict` is only known at commit. */
export const ROW_ACTIONS = ['create', 'update', 'unchanged', 'invalid'] as const;
export type RowAction = (typeof ROW_ACTIONS)[number];

/** Collections whose rows have an amount staff can total against a bank statement. */
export const CONTROL_TOTAL_FIELD: Partial<Record<CollectionName, string>> = {
  donations: 'amount',
  financeRecords: 'amount',
};

/** How long an import can be undone from the history. */
export const UNDO_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;
