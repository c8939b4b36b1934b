// Reading records for the Records page.
import { paginationOptsValidator } from 'convex/server';
import { v } from 'convex/values';
import { staffQuery } from './lib/functions';
import { pageBudget } from './lib/readBudget';
import { collectionValidator } from './lib/recordValidators';
import {
  boundedCount,
  recordQuery,
  searchPage,
  searchTerms,
  toRecordView,
  type RecordView,
} from './lib/recordQueries';

const filterArgs = {
  status: v.optional(v.string()),
  from: v.optional(v.string()),
  to: v.optional(v.string()),
};

/**
 * One page of records, newest first (by relevance when searching). `searchCapped`: the search
 * matched more than can be shown; the page asks to narrow it.
 */
export const list = staffQuery({
  args: {
    collection: collectionValidator,
    paginationOpts: paginationOptsValidator,
    search: v.optional(v.string()),
    ...filterArgs,
  },
  handler: async (ctx, { collection, paginationOpts, search, ...filters }) => {
    const terms = searchTerms(search);
    if (terms !== '') {
      const result = await searchPage(ctx.db, collection, terms, filters, paginationOpts);
      return { ...result, page: result.page.map(toRecordView) };
    }
    const result = await recordQuery(ctx.db, collection, filters).paginate(pageBudget(paginationOpts));
    return { page: result.page.map(toRecordView), isDone: result.isDone, continueCursor: result.continueCursor, searchCapped: false };
  },
});

/** One record by id; null when the id is malformed, of another table, or deleted. */
export const get = staffQuery({
  args: { collection: collectionValidator, id: v.string() },
  handler: async (ctx, { collection, id }): Promise<RecordView | null> => {
    const docId = ctx.db.normalizeId(collection, id);
    if (docId === null) return null;
    const doc = await ctx.db.get(docId);
    return doc === null ? null : toRecordView(doc);
  },
});

/** How many records match; `capped`: at least `count` (see lib/recordQueries COUNT_CAP). */
export const count = staffQuery({
  args: { collection: collectionValidator, ...filterArgs },
  handler: async (ctx, { collection, ...filters }) => await boundedCount(recordQuery(ctx.db, collection, filters)),
});
