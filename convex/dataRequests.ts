// The data-subject requests desk (KVKK Art. 11, 13; issue #25): intake, assignment to a
// colleague, a reply log, closing — each step in the request's own log and in the audit — and a
// 30-day deadline with reminders to the assignee on day 20 and day 27 (inbox and e-mail).
// Office staff and administrators only: a request names a person and what they asked.
import { paginationOptsValidator } from 'convex/server';
import { ConvexError, v } from 'convex/values';
import { isValidTcKimlik } from '../shared/domain';
import { DSR_DUE_SOON_DAYS, DSR_FILTERS, DSR_REMINDER_DAYS, dsrDueAt, dsrRemindersDue } from '../shared/domain/kvkk';
import { internal } from './_generated/api';
import type { Doc, Id } from './_generated/dataModel';
import { internalMutation, type MutationCtx } from './_generated/server';
import { writeAudit } from './lib/audit';
import { staffMutation, staffQuery } from './lib/functions';
import { literals } from './lib/literals';
import { createNotification } from './lib/outboxEnqueue';
import { pageBudget } from './lib/readBudget';
import { dsrIntakeFields } from './lib/tableValidators';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_NAME = 200;
const MAX_NOTE = 2_000;
const MAX_LIST_PAGE = 100;
/** A request's log shown on its page, at most (a request has a handful of steps). */
const MAX_EVENTS = 200;
/** Open requests the reminder run reads per call; it continues with the same cutoff while more remain. */
export const REMINDER_BATCH = 200;
/** A request cannot be dated in the future, nor more than a year back (a typo, not a request). */
const MAX_BACKDATE_MS = 365 * DAY_MS;
const CLOCK_SKEW_MS = 10 * 60_000;

function text(field: string, value: string, max: number, required = true): string {
  const trimmed = value.trim();
  if ((required && trimmed === '') || trimmed.length > max) {
    throw new ConvexError({ code: 'invalid', field, message: `${field}: ${required ? 1 : 0}–${max} characters` });
  }
  return trimmed;
}

async function activeColleague(ctx: MutationCtx, id: Id<'users'>): Promise<Doc<'users'>> {
  const user = await ctx.db.get(id);
  if (user === null || !user.active || user.role === 'gozlemci') {
    throw new ConvexError({ code: 'invalid', field: 'assigneeId', message: 'assigneeId: no such active office colleague' });
  }
  return user;
}

async function openRequest(ctx: MutationCtx, id: Id<'dataRequests'>): Promise<Doc<'dataRequests'>> {
  const request = await ctx.db.get(id);
  if (request === null) throw new ConvexError({ code: 'not_found', message: 'No such request' });
  if (request.status !== 'open') throw new ConvexError({ code: 'closed', message: 'The request is closed' });
  return request;
}

async function logEvent(
  ctx: MutationCtx,
  request: Doc<'dataRequests'>,
  event: { kind: Doc<'dataRequestEvents'>['kind']; actor?: Doc<'users'>; note?: string; day?: number; assigneeId?: Id<'users'> },
) {
  const at = Date.now();
  await ctx.db.insert('dataRequestEvents', {
    requestId: request._id,
    kind: event.kind,
    at,
    ...(event.actor ? { actorId: event.actor._id, actorName: event.actor.name } : {}),
    ...(event.note !== undefined ? { note: event.note } : {}),
    ...(event.day !== undefined ? { day: event.day } : {}),
    ...(event.assigneeId !== undefined ? { assigneeId: event.assigneeId } : {}),
  });
  // The audit names the request and the step, never the person or the note's text.
  await writeAudit(ctx, {
    action: `dsr_${event.kind}`,
    actor: event.actor ?? null,
    collection: 'dataRequests',
    summary: {
      requestId: request._id,
      type: request.type,
      ...(event.day !== undefined ? { day: event.day } : {}),
      ...(event.assigneeId !== undefined ? { assigneeId: event.assigneeId } : {}),
    },
  });
}

