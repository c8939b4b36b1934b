// The KVKK requests desk on a fake clock: the 30-day deadline, the list filters, reminders to the
// assignee on day 20 and day 27 (once each, in the inbox and by e-mail), every step audited.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { api, internal } from './_generated/api';
import type { Id } from './_generated/dataModel';
import { REMINDER_BATCH } from './dataRequests';
import { asUser, newTest, type TestConvex } from './convexTest.test-util';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 2, 2, 7, 0, 0);
const page = { cursor: null, numItems: 50 };

afterEach(() => {
  vi.useRealTimers();
});

async function desk() {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  const t = newTest();
  const clerk = await asUser(t, 'personel', { name: 'Ayşe Öztürk' });
  const officer = await asUser(t, 'personel', { name: 'Mehmet Kara', email: 'mehmet@example.org' });
  return { t, clerk, officer };
}

function intake(assigneeId: Id<'users'>, receivedAt = T0) {
  return {
    subjectName: 'Zeynep Yılmaz',
    subjectNationalId: '17291716060',
    type: 'access' as const,
    channel: 'paper' as const,
    receivedAt,
    identityCheck: 'Nüfus cüzdanı görüldü',
    assigneeId,
  };
}

async function reminders(t: TestConvex, recipientId: Id<'users'>) {
  return await t.run(async (ctx) => {
    const inbox = await ctx.db.query('workflowNotifications').withIndex('by_recipient_kind', (q) => q.eq('recipientId', recipientId).eq('kind', 'sistem')).collect();
    const mails = await Promise.all(inbox.map((n) => ctx.db.query('deliveries').withIndex('by_notification', (q) => q.eq('notificationId', n._id)).collect()));
    return { titles: inbox.map((n) => n.title), mails: mails.flat().map((d) => [d.channel, d.destination]) };
  });
}

async function auditActions(t: TestConvex) {
  return await t.run(async (ctx) =>
    (await ctx.db.query('auditLogs').withIndex('by_at').collect()).filter((e) => e.collection === 'dataRequests').map((e) => e.action),
  );
}

