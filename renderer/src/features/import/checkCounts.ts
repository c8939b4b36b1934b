// The check step's live counts: the pass's figures, adjusted by the fixes, skips and rows taken
// back as data ("Veridir") staff make in the grid. An adjustment belongs to the pass figures it was made on; the next progress event or
// the pass's result replaces it, as the pass reports its own figures.
import type { JobProgress, JobResult } from '../../../../shared/contract/jobs';
import type { CheckRow } from './useCheckRows';

export interface CheckCounts {
  valid: number;
  invalid: number;
  skipped: number;
  /** Totals or signature rows taken back as data: among the rows now, no longer "not data". */
  asData: number;
}
export type CheckPass = JobProgress<'importCheck'> | JobResult<'importCheck'>;
export interface FixedCounts {
  pass: CheckPass;
  counts: CheckCounts;
}

export function liveCounts(pass: CheckPass | null, fixed: FixedCounts | null): CheckCounts {
  if (!pass) return { valid: 0, invalid: 0, skipped: 0, asData: 0 };
  return fixed?.pass === pass ? fixed.counts : { valid: pass.valid, invalid: pass.invalid, skipped: 0, asData: 0 };
}

const kindOf = (r: CheckRow) => (r.notData && !r.asData ? 'notData' : r.skipped ? 'skipped' : r.errors.length > 0 ? 'invalid' : 'valid');

/** After a fix, a skip or a take-back of one row: it moves from one count to another, or stays where it was. */
export function countsAfterRowChange(counts: CheckCounts, before: CheckRow, after: CheckRow): CheckCounts {
  const from = kindOf(before);
  const to = kindOf(after);
  if (from === to) return counts;
  const next = { ...counts };
  if (from === 'notData') next.asData++;
  else next[from]--;
  if (to === 'notData') next.asData--;
  else next[to]++;
  return next;
}

/** After "skip all invalid rows": none left invalid, and the server's count of skipped rows. */
export const countsAfterSkipAll = (counts: CheckCounts, skippedNow: number): CheckCounts => ({ ...counts, invalid: 0, skipped: skippedNow });
