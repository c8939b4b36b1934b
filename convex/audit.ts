// The audit log: read newest first; written only through `record` (or lib/audit directly).
// No public function edits or deletes an entry.
import { paginationOptsValidator } from 'convex/server';
import { v } from 'convex/values';
import { internalMutation } from './_generated/server';
import { writeAudit } from './lib/audit';
import { staffQuery } from './lib/functions';
import { pageBudget } from './lib/readBudget';

export const list = staffQuery({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, { paginationOpts }) => {
    return await ctx.db.query('auditLogs').withIndex('by_at').order('desc').paginate(pageBudget(paginationOpts));
  },
});

/** For actions and other modules that cannot call lib/audit directly. */
export const record = internalMutation({
  args: {
    action: v.string(),
    actorId: v.optional(v.id('users')),
    collection: v.optional(v.string()),
    summary: v.any(),
  },
  handler: async (ctx, { action, actorId, collection, summary }) => {
    const actor = actorId ? await ctx.db.get(actorId) : null;
    return await writeAudit(ctx, { action, actor, collection, summary });
  },
});
