// Which kinds of notification reach a staff member by e-mail or SMS besides the in-app inbox.
import { v } from 'convex/values';
import { viewerMutation, viewerQuery } from './lib/functions';
import { writeAudit } from './lib/audit';
import { preferencesOf } from './lib/outboxEnqueue';
import { NOTIFICATION_KINDS } from '../shared/domain/vocabularies';

const channelPrefs = v.object({ email: v.boolean(), sms: v.boolean() });

/** The caller's own preferences. */
export const get = viewerQuery({
  args: {},
  handler: async (ctx) => await preferencesOf(ctx, ctx.user._id),
});

/** Sets the given kinds; kinds not named keep their current setting. */
export const set = viewerMutation({
  args: {
    prefs: v.object({
      toplanti: v.optional(channelPrefs),
      gorev: v.optional(channelPrefs),
      rapor: v.optional(channelPrefs),
      sistem: v.optional(channelPrefs),
      ice_aktarma: v.optional(channelPrefs),
    }),
  },
  handler: async (ctx, { prefs }) => {
    const recipientId = ctx.user._id;
    const current = await preferencesOf(ctx, recipientId);
    const next = { ...current };
    for (const kind of NOTIFICATION_KINDS) {
      const p = prefs[kind];
      if (p) next[kind] = { email: p.email, sms: p.sms };
    }
    const existing = await ctx.db
      .query('notificationPreferences')
      .withIndex('by_recipient', (q) => q.eq('recipientId', recipientId))
      .unique();
    const updatedAt = Date.now();
    if (existing) await ctx.db.patch(existing._id, { byKind: next, updatedAt });
    else await ctx.db.insert('notificationPreferences', { recipientId, byKind: next, updatedAt });
    const changed = NOTIFICATION_KINDS.filter((k) => JSON.stringify(current[k]) !== JSON.stringify(next[k]));
    if (changed.length > 0) {
      await writeAudit(ctx, {
        action: 'settings_change',
        actor: ctx.user,
        collection: 'notificationPreferences',
        summary: { recipientId, changed: Object.fromEntries(changed.map((k) => [k, next[k]])) },
      });
    }
    return next;
  },
});
