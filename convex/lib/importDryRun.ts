// The dry run behind imports.compareRows: what a mode would do with each row, against the stored
// records, without writing. The same assessRow as the commit (lib/importBatch.ts), so the dry run
// says exactly what the run will do.
import { ConvexError, v } from 'convex/values';
import { MATCH_RULES, ROW_ACTIONS, type ImportMode, type MatchRule } from '../../shared/domain';
import type { RowAction } from '../../shared/domain/importModes';
import type { CollectionName, FieldChange, StoredValue } from '../../shared/domain/types';
import type { DatabaseReader } from '../_generated/server';
import { assessRow, snapshotOf, type Snapshot } from './importBatch';
import { checkMatchDays } from './importRuns';
import { literals } from './literals';
import { looseReader } from './looseDb';
import { storedSnapshotValidator } from './tableValidators';

/** Rows the dry run compares in one query: ≤ 500 index lookups and documents read. */
export const MAX_COMPARE_ROWS = 500;

export const compareResultValidator = v.object({
  rowNumber: v.number(),
  action: literals(ROW_ACTIONS),
  changes: v.optional(v.array(v.object({ field: v.string(), before: v.union(v.string(), v.number(), v.null()), after: v.union(v.string(), v.number()) }))),
  errors: v.optional(v.array(v.object({ field: v.string(), code: v.string(), params: v.optional(v.any()) }))),
  expected: v.optional(v.union(storedSnapshotValidator, v.null())),
  matchedBy: v.optional(literals(MATCH_RULES)),
});

export interface CompareResult {
  rowNumber: number;
  action: RowAction;
  changes?: FieldChange[];
  errors?: { field: string; code: string; params?: Record<string, string | number> }[];
  /** What to send back at commit as the row's `expected` (absent for invalid rows). */
  expected?: Snapshot | null;
  /** A row without its natural key: the fallback rule that found its record. */
  matchedBy?: MatchRule;
}

/**
 * One index lookup per row (a row without its key: one bounded range per fallback rule, at most
 * 2 × MATCH_LIMIT documents), at most MAX_COMPARE_ROWS rows per call.
 */
export async function compareRows(
  reader: DatabaseReader,
  collection: CollectionName,
  mode: ImportMode,
  rows: { rowNumber: number; values: Record<string, StoredValue> }[],
  matchDays: number | undefined,
): Promise<CompareResult[]> {
  if (rows.length > MAX_COMPARE_ROWS) {
    throw new ConvexError(`rows: at most ${MAX_COMPARE_ROWS} rows per comparison, got ${rows.length}`);
  }
  checkMatchDays(matchDays);
  const db = looseReader(reader);
  const seen = new Map<string, number>();
  const out: CompareResult[] = [];
  for (const row of rows) {
    const a = await assessRow(db, collection, mode, row, seen, { matchDays });
    const matched = a.matchedBy === undefined ? {} : { matchedBy: a.matchedBy };
    if (a.action === 'invalid') out.push({ rowNumber: row.rowNumber, action: 'invalid', errors: a.errors, ...matched });
    else if (a.action === 'create') out.push({ rowNumber: row.rowNumber, action: 'create', expected: null });
    else {
      out.push({
        rowNumber: row.rowNumber,
        action: a.action,
        ...(a.action === 'update' ? { changes: a.changes } : {}),
        expected: snapshotOf(a.existing, Object.keys(a.values)),
        ...matched,
      });
    }
  }
  return out;
}
