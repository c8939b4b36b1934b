// Finds the next row that still needs attention (errors, not skipped) after a given row, using the
// check's "only rows with errors" view: a binary search by row number, then a short forward scan.
import { call } from '../../client/client';
import type { CheckRow } from './useCheckRows';

const SCAN_PAGE = 200;
const MAX_SCAN_PAGES = 50;

const needsAttention = (r: CheckRow) => r.errors.length > 0 && !r.skipped;

async function errorRowNumberAt(checkId: string, index: number): Promise<number> {
  const r = await call('getCheckRows', { checkId, offset: index, limit: 1, onlyErrors: true });
  return r.rows[0]?.rowNumber ?? Number.MAX_SAFE_INTEGER;
}

export async function findNextErrorRow(checkId: string, afterRowNumber: number): Promise<CheckRow | null> {
  const head = await call('getCheckRows', { checkId, offset: 0, limit: 1, onlyErrors: true });
  let lo = 0;
  let hi = head.total;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((await errorRowNumberAt(checkId, mid)) <= afterRowNumber) lo = mid + 1;
    else hi = mid;
  }
  // Rows fixed or skipped stay in the error view; walk past them.
  for (let page = 0, offset = lo; page < MAX_SCAN_PAGES && offset < head.total; page++, offset += SCAN_PAGE) {
    const r = await call('getCheckRows', { checkId, offset, limit: SCAN_PAGE, onlyErrors: true });
    const hit = r.rows.find(needsAttention);
    if (hit) return hit;
    if (r.rows.length === 0) break;
  }
  return null;
}
