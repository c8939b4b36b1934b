// The staff inbox: notifications to one staff member, newest first, each with the state of its
// e-mail/SMS deliveries. Status only moves forward: beklemede → gonderildi → okundu.
import { paginationOptsValidator } from 'convex/server';
import { ConvexError, v } from 'convex/values';
import type { Doc, Id } from './_generated/dataModel';
import { internalMutation, type QueryCtx } from './_generated/server';
import { staffMutation, viewerMutation, viewerQuery } from './lib/functions';
import { pageBudget } from './lib/readBudget';
import { createNotification, notificationArgs } from './lib/outboxEnqueue';
import { DELIVERY_CHANNELS } from '../shared/domain/vocabularies';
import { movesForward } from './lib/outboxPolicy';
import { notificationKindValidator, staffNotificationKindValidator } from './lib/tableValidators';
import { writeAudit } from './lib/audit';

/** How many unread notifications markAllRead settles per call; the caller repeats while `more`. */
const MARK_ALL_BATCH = 500;
/** unreadCount stops counting here; the badge shows "500+". */
const UNREAD_COUNT_CAP = 500;
const MAX_NOTIFICATION_PAGE = 200;

/** Notifications one person may create in SENDER_WINDOW_MS (they go out by e-mail/SMS in the association's name). */
export const SENDER_LIMIT = 150;
export const SENDER_WINDOW_MS = 10 * 60_000;

/**
 * Staff-facing: assign a task to a colleague (or oneself), remind of a meeting (at `scheduledFor`),
 * tell of a report. Only those kinds ('sistem' and 'ice_aktarma' are the app's own), audited, and
 * at most SENDER_LIMIT per sender in SENDER_WINDOW_MS.
 */
export const create = staffMutation({
  args: { ...notificationArgs, kind: staffNotificationKindValidator },
  handler: async (ctx, args) => {
    const recipient = await ctx.db.get(args.recipientId);
    if (recipient === null || !recipient.active) throw new ConvexError('recipientId: no such active colleague');
    const now = Date.now();
    const recent = await ctx.db
      .query('workflowNotifications')
      .withIndex('by_sender', (q) => q.eq('senderId', ctx.user._id).gt('createdAt', now - SENDER_WINDOW_MS))
      .take(SENDER_LIMIT);
    if (recent.length >= SENDER_LIMIT) {
      throw new ConvexError({ code: 'rate_limited', message: `At most ${SENDER_LIMIT} notifications in ${SENDER_WINDOW_MS / 60_000} minutes` });
    }
    const id = await createNotification(ctx, { ...args, sender: ctx.user });
    await writeAudit(ctx, {
      action: 'notification_create',
      actor: ctx.user,
      collection: 'workflowNotifications',
      summary: { notificationId: id, recipientId: recipient._id, recipientName: recipient.name, kind: args.kind, title: args.title.trim().slice(0, 200) },
    });
    return id;
  },
});

/** What the caller assigned to others, newest first, with each one's state: the assigner follows up. */
export const sent = viewerQuery({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, { paginationOpts }) => {
    const result = await ctx.db
      .query('workflowNotifications')
      .withIndex('by_sender', (q) => q.eq('senderId', ctx.user._id))
      .order('desc')
      .paginate(pageBudget(paginationOpts, MAX_NOTIFICATION_PAGE));
    const page = await Promise.all(
      result.page.map(async (n) => ({ ...(await withDeliveries(ctx, n)), recipientName: (await ctx.db.get(n.recipientId))?.name ?? null })),
    );
    return { ...result, page };
  },
});

/** For the app's own functions and scheduled work (e.g. "your import finished"). */
export const createInternal = internalMutation({
  args: notificationArgs,
  handler: async (ctx, args) => await createNotification(ctx, args),
});

