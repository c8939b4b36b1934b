// Building record queries for the Records and Export pages. The three record tables share
// index names by contract (by_status_date, by_date, search); only the date field differs
// (lib/recordValidators, schema.ts), so one generic builder serves all three.
import type { GenericTableInfo, IndexRange, OrderedQuery } from 'convex/server';
import { ConvexError } from 'convex/values';
import { SPECS } from '../../shared/domain';
import { projectRecord } from '../../shared/domain/access';
import type { Role } from '../../shared/domain/roles';
import type { CollectionName } from '../../shared/domain/types';
import type { DatabaseReader } from '../_generated/server';
import { looseReader } from './looseDb';
import { MAX_PAGE_BYTES } from './readBudget';
import { foldForSearch } from './searchText';

export interface RecordFilters {
  status?: string;
  /** Inclusive ISO yyyy-mm-dd bounds on the collection's date field (creation day if none). */
  from?: string;
  to?: string;
}

/** A record as functions return it: domain fields plus bookkeeping, without `searchText`. */
export type RecordView = {
  _id: string;
  _creationTime: number;
  createdAt: number;
  updatedAt: number;
  importRunId?: string;
  [field: string]: string | number | undefined;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
// The association works in Turkey (UTC+3 all year since 2016); a "day" of creation times is a
// Turkish calendar day, not a UTC one.
const TURKEY_OFFSET = '+03:00';

function checkDate(name: string, value: string | undefined): void {
  if (value !== undefined && (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value)))) {
    throw new ConvexError(`${name}: expected a date as yyyy-mm-dd, got "${value}"`);
  }
}

/** The indexed field holding the record's date, and the inclusive bounds in its own terms. */
export function dateRange(collection: CollectionName, filters: RecordFilters) {
  checkDate('from', filters.from);
  checkDate('to', filters.to);
  const dateField = SPECS[collection].dateField;
  if (dateField !== null) {
    return { field: dateField, lower: filters.from, upper: filters.to };
  }
  const dayStart = (day: string) => Date.parse(`${day}T00:00:00${TURKEY_OFFSET}`);
  return {
    field: 'createdAt',
    lower: filters.from === undefined ? undefined : dayStart(filters.from),
    upper: filters.to === undefined ? undefined : dayStart(filters.to) + DAY_MS - 1,
  };
}

/** The equality filters each collection offers (Export and Bulk send pages), in index order. */
export const EQUALITY_FILTERS = {
  beneficiaries: ['city', 'category', 'status'],
  donations: ['status'],
  financeRecords: ['category', 'type', 'status'],
} as const satisfies Record<CollectionName, readonly string[]>;

export type EqualityFilter = 'city' | 'category' | 'type' | 'status';
export type MatchFilters = RecordFilters & Partial<Record<EqualityFilter, string>>;

/**
 * The index serving exactly this set of equality filters followed by the date: schema.ts has one
 * per subset of a collection's EQUALITY_FILTERS (by_date, by_city_date, by_city_status_date, …),
 * so every combination the pages offer reads only the documents it returns.
 */
export function indexFor(fields: readonly string[]): string {
  return fields.length === 0 ? 'by_date' : `by_${fields.join('_')}_date`;
}

// With a generic data model the index builder's types cannot tell which fields remain after
// an equality, so the range is built through this minimal view of it.
interface RangeBuilder {
  eq(field: string, value: string): RangeBuilder;
  gte(field: string, value: string | number): RangeBuilder;
  lte(field: string, value: string | number): RangeBuilder;
}