describe('data-subject requests', () => {
  test('intake sets the deadline 30 days after receipt, notifies the assignee, and every step is logged and audited', async () => {
    const { t, clerk, officer } = await desk();
    const id = await clerk.as.mutation(api.dataRequests.create, intake(officer.userId, T0 - 2 * DAY));
    const request = await clerk.as.query(api.dataRequests.get, { id });
    expect(request).toMatchObject({ dueAt: T0 + 28 * DAY, status: 'open', assigneeName: 'Mehmet Kara', subjectNationalId: '17291716060' });
    const assigned = await t.run(async (ctx) => ctx.db.query('workflowNotifications').withIndex('by_recipient_kind', (q) => q.eq('recipientId', officer.userId).eq('kind', 'gorev')).collect());
    expect(assigned.map((n) => n.title)).toEqual(['KVKK başvurusu size atandı']);

    await officer.as.mutation(api.dataRequests.addReply, { id, note: 'Kayıt dökümü postayla gönderildi' });
    await officer.as.mutation(api.dataRequests.assign, { id, assigneeId: clerk.userId });
    await officer.as.mutation(api.dataRequests.close, { id, outcome: 'Yanıtlandı' });
    await expect(officer.as.mutation(api.dataRequests.addReply, { id, note: 'geç' })).rejects.toThrow(/closed/);

    const log = (await clerk.as.query(api.dataRequests.get, { id }))!.events;
    expect(log.map((e) => [e.kind, e.actorName])).toEqual([
      ['intake', 'Ayşe Öztürk'],
      ['reply', 'Mehmet Kara'],
      ['assign', 'Mehmet Kara'],
      ['close', 'Mehmet Kara'],
    ]);
    expect(await auditActions(t)).toEqual(['dsr_intake', 'dsr_reply', 'dsr_assign', 'dsr_close']);
    // The audit names the request, never the person or the reply's text.
    const summaries = await t.run(async (ctx) => JSON.stringify((await ctx.db.query('auditLogs').collect()).map((e) => e.summary)));
    expect(summaries).not.toMatch(/Zeynep|17291716060|postayla/);
  });

  test('intake refuses a bad TC Kimlik No, a future date, and an observer as assignee', async () => {
    const { clerk, t } = await desk();
    const observer = await asUser(t, 'gozlemci');
    await expect(clerk.as.mutation(api.dataRequests.create, { ...intake(clerk.userId), subjectNationalId: '17291716061' })).rejects.toThrow(/TC Kimlik/);
    await expect(clerk.as.mutation(api.dataRequests.create, intake(clerk.userId, T0 + 2 * DAY))).rejects.toThrow(/receivedAt/);
    await expect(clerk.as.mutation(api.dataRequests.create, intake(observer.userId))).rejects.toThrow(/assigneeId/);
  });

  test('the list filters by the server clock: open, due this week, overdue, closed', async () => {
    const { t, clerk, officer } = await desk();
    const fresh = await clerk.as.mutation(api.dataRequests.create, intake(officer.userId, T0));
    const dueSoon = await clerk.as.mutation(api.dataRequests.create, intake(officer.userId, T0 - 25 * DAY));
    const late = await clerk.as.mutation(api.dataRequests.create, intake(officer.userId, T0 - 31 * DAY));
    const done = await clerk.as.mutation(api.dataRequests.create, intake(officer.userId, T0 - 40 * DAY));
    await clerk.as.mutation(api.dataRequests.close, { id: done, outcome: 'Yanıtlandı' });

    const ids = async (filter: 'open' | 'due_this_week' | 'overdue' | 'closed') =>
      (await clerk.as.query(api.dataRequests.list, { filter, paginationOpts: page })).page.map((r) => r._id);
    expect(await ids('open')).toEqual([late, dueSoon, fresh]);
    expect(await ids('due_this_week')).toEqual([dueSoon]);
    expect(await ids('overdue')).toEqual([late]);
    expect(await ids('closed')).toEqual([done]);

    // Three weeks on, the fresh one is due this week and the one due soon is overdue.
    vi.setSystemTime(T0 + 24 * DAY);
    const later = await asUser(t, 'personel');
    const idsLater = async (filter: 'due_this_week' | 'overdue') =>
      (await later.as.query(api.dataRequests.list, { filter, paginationOpts: page })).page.map((r) => r._id);
    expect(await idsLater('due_this_week')).toEqual([fresh]);
    expect(await idsLater('overdue')).toEqual([late, dueSoon]);
  });

  test('reminders go to the assignee on day 20 and day 27, once each, in the inbox and by e-mail; none after closing', async () => {
    const { t, clerk, officer } = await desk();
    const id = await clerk.as.mutation(api.dataRequests.create, intake(officer.userId, T0));
    const other = await clerk.as.mutation(api.dataRequests.create, intake(clerk.userId, T0));

    vi.setSystemTime(T0 + 20 * DAY - 60_000);
    await t.mutation(internal.dataRequests.sendReminders, {});
    expect((await reminders(t, officer.userId)).titles).toEqual([]);

    vi.setSystemTime(T0 + 20 * DAY);
    await t.mutation(internal.dataRequests.sendReminders, {});
    await t.mutation(internal.dataRequests.sendReminders, {});
    expect(await reminders(t, officer.userId)).toEqual({
      titles: ['KVKK başvurusu: 10 gün kaldı'],
      mails: [['email', 'mehmet@example.org']],
    });

    await clerk.as.mutation(api.dataRequests.close, { id: other, outcome: 'Yanıtlandı' });
    vi.setSystemTime(T0 + 27 * DAY);
    await t.mutation(internal.dataRequests.sendReminders, {});
    vi.setSystemTime(T0 + 29 * DAY);
    await t.mutation(internal.dataRequests.sendReminders, {});
    expect((await reminders(t, officer.userId)).titles).toEqual(['KVKK başvurusu: 10 gün kaldı', 'KVKK başvurusu: 3 gün kaldı']);
    // The closed one got its day-20 reminder only.
    expect((await reminders(t, clerk.userId)).titles).toEqual(['KVKK başvurusu: 10 gün kaldı']);
    const log = await t.run(async (ctx) => ctx.db.query('dataRequestEvents').withIndex('by_request_kind', (q) => q.eq('requestId', id).eq('kind', 'reminder')).collect());
    expect(log.map((e) => e.day)).toEqual([20, 27]);
    expect((await auditActions(t)).filter((a) => a === 'dsr_reminder')).toHaveLength(3);
  });

  test('a missed day 20 is not sent beside day 27: one reminder, both days logged', async () => {
    const { t, clerk, officer } = await desk();
    const id = await clerk.as.mutation(api.dataRequests.create, intake(officer.userId, T0 - 27 * DAY));
    await t.mutation(internal.dataRequests.sendReminders, {});
    expect((await reminders(t, officer.userId)).titles).toEqual(['KVKK başvurusu: 3 gün kaldı']);
    const days = await t.run(async (ctx) => (await ctx.db.query('dataRequestEvents').withIndex('by_request_kind', (q) => q.eq('requestId', id).eq('kind', 'reminder')).collect()).map((e) => e.day));
    expect(days).toEqual([20, 27]);
  });

  test('the reminder run continues in batches with the same cutoff', async () => {
    const { t, officer } = await desk();
    const n = REMINDER_BATCH + 5;
    await t.run(async (ctx) => {
      for (let i = 0; i < n; i++) {
        await ctx.db.insert('dataRequests', {
          subjectName: `Kişi ${i}`, type: 'information', channel: 'email', receivedAt: T0 - 21 * DAY, dueAt: T0 + 9 * DAY,
          identityCheck: 'e-imza', assigneeId: officer.userId, status: 'open', createdById: officer.userId, createdAt: T0,
        });
      }
    });
    const first = await t.mutation(internal.dataRequests.sendReminders, {});
    expect(first).toEqual({ read: REMINDER_BATCH, sent: REMINDER_BATCH, isDone: false });
    await t.finishAllScheduledFunctions(() => vi.runAllTimers());
    const count = await t.run(async (ctx) => (await ctx.db.query('dataRequestEvents').collect()).filter((e) => e.kind === 'reminder').length);
    expect(count).toBe(n);
  });
});
