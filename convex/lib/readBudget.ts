// Read budgets: how much one paged read may cost inside a Convex transaction.

/**
 * What one paged read may cost, passed to every `.paginate()`: a page ends early
 * (and the caller continues from its cursor) rather than exceed Convex's 32,000 documents /
 * 16 MiB per transaction. Half the limits leave room for the function's other reads.
 */
export const MAX_PAGE_ROWS = 8_000;
export const MAX_PAGE_BYTES = 8 * 1024 * 1024;

/** `maxItems`: the largest page this listing returns, whatever the caller asks. */
export function pageBudget<O extends { numItems: number; cursor: string | null }>(opts: O, maxItems = MAX_PAGE_ROWS): O {
  const numItems = Math.max(1, Math.min(MAX_PAGE_ROWS, maxItems, Math.floor(opts.numItems)));
  return { ...opts, numItems, maximumRowsRead: MAX_PAGE_ROWS, maximumBytesRead: MAX_PAGE_BYTES };
}