async function notifyAssignee(ctx: MutationCtx, request: Doc<'dataRequests'>, assignee: Doc<'users'>, sender?: Doc<'users'>) {
  await createNotification(ctx, {
    recipientId: assignee._id,
    kind: 'gorev',
    title: 'KVKK başvurusu size atandı',
    body: `Başvuru: ${request.type}. Son yanıt tarihi: ${new Date(request.dueAt).toISOString().slice(0, 10)}`,
    ...(sender ? { sender } : {}),
  });
}

/** Intake: who, what, when and how it arrived, how their identity was checked, and who answers it. */
export const create = staffMutation({
  args: dsrIntakeFields,
  handler: async (ctx, args) => {
    const now = Date.now();
    const subjectName = text('subjectName', args.subjectName, MAX_NAME);
    const identityCheck = text('identityCheck', args.identityCheck, MAX_NOTE);
    const nationalId = args.subjectNationalId?.trim() || undefined;
    if (nationalId !== undefined && !isValidTcKimlik(nationalId)) {
      throw new ConvexError({ code: 'invalid', field: 'subjectNationalId', message: 'subjectNationalId: not a valid TC Kimlik No' });
    }
    const contact = args.subjectContact === undefined ? undefined : text('subjectContact', args.subjectContact, MAX_NAME, false) || undefined;
    if (!Number.isFinite(args.receivedAt) || args.receivedAt > now + CLOCK_SKEW_MS || args.receivedAt < now - MAX_BACKDATE_MS) {
      throw new ConvexError({ code: 'invalid', field: 'receivedAt', message: 'receivedAt: within the last year, not in the future' });
    }
    const assignee = await activeColleague(ctx, args.assigneeId);
    const id = await ctx.db.insert('dataRequests', {
      subjectName,
      ...(nationalId !== undefined ? { subjectNationalId: nationalId } : {}),
      ...(contact !== undefined ? { subjectContact: contact } : {}),
      type: args.type,
      channel: args.channel,
      receivedAt: args.receivedAt,
      dueAt: dsrDueAt(args.receivedAt),
      identityCheck,
      assigneeId: assignee._id,
      status: 'open',
      createdById: ctx.user._id,
      createdAt: now,
    });
    const request = (await ctx.db.get(id))!;
    await logEvent(ctx, request, { kind: 'intake', actor: ctx.user, assigneeId: assignee._id });
    if (assignee._id !== ctx.user._id) await notifyAssignee(ctx, request, assignee, ctx.user);
    return id;
  },
});

export const assign = staffMutation({
  args: { id: v.id('dataRequests'), assigneeId: v.id('users') },
  handler: async (ctx, { id, assigneeId }) => {
    const request = await openRequest(ctx, id);
    const assignee = await activeColleague(ctx, assigneeId);
    if (assignee._id === request.assigneeId) return;
    await ctx.db.patch(id, { assigneeId: assignee._id });
    await logEvent(ctx, request, { kind: 'assign', actor: ctx.user, assigneeId: assignee._id });
    if (assignee._id !== ctx.user._id) await notifyAssignee(ctx, request, assignee, ctx.user);
  },
});

/** The reply log: what was answered or done, and when (a letter sent, a phone call, a correction made). */
export const addReply = staffMutation({
  args: { id: v.id('dataRequests'), note: v.string() },
  handler: async (ctx, { id, note }) => {
    const request = await openRequest(ctx, id);
    await logEvent(ctx, request, { kind: 'reply', actor: ctx.user, note: text('note', note, MAX_NOTE) });
  },
});

export const close = staffMutation({
  args: { id: v.id('dataRequests'), outcome: v.string() },
  handler: async (ctx, { id, outcome }) => {
    const request = await openRequest(ctx, id);
    const note = text('outcome', outcome, MAX_NOTE);
    const now = Date.now();
    await ctx.db.patch(id, { status: 'closed', closedAt: now, outcome: note });
    await logEvent(ctx, request, { kind: 'close', actor: ctx.user, note });
  },
});

/**
 * The desk's list, by deadline (soonest first; closed ones newest deadline first). `now` is the
 * server's: which requests are overdue is not the client's to say.
 */