/** Records matching every equality and the date range, by date, through their own index. */
export function matchingQuery(
  db: DatabaseReader,
  collection: CollectionName,
  filters: MatchFilters,
  order: 'asc' | 'desc',
): OrderedQuery<GenericTableInfo> {
  const offered: readonly string[] = EQUALITY_FILTERS[collection];
  for (const key of ['city', 'category', 'type', 'status'] as const) {
    if (filters[key] !== undefined && !offered.includes(key)) {
      throw new ConvexError(`${collection} cannot be filtered by ${key}`);
    }
  }
  const { field, lower, upper } = dateRange(collection, filters);
  const used = offered.filter((key) => filters[key as EqualityFilter] !== undefined);
  return looseReader(db)
    .query(collection)
    .withIndex(indexFor(used), (q) => {
      let range = q as unknown as RangeBuilder;
      for (const key of used) range = range.eq(key, filters[key as EqualityFilter] as string);
      if (lower !== undefined) range = range.gte(field, lower);
      if (upper !== undefined) range = range.lte(field, upper);
      return range as unknown as IndexRange;
    })
    .order(order);
}

/**
 * Counts by reading at most COUNT_CAP matching documents (and MAX_PAGE_BYTES): `capped` means
 * "at least `count`". One paged read, so the backend itself stops at the byte budget.
 */
export const COUNT_CAP = 10_000;

export async function boundedCount(query: OrderedQuery<GenericTableInfo>): Promise<{ count: number; capped: boolean }> {
  const page = await query.paginate({ numItems: COUNT_CAP, cursor: null, maximumRowsRead: COUNT_CAP, maximumBytesRead: MAX_PAGE_BYTES });
  return { count: page.page.length, capped: !page.isDone };
}

/**
 * Convex search reads at most 1,024 results per query (more throws
 * SearchQueryScannedTooManyDocumentsError), so a search shows at most this many, date filter
 * applied to them; past that the page says "narrow your search" (`searchCapped`).
 */
export const SEARCH_CAP = 1_000;

export interface SearchPage {
  page: Record<string, unknown>[];
  isDone: boolean;
  continueCursor: string;
  searchCapped: boolean;
}

/** One page of search results; the cursor is the offset into the (bounded) result list. */
export async function searchPage(
  db: DatabaseReader,
  collection: CollectionName,
  terms: string,
  filters: RecordFilters,
  opts: { numItems: number; cursor: string | null },
  /** Narrows the results further (to what the caller may search by); applied before paging. */
  keep: (doc: Record<string, unknown>) => boolean = () => true,
): Promise<SearchPage> {
  const { field, lower, upper } = dateRange(collection, filters);
  const status = filters.status;
  const results = await looseReader(db)
    .query(collection)
    .withSearchIndex('search', (q) => {
      const s = q.search('searchText', terms);
      return status === undefined ? s : s.eq('status', status);
    })
    .take(SEARCH_CAP);
  // The date range is applied here, not with .filter(): Convex counts filtered-out search
  // results against the 1,024 too, and take() above already bounds what is read.
  const inRange = results.filter((doc) => {
    const value = doc[field] as string | number;
    return (lower === undefined || value >= lower) && (upper === undefined || value <= upper) && keep(doc);
  });
  const offset = opts.cursor === null ? 0 : Number.parseInt(opts.cursor, 10) || 0;
  const end = offset + Math.max(1, Math.floor(opts.numItems));
  const isDone = end >= inRange.length;
  return {
    page: inRange.slice(offset, end),
    isDone,
    continueCursor: String(Math.min(end, inRange.length)),
    searchCapped: isDone && results.length >= SEARCH_CAP,
  };
}

/** Records page query without a search: newest first, through the filters' own index. */
export function recordQuery(db: DatabaseReader, collection: CollectionName, filters: RecordFilters): OrderedQuery<GenericTableInfo> {
  return matchingQuery(db, collection, filters, 'desc');
}

export function searchTerms(search: string | undefined): string {
  return search === undefined ? '' : foldForSearch(search);
}

/** A record as `role` may see it (shared/domain/access): what every records function returns. */
export function viewAs(role: Role, collection: CollectionName, doc: Record<string, unknown>): RecordView {
  return projectRecord(role, collection, doc) as RecordView;
}

export function toRecordView(doc: Record<string, unknown>): RecordView {
  const { searchText: _searchText, nameKey: _nameKey, ...rest } = doc;
  return rest as RecordView;
}
