// The check step's live counts: the pass's figures, adjusted by the fixes and skips staff make in
// the grid. An adjustment belongs to the pass figures it was made on; the next progress event or
// the pass's result replaces it, as the pass reports its own figures.
import type { JobProgress, JobResult } from '../../../../shared/contract/jobs';
import type { CheckRow } from './useCheckRows';

export interface CheckCounts {
  valid: number;
  invalid: number;
  skipped: number;
}
export type CheckPass = JobProgress<'importCheck'> | JobResult<'importCheck'>;
export interface FixedCounts {
  pass: CheckPass;
  counts: CheckCounts;
}

export function liveCounts(pass: CheckPass | null, fixed: FixedCounts | null): CheckCounts {
  if (!pass) return { valid: 0, invalid: 0, skipped: 0 };
  return fixed?.pass === pass ? fixed.counts : { valid: pass.valid, invalid: pass.invalid, skipped: 0 };
}

const kindOf = (r: CheckRow) => (r.skipped ? 'skipped' : r.errors.length > 0 ? 'invalid' : 'valid');

/** After a fix or a skip of one row: it moves from one count to another, or stays where it was. */
export function countsAfterRowChange(counts: CheckCounts, before: CheckRow, after: CheckRow): CheckCounts {
  const from = kindOf(before);
  const to = kindOf(after);
  return from === to ? counts : { ...counts, [from]: counts[from] - 1, [to]: counts[to] + 1 };
}

/** After "skip all invalid rows": none left invalid, and the server's count of skipped rows. */
export const countsAfterSkipAll = (counts: CheckCounts, skippedNow: number): CheckCounts => ({ valid: counts.valid, invalid: 0, skipped: skippedNow });
