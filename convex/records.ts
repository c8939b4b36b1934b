// Reading records for the Records page.
import { paginationOptsValidator } from 'convex/server';
import { v } from 'convex/values';
import { writeAudit } from './lib/audit';
import { internalQuery } from './_generated/server';
import { viewerMutation, viewerQuery } from './lib/functions';
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
export const list = viewerQuery({
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

/**
 * Opens one record; null when the id is malformed, of another table, or deleted. A mutation, not
 * a query, because opening a beneficiary is audited (KVKK Art. 12: who saw whose data): once per
 * person, record and day (Turkey's calendar day), however often the page is reopened.
 */
export const open = viewerMutation({
  args: { collection: collectionValidator, id: v.string() },
  handler: async (ctx, { collection, id }): Promise<RecordView | null> => {
    const docId = ctx.db.normalizeId(collection, id);
    if (docId === null) return null;
    const doc = await ctx.db.get(docId);
    if (doc === null) return null;
    if (collection === 'beneficiaries') {
      const day = new Date(Date.now() + TURKEY_UTC_OFFSET_MS).toISOString().slice(0, 10);
      const seen = await ctx.db
        .query('recordViews')
        .withIndex('by_user_record_day', (q) => q.eq('userId', ctx.user._id).eq('recordId', doc._id).eq('day', day))
        .first();
      if (seen === null) {
        await ctx.db.insert('recordViews', { userId: ctx.user._id, recordId: doc._id, day });
        await writeAudit(ctx, { action: 'record_view', actor: ctx.user, collection, summary: { recordId: doc._id, day } });
      }
    }
    return toRecordView(doc);
  },
});

/** Turkey keeps UTC+3 all year (no daylight saving since 2016). */
const TURKEY_UTC_OFFSET_MS = 3 * 3_600_000;

/**
 * How many records match; `capped`: at least `count` (see lib/recordQueries COUNT_CAP). Internal:
 * no screen shows it (the Export page counts with exports.count); the tests pin the list's filters with it.
 */
export const count = internalQuery({
  args: { collection: collectionValidator, ...filterArgs },
  handler: async (ctx, { collection, ...filters }) => await boundedCount(recordQuery(ctx.db, collection, filters)),
});
