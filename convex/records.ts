// Reading records for the Records page.
import { paginationOptsValidator } from 'convex/server';
import { v } from 'convex/values';
import { writeAudit } from './lib/audit';
import { internalQuery } from './_generated/server';
import { viewerMutation } from './lib/functions';
import { pageBudget } from './lib/readBudget';
import { collectionValidator } from './lib/recordValidators';
import {
  boundedCount,
  recordQuery,
  searchPage,
  searchTerms,
  viewAs,
  type RecordView,
} from './lib/recordQueries';
import { matchesFields, SEARCH_FIELDS } from './lib/searchText';
import { searchableBy } from '../shared/domain/access';

const filterArgs = {
  status: v.optional(v.string()),
  from: v.optional(v.string()),
  to: v.optional(v.string()),
};

/** The largest page records.list returns, whatever the caller asks (issue #22: no bulk reading). */
export const MAX_LIST_PAGE = 200;
/** Search text kept in an audit entry, at most (the search itself is capped by the contract). */
const MAX_AUDITED_SEARCH = 200;

/**
 * One page of records, newest first (by relevance when searching), each as the caller's role may
 * see it (shared/domain/access). `searchCapped`: the search matched more than can be shown; the
 * page asks to narrow it. A mutation, not a query, because every page and search is audited
 * (KVKK Art. 12): who, the filters or search text, how many rows and which records.
 */
export const list = viewerMutation({
  args: {
    collection: collectionValidator,
    paginationOpts: paginationOptsValidator,
    search: v.optional(v.string()),
    ...filterArgs,
  },
  handler: async (ctx, { collection, paginationOpts, search, ...filters }) => {
    const role = ctx.user.role;
    const terms = searchTerms(search);
    let result: { page: Record<string, unknown>[]; isDone: boolean; continueCursor: string; searchCapped: boolean };
    if (terms !== '') {
      // Only fields the caller sees whole may find a record: an observer cannot confirm a TC number.
      const fields = searchableBy(role, collection, SEARCH_FIELDS[collection]);
      const keep = fields.length === SEARCH_FIELDS[collection].length ? undefined : (doc: Record<string, unknown>) => matchesFields(doc, fields, terms);
      result = await searchPage(ctx.db, collection, terms, filters, pageBudget(paginationOpts, MAX_LIST_PAGE), keep);
    } else {
      const page = await recordQuery(ctx.db, collection, filters).paginate(pageBudget(paginationOpts, MAX_LIST_PAGE));
      result = { page: page.page, isDone: page.isDone, continueCursor: page.continueCursor, searchCapped: false };
    }
    await writeAudit(ctx, {
      action: terms !== '' ? 'record_search' : 'record_list',
      actor: ctx.user,
      collection,
      summary: {
        ...(terms !== '' ? { search: (search ?? '').trim().slice(0, MAX_AUDITED_SEARCH) } : {}),
        filters: Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)),
        page: paginationOpts.cursor === null ? 1 : 'next',
        rows: result.page.length,
        ids: result.page.map((doc) => String(doc._id)),
      },
    });
    return { ...result, page: result.page.map((doc) => viewAs(role, collection, doc)) };
  },
});

/**
 * Opens one record as the caller's role may see it; null when the id is malformed, of another
 * table, or deleted. A mutation, not a query, because opening a record is audited (KVKK Art. 12:
 * who saw whose data): once per person, record and day (Turkey's calendar day), however often
 * the page is reopened.
 */
export const open = viewerMutation({
  args: { collection: collectionValidator, id: v.string() },
  handler: async (ctx, { collection, id }): Promise<RecordView | null> => {
    const docId = ctx.db.normalizeId(collection, id);
    if (docId === null) return null;
    const doc = await ctx.db.get(docId);
    if (doc === null) return null;
    const day = new Date(Date.now() + TURKEY_UTC_OFFSET_MS).toISOString().slice(0, 10);
    const seen = await ctx.db
      .query('recordViews')
      .withIndex('by_user_record_day', (q) => q.eq('userId', ctx.user._id).eq('recordId', doc._id).eq('day', day))
      .first();
    if (seen === null) {
      await ctx.db.insert('recordViews', { userId: ctx.user._id, recordId: doc._id, day });
      await writeAudit(ctx, { action: 'record_view', actor: ctx.user, collection, summary: { recordId: doc._id, day } });
    }
    return viewAs(ctx.user.role, collection, doc);
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
