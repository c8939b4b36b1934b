// Creating a notification and its outbox deliveries, shared by the staff-facing mutation, the
// internal one and any other mutation that notifies someone (e.g. an import finishing).
import { ConvexError, v, type ObjectType } from 'convex/values';
import { isValidEmail, normalizeEmail, normalizeTurkishMobile } from '../../shared/domain';
import { DELIVERY_CHANNELS } from '../../shared/domain/vocabularies';
import type { Doc, Id } from '../_generated/dataModel';
import { internal } from '../_generated/api';
import type { DatabaseReader, MutationCtx } from '../_generated/server';
import { collectionValidator } from './recordValidators';
import { notificationKindValidator } from './tableValidators';
import { mergePrefs, TEMPLATE_FOR_KIND } from './outboxPolicy';

export const notificationArgs = {
  recipientId: v.id('users'),
  kind: notificationKindValidator,
  title: v.string(),
  body: v.string(),
  link: v.optional(v.object({ collection: collectionValidator, id: v.string() })),
  scheduledFor: v.optional(v.number()),
};
/**
 * `sender`: the colleague who assigned it; absent for the app's own notifications.
 * `alwaysEmail`: a security notice (an administrator's account changed) or a statutory deadline
 * (a KVKK request's reminder): e-mailed whatever the recipient's preferences say.
 */
export type NotificationArgs = ObjectType<typeof notificationArgs> & { sender?: Doc<'users'>; alwaysEmail?: boolean };


const MAX_TITLE = 200;
const MAX_BODY = 5_000;

/** Where a user can be reached by each channel, or undefined when the stored value is unusable. */
export function userDestinations(user: Doc<'users'>): { email?: string; sms?: string } {
  const email = user.email ? normalizeEmail(user.email) : undefined;
  return {
    email: email && isValidEmail(email) ? email : undefined,
    sms: (user.phone && normalizeTurkishMobile(user.phone)) || undefined,
  };
}

export async function preferencesOf(ctx: { db: DatabaseReader }, recipientId: Id<'users'>) {
  const saved = await ctx.db
    .query('notificationPreferences')
    .withIndex('by_recipient', (q) => q.eq('recipientId', recipientId))
    .unique();
  return mergePrefs(saved?.byKind);
}

/**
 * Inserts the notification and one queued delivery per channel the recipient wants and can be
 * reached on. Without deliveries the in-app copy is all there is, so it counts as sent at once
 * (or at `scheduledFor`, by a scheduled function).
 */
export async function createNotification(ctx: MutationCtx, args: NotificationArgs): Promise<Id<'workflowNotifications'>> {
  const title = args.title.trim();
  const body = args.body.trim();
  if (title === '' || title.length > MAX_TITLE) throw new ConvexError(`title: must be 1–${MAX_TITLE} characters`);
  if (body.length > MAX_BODY) throw new ConvexError(`body: at most ${MAX_BODY} characters`);
  if (args.scheduledFor !== undefined && !Number.isFinite(args.scheduledFor)) throw new ConvexError('scheduledFor: not a time');
  const recipient = await ctx.db.get(args.recipientId);
  if (recipient === null) throw new ConvexError('recipientId: no such user');

  const now = Date.now();
  const due = Math.max(now, args.scheduledFor ?? now);
  const prefs = (await preferencesOf(ctx, recipient._id))[args.kind];
  const reach = userDestinations(recipient);
  const outbound = DELIVERY_CHANNELS.filter((ch) => (prefs[ch] || (ch === 'email' && args.alwaysEmail === true)) && reach[ch] !== undefined);
  const immediate = outbound.length === 0 && due <= now;

  const id = await ctx.db.insert('workflowNotifications', {
    recipientId: recipient._id,
    senderId: args.sender?._id,
    kind: args.kind,
    title,
    body,
    link: args.link,
    channels: ['in_app', ...outbound],
    status: immediate ? 'gonderildi' : 'beklemede',
    createdAt: now,
    sentAt: immediate ? now : undefined,
    scheduledFor: args.scheduledFor,
  });
  for (const channel of outbound) {
    await ctx.db.insert('deliveries', {
      notificationId: id,
      channel,
      destination: reach[channel]!,
      template: TEMPLATE_FOR_KIND[args.kind],
      payload: {
        name: recipient.name,
        ...(args.sender && args.sender._id !== recipient._id ? { from: args.sender.name } : {}),
        title,
        body,
        kind: args.kind,
        ...(args.link ? { link: args.link } : {}),
        ...(args.scheduledFor !== undefined ? { scheduledFor: args.scheduledFor } : {}),
      },
      state: 'queued',
      attempts: 0,
      nextAttemptAt: due,
      createdAt: now,
      updatedAt: now,
    });
  }
  if (outbound.length === 0 && !immediate) {
    await ctx.scheduler.runAt(due, internal.notifications.releaseInApp, { id });
  }
  return id;
}