export const list = staffQuery({
  args: { filter: literals(DSR_FILTERS), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { filter, paginationOpts }) => {
    const now = Date.now();
    const byDue = ctx.db.query('dataRequests');
    const query =
      filter === 'closed'
        ? byDue.withIndex('by_status_dueAt', (q) => q.eq('status', 'closed')).order('desc')
        : filter === 'overdue'
          ? byDue.withIndex('by_status_dueAt', (q) => q.eq('status', 'open').lt('dueAt', now))
          : filter === 'due_this_week'
            ? byDue.withIndex('by_status_dueAt', (q) => q.eq('status', 'open').gte('dueAt', now).lt('dueAt', now + DSR_DUE_SOON_DAYS * DAY_MS))
            : byDue.withIndex('by_status_dueAt', (q) => q.eq('status', 'open'));
    const result = await query.paginate(pageBudget(paginationOpts, MAX_LIST_PAGE));
    const page = await Promise.all(
      result.page.map(async (r) => ({ ...r, assigneeName: (await ctx.db.get(r.assigneeId))?.name ?? null })),
    );
    return { ...result, page, now };
  },
});

/** One request with its log, oldest step first. */
export const get = staffQuery({
  args: { id: v.id('dataRequests') },
  handler: async (ctx, { id }) => {
    const request = await ctx.db.get(id);
    if (request === null) return null;
    const events = await ctx.db
      .query('dataRequestEvents')
      .withIndex('by_request_at', (q) => q.eq('requestId', id))
      .take(MAX_EVENTS);
    return { ...request, assigneeName: (await ctx.db.get(request.assigneeId))?.name ?? null, events, now: Date.now() };
  },
});

/**
 * Daily (crons.ts): reminds each open request's assignee on day 20 and day 27 after receipt, once
 * each (the request's log holds the reminders sent). Reads open requests whose deadline is within
 * 10 days (or past), REMINDER_BATCH at a time; `now` is fixed by the first call and passed on with
 * the cursor, so every continuation reads the same range.
 */
export const sendReminders = internalMutation({
  args: { now: v.optional(v.number()), cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, args) => {
    const now = args.now ?? Date.now();
    // Received at least the first reminder day ago: the deadline is at most this.
    const horizon = dsrDueAt(now - DSR_REMINDER_DAYS[0] * DAY_MS);
    const page = await ctx.db
      .query('dataRequests')
      .withIndex('by_status_dueAt', (q) => q.eq('status', 'open').lte('dueAt', horizon))
      .paginate({ numItems: REMINDER_BATCH, cursor: args.cursor ?? null });
    let sent = 0;
    for (const request of page.page) {
      const done = await ctx.db
        .query('dataRequestEvents')
        .withIndex('by_request_kind', (q) => q.eq('requestId', request._id).eq('kind', 'reminder'))
        .take(MAX_EVENTS);
      const sentDays = new Set(done.map((e) => e.day));
      const due = dsrRemindersDue(request.receivedAt, now).filter((day) => !sentDays.has(day));
      if (due.length === 0) continue;
      // One notification for the latest day that has come (a missed day 20 is not sent beside day 27).
      const day = due[due.length - 1]!;
      const assignee = await ctx.db.get(request.assigneeId);
      if (assignee !== null && assignee.active) {
        const daysLeft = Math.ceil((request.dueAt - now) / DAY_MS);
        await createNotification(ctx, {
          recipientId: assignee._id,
          kind: 'sistem',
          title: `KVKK başvurusu: ${daysLeft} gün kaldı`,
          body: `Başvuru ${day}. gününde (${request.type}). Son yanıt tarihi: ${new Date(request.dueAt).toISOString().slice(0, 10)}`,
          alwaysEmail: true,
        });
      }
      for (const d of due) await logEvent(ctx, request, { kind: 'reminder', day: d, ...(assignee ? { assigneeId: assignee._id } : {}) });
      sent += 1;
    }
    if (!page.isDone) await ctx.scheduler.runAfter(0, internal.dataRequests.sendReminders, { now, cursor: page.continueCursor });
    return { read: page.page.length, sent, isDone: page.isDone };
  },
});