/** A scheduled in-app-only notification counts as sent when its time comes. */
export const releaseInApp = internalMutation({
  args: { id: v.id('workflowNotifications') },
  handler: async (ctx, { id }) => {
    const n = await ctx.db.get(id);
    if (n && movesForward(n.status, 'gonderildi')) await ctx.db.patch(id, { status: 'gonderildi', sentAt: Date.now() });
  },
});

async function withDeliveries(ctx: QueryCtx, n: Doc<'workflowNotifications'>) {
  const deliveries = await ctx.db
    .query('deliveries')
    .withIndex('by_notification', (q) => q.eq('notificationId', n._id))
    .take(DELIVERY_CHANNELS.length);
  return {
    ...n,
    deliveries: deliveries.map((d) => ({ channel: d.channel, state: d.state, attempts: d.attempts, lastError: d.lastError })),
  };
}

/** The caller's own inbox. */
export const list = viewerQuery({
  args: {
    unreadOnly: v.optional(v.boolean()),
    kind: v.optional(notificationKindValidator),
    paginationOpts: paginationOptsValidator,
  },
  handler: async (ctx, { unreadOnly, kind, paginationOpts }) => {
    const recipientId = ctx.user._id;
    const base = kind
      ? ctx.db.query('workflowNotifications').withIndex('by_recipient_kind', (q) => q.eq('recipientId', recipientId).eq('kind', kind))
      : ctx.db.query('workflowNotifications').withIndex('by_recipient', (q) => q.eq('recipientId', recipientId));
    const ordered = base.order('desc');
    const filtered = unreadOnly ? ordered.filter((q) => q.neq(q.field('status'), 'okundu')) : ordered;
    // Unread-only filters read ones: the row budget makes a long run of them a short page, and
    // each notification shown costs a deliveries lookup, so pages stay small.
    const result = await filtered.paginate(pageBudget(paginationOpts, MAX_NOTIFICATION_PAGE));
    return { ...result, page: await Promise.all(result.page.map((n) => withDeliveries(ctx, n))) };
  },
});

async function unread(ctx: QueryCtx, recipientId: Id<'users'>, limit: number) {
  const out: Doc<'workflowNotifications'>[] = [];
  for (const status of ['beklemede', 'gonderildi'] as const) {
    if (out.length >= limit) break;
    const docs = await ctx.db
      .query('workflowNotifications')
      .withIndex('by_recipient_status', (q) => q.eq('recipientId', recipientId).eq('status', status))
      .take(limit - out.length);
    out.push(...docs);
  }
  return out;
}

export const unreadCount = viewerQuery({
  args: {},
  handler: async (ctx) => {
    const docs = await unread(ctx, ctx.user._id, UNREAD_COUNT_CAP + 1);
    return { count: Math.min(docs.length, UNREAD_COUNT_CAP), capped: docs.length > UNREAD_COUNT_CAP };
  },
});

export const markRead = viewerMutation({
  args: { id: v.id('workflowNotifications') },
  handler: async (ctx, { id }) => {
    const n = await ctx.db.get(id);
    // Someone else's notification is as good as absent: one reads only one's own inbox.
    if (n === null || n.recipientId !== ctx.user._id) throw new ConvexError('id: no such notification');
    if (!movesForward(n.status, 'okundu')) return { changed: false };
    const now = Date.now();
    await ctx.db.patch(id, { status: 'okundu', readAt: now, sentAt: n.sentAt ?? now });
    return { changed: true };
  },
});

export const markAllRead = viewerMutation({
  args: {},
  handler: async (ctx) => {
    const docs = await unread(ctx, ctx.user._id, MARK_ALL_BATCH + 1);
    const now = Date.now();
    for (const n of docs.slice(0, MARK_ALL_BATCH)) {
      await ctx.db.patch(n._id, { status: 'okundu', readAt: now, sentAt: n.sentAt ?? now });
    }
    return { updated: Math.min(docs.length, MARK_ALL_BATCH), more: docs.length > MARK_ALL_BATCH };
  },
});
