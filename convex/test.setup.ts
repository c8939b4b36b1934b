/// <reference types="vite/client" />
// Shared by the convex-test suites: the schema plus every module, including ./_generated, which
// convex-test needs to find the functions folder.
import { convexTest } from 'convex-test';
import { api } from './_generated/api';
import schema from './schema';

export const modules = import.meta.glob('./**/*.ts');

/**
 * A convex-test instance that enforces a real deployment's per-transaction limits (32,000
 * documents / 16 MiB read, 4,096 index ranges, 16,000 documents / 16 MiB written). convex-test
 * counts only documents a query returns, while a real backend also counts those `.filter()`
 * drops, so convex/ narrows reads with indexes and plain JS, never with `.filter()`.
 */
export function newTest() {
  return convexTest({ schema, modules, transactionLimits: true });
}

export type ExportFilterArgs = { status?: string; from?: string; to?: string; city?: string; category?: string; type?: string };

/** Opens an export as the exporter does and reads all of its pages. */
export async function exportPages(
  t: ReturnType<typeof newTest>,
  collection: 'beneficiaries' | 'donations' | 'financeRecords',
  filters: ExportFilterArgs,
  numItems: number,
): Promise<Record<string, unknown>[]> {
  const exportId = await t.mutation(api.exports.open, { collection, format: 'csv', filters, fileName: 'test.csv' });
  const rows: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  for (;;) {
    const res: { page: Record<string, unknown>[]; isDone: boolean; continueCursor: string } = await t.query(api.exports.list, {
      exportId,
      paginationOpts: { numItems, cursor },
    });
    rows.push(...res.page);
    if (res.isDone) return rows;
    cursor = res.continueCursor;
  }
}
