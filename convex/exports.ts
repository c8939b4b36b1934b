// Reading records for an export (every filter the Export page offers) and recording the export
// in the audit log. Each filter combination reads through an index: city/category/type use
// their own index when the collection has one, else the status index, else the date index; any
// filter left over is applied on top of that index.
import { paginationOptsValidator, type GenericTableInfo, type IndexRange, type OrderedQuery } from 'convex/server';
import { ConvexError, v } from 'convex/values';
import type { CollectionName } from '../shared/domain/types';
import type { DatabaseReader } from './_generated/server';
import { writeAudit } from './lib/audit';
import { staffMutation, staffQuery } from './lib/functions';
import { looseReader } from './lib/looseDb';
import { dateRange, toRecordView } from './lib/recordQueries';
import { collectionValidator } from './lib/recordValidators';
import { COUNT_CAP } from './records';

export interface ExportFilters {
  status?: string;
  from?: string;
  to?: string;
  city?: string;
  category?: string;
  type?: string;
}

const filterArgs = {
  status: v.optional(v.string()),
  from: v.optional(v.string()),
  to: v.optional(v.string()),
  city: v.optional(v.string()),
  category: v.optional(v.string()),
  type: v.optional(v.string()),
};

// Which collections have which extra filter; a filter a collection lacks is a caller's mistake.
const EXTRA_FILTERS: Record<CollectionName, ReadonlyArray<'city' | 'category' | 'type'>> = {
  beneficiaries: ['city', 'category'],
  donations: [],
  financeRecords: ['category', 'type'],
};

// Equality indexes by collection and field, each followed by the collection's date field.
const EQ_INDEXES: Record<CollectionName, Partial<Record<string, string>>> = {
  beneficiaries: { city: 'by_city', category: 'by_category', status: 'by_status_date' },
  donations: { status: 'by_status_date' },
  financeRecords: { type: 'by_type_date', status: 'by_status_date' },
};

interface RangeBuilder {
  eq(field: string, value: string): RangeBuilder;
  gte(field: string, value: string | number): RangeBuilder;
  lte(field: string, value: string | number): RangeBuilder;
}

/** Records matching every filter, oldest first (ledger order), through the best-fitting index. */
export function exportQuery(
  db: DatabaseReader,
  collection: CollectionName,
  filters: ExportFilters,
): OrderedQuery<GenericTableInfo> {
  for (const key of ['city', 'category', 'type'] as const) {
    if (filters[key] !== undefined && !EXTRA_FILTERS[collection].includes(key)) {
      throw new ConvexError(`${collection} cannot be filtered by ${key}`);
    }
  }
  const { field, lower, upper } = dateRange(collection, filters);
  const equalities = (['city', 'category', 'type', 'status'] as const)
    .map((key) => ({ key, value: filters[key] }))
    .filter((e): e is { key: 'city' | 'category' | 'type' | 'status'; value: string } => e.value !== undefined);
  // The first equality (in the order above: the more selective fields first) with an index leads.
  const lead = equalities.find((e) => EQ_INDEXES[collection][e.key] !== undefined);
  const rest = equalities.filter((e) => e !== lead);
  const indexName = lead ? (EQ_INDEXES[collection][lead.key] as string) : 'by_date';

  const indexed = looseReader(db)
    .query(collection)
    .withIndex(indexName, (q) => {
      let range = q as unknown as RangeBuilder;
      if (lead) range = range.eq(lead.key, lead.value);
      if (lower !== undefined) range = range.gte(field, lower);
      if (upper !== undefined) range = range.lte(field, upper);
      return range as unknown as IndexRange;
    })
    .order('asc');
  if (rest.length === 0) return indexed;
  return indexed.filter((q) => q.and(...rest.map((e) => q.eq(q.field(e.key), e.value))));
}

/** One page of an export. */
export const list = staffQuery({
  args: { collection: collectionValidator, paginationOpts: paginationOptsValidator, ...filterArgs },
  handler: async (ctx, { collection, paginationOpts, ...filters }) => {
    const result = await exportQuery(ctx.db, collection, filters).paginate(paginationOpts);
    return { ...result, page: result.page.map(toRecordView) };
  },
});

/** How many records an export with these filters would write; `capped` at records.COUNT_CAP. */
export const count = staffQuery({
  args: { collection: collectionValidator, ...filterArgs },
  handler: async (ctx, { collection, ...filters }) => {
    let count = 0;
    for await (const _doc of exportQuery(ctx.db, collection, filters)) {
      count += 1;
      if (count >= COUNT_CAP) return { count, capped: true };
    }
    return { count, capped: false };
  },
});

/** The audit entry of one export, however it ended. */
export const recordAudit = staffMutation({
  args: {
    collection: collectionValidator,
    format: v.union(v.literal('excel-tr'), v.literal('csv'), v.literal('json'), v.literal('xlsx')),
    filters: v.object(filterArgs),
    rows: v.number(),
    status: v.union(v.literal('completed'), v.literal('cancelled'), v.literal('failed')),
    fileName: v.string(),
    error: v.optional(v.string()),
  },
  handler: async (ctx, { collection, ...summary }) => {
    return await writeAudit(ctx, { action: 'export', actor: ctx.user, collection, summary });
  },
});
