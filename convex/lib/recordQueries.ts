// Building record queries for the Records and Export pages. The three record tables share
// index names by contract (by_status_date, by_date, search); only the date field differs
// (lib/recordValidators, schema.ts), so one generic builder serves all three.
import type { GenericTableInfo, IndexRange, OrderedQuery } from 'convex/server';
import { ConvexError } from 'convex/values';
import { SPECS } from '../../shared/domain';
import type { CollectionName } from '../../shared/domain/types';
import type { DatabaseReader } from '../_generated/server';
import { looseReader } from './looseDb';
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

// With a generic data model the index builder's types cannot tell which fields remain after
// an equality, so the range is built through this minimal view of it.
interface RangeBuilder {
  gte(field: string, value: string | number): RangeBuilder;
  lte(field: string, value: string | number): RangeBuilder;
}

function dateBounded(
  q: unknown,
  field: string,
  lower: string | number | undefined,
  upper: string | number | undefined,
): IndexRange {
  let range = q as RangeBuilder;
  if (lower !== undefined) range = range.gte(field, lower);
  if (upper !== undefined) range = range.lte(field, upper);
  return range as unknown as IndexRange;
}

/**
 * Records matching the filters. Without a search: newest first by the date index. With a search:
 * the search index (ranked by relevance, as Convex search results are), date range applied as
 * a filter.
 */
export function recordQuery(
  db: DatabaseReader,
  collection: CollectionName,
  filters: RecordFilters & { search?: string },
): OrderedQuery<GenericTableInfo> {
  const { field, lower, upper } = dateRange(collection, filters);
  const table = looseReader(db).query(collection);
  const status = filters.status;
  const terms = filters.search === undefined ? '' : foldForSearch(filters.search);

  if (terms !== '') {
    const searched = table.withSearchIndex('search', (q) => {
      const s = q.search('searchText', terms);
      return status === undefined ? s : s.eq('status', status);
    });
    if (lower === undefined && upper === undefined) return searched;
    return searched.filter((q) => {
      const bounds = [];
      if (lower !== undefined) bounds.push(q.gte(q.field(field), lower));
      if (upper !== undefined) bounds.push(q.lte(q.field(field), upper));
      return q.and(...bounds);
    });
  }

  if (status !== undefined) {
    return table
      .withIndex('by_status_date', (q) => dateBounded(q.eq('status', status), field, lower, upper))
      .order('desc');
  }
  return table
    .withIndex('by_date', (q) => dateBounded(q, field, lower, upper))
    .order('desc');
}

export function toRecordView(doc: Record<string, unknown>): RecordView {
  const { searchText: _searchText, ...rest } = doc;
  return rest as RecordView;
}
