// The audit log: read newest first; written only through `record` (or lib/audit directly).
// No public function edits or deletes an entry.
import { paginationOptsValidator } from 'convex/server';
import { v } from 'convex/values';
import { internalMutation } from './_generated/server';
import { AUDIT_ACTIONS } from '../shared/domain/audit';
import { writeAudit } from './lib/audit';
import { literals } from './lib/literals';
import { adminMutation, staffQuery } from './lib/functions';
import { pageBudget } from './lib/readBudget';

/**
 * Administrators read the whole log; office staff only the entries they are the actor of
 * (KVKK: colleagues' sign-ins and record views are not theirs to profile). Decided here, on
 * the server, whatever the client asks.
 */
export const list = staffQuery({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, { paginationOpts }) => {
    const entries =
      ctx.user.role === 'yonetici'
        ? ctx.db.query('auditLogs').withIndex('by_at')
        : ctx.db.query('auditLogs').withIndex('by_actor_at', (q) => q.eq('actorId', ctx.user._id));
    return await entries.order('desc').paginate(pageBudget(paginationOpts));
  },
});

/** For actions and other modules that cannot call lib/audit directly. */
export const record = internalMutation({
  args: {
    action: literals(AUDIT_ACTIONS),
    actorId: v.optional(v.id('users')),
    collection: v.optional(v.string()),
    summary: v.any(),
  },
  handler: async (ctx, { action, actorId, collection, summary }) => {
    const actor = actorId ? await ctx.db.get(actorId) : null;
    return await writeAudit(ctx, { action, actor, collection, summary });
  },
});

/**
 * The audit entry of a change to a PC's own settings (where it connects, how long it keeps
 * personal data, when it locks). Administrators only: the core saves the change only after this entry is accepted.
 */
export const noteLocalSettingsChange = adminMutation({
  args: { pc: v.string(), backendUrl: v.optional(v.string()), retentionDays: v.optional(v.number()), idleLockMinutes: v.optional(v.number()) },
  handler: async (ctx, { pc, backendUrl, retentionDays, idleLockMinutes }) => {
    const summary = {
      pc: pc.slice(0, 100),
      ...(backendUrl !== undefined ? { backendUrl: backendUrl.slice(0, 300) } : {}),
      ...(retentionDays !== undefined ? { retentionDays } : {}),
      ...(idleLockMinutes !== undefined ? { idleLockMinutes } : {}),
    };
    await writeAudit(ctx, { action: 'settings_change', actor: ctx.user, collection: 'local', summary });
  },
});
