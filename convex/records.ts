// Reading records for the Records page and the Export page.
import { paginationOptsValidator } from 'convex/server';
import { v } from 'convex/values';
import { staffQuery } from './lib/functions';
import { collectionValidator } from './lib/recordValidators';
import { recordQuery, toRecordView, type RecordView } from './lib/recordQueries';

/**
 * Counting reads every matching document, so it stops here: well under Convex's 32,000 documents
 * read per transaction. The export itself pages and is not limited by this.
 */
export const COUNT_CAP = 20_000;

const filterArgs = {
  status: v.optional(v.string()),
  from: v.optional(v.string()),
  to: v.optional(v.string()),
};

/** One page of records, newest first (by relevance when searching). */
export const list = staffQuery({
  args: {
    collection: collectionValidator,
    paginationOpts: paginationOptsValidator,
    search: v.optional(v.string()),
    ...filterArgs,
  },
  handler: async (ctx, { collection, paginationOpts, ...filters }) => {
    const result = await recordQuery(ctx.db, collection, filters).paginate(paginationOpts);
    return { ...result, page: result.page.map(toRecordView) };
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

/** How many records match; `capped` is true when there are at least COUNT_CAP. */
export const count = staffQuery({
  args: { collection: collectionValidator, ...filterArgs },
  handler: async (ctx, { collection, ...filters }) => {
    let count = 0;
    for await (const _doc of recordQuery(ctx.db, collection, filters)) {
      count += 1;
      if (count >= COUNT_CAP) return { count, capped: true };
    }
    return { count, capped: false };
  },
});
