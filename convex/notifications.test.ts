import { afterEach, describe, expect, test, vi } from 'vitest';
import { api, internal } from './_generated/api';
import type { Id } from './_generated/dataModel';
import { SENDER_LIMIT, SENDER_WINDOW_MS } from './notifications';
import { asUser, claimAsPc, signedInTest } from './convexTest.test-util';

type T = Awaited<ReturnType<typeof signedInTest>>;
const page = { cursor: null, numItems: 20 };

// Each colleague signs in for their own inbox and preferences; `as(id)` is their session.
const sessions = new Map<string, T>();
const as = (id: Id<'users'>) => sessions.get(id)!;

/** A colleague; without `email` their stored address is unusable, so nothing goes out by e-mail. */
async function user(t: T, fields: { name?: string; email?: string; phone?: string } = {}) {
  const { as: session, userId } = await asUser(t, 'personel', {
    name: fields.name ?? 'Ayşe Öztürk',
    email: fields.email ?? 'no-mailbox',
    phone: fields.phone,
  });
  sessions.set(userId, session);
  return userId;
}

async function deliveries(t: T, notificationId: Id<'workflowNotifications'>) {
  return await t.run(async (ctx) =>
    ctx.db.query('deliveries').withIndex('by_notification', (q) => q.eq('notificationId', notificationId)).collect(),
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('creating notifications', () => {
  test('queues e-mail by default preferences and SMS only when the recipient turns it on', async () => {
    const t = await signedInTest();
    const ayse = await user(t, { email: ' Ayse@Example.org ', phone: '0532 123 45 67' });
    const first = await t.mutation(api.notifications.create, { recipientId: ayse, kind: 'gorev', title: 'Görev atandı: İğdır', body: 'Dosyaları inceleyin' });
    const d1 = await deliveries(t, first);
    expect(d1.map((d) => [d.channel, d.destination, d.state, d.template])).toEqual([['email', 'ayse@example.org', 'queued', 'task_assignment']]);
    // From a colleague: the message names them; a note to oneself names nobody.
    expect(d1[0]!.payload).toEqual({ name: 'Ayşe Öztürk', from: 'Personel Test', title: 'Görev atandı: İğdır', body: 'Dosyaları inceleyin', kind: 'gorev' });
    const own = await as(ayse).mutation(api.notifications.create, { recipientId: ayse, kind: 'gorev', title: 'Kendime not', body: '' });
    expect((await deliveries(t, own))[0]!.payload).toEqual({ name: 'Ayşe Öztürk', title: 'Kendime not', body: '', kind: 'gorev' });
    const n1 = await t.run(async (ctx) => ctx.db.get(first));
    expect(n1).toMatchObject({ channels: ['in_app', 'email'], status: 'beklemede' });

    await as(ayse).mutation(api.preferences.set, { prefs: { gorev: { email: false, sms: true } } });
    const second = await t.mutation(api.notifications.create, { recipientId: ayse, kind: 'gorev', title: 'Görev', body: '' });
    expect((await deliveries(t, second)).map((d) => [d.channel, d.destination])).toEqual([['sms', '+905321234567']]);
    // Other kinds keep their defaults.
    const third = await t.mutation(api.notifications.create, { recipientId: ayse, kind: 'rapor', title: 'Rapor hazır', body: '' });
    expect((await deliveries(t, third)).map((d) => d.channel)).toEqual(['email']);
  });

  test('an in-app-only notification is sent at once; unusable addresses are not queued', async () => {
    const t = await signedInTest();
    const bare = await user(t, { email: 'not-an-address', phone: '0212 555 12 12' });
    await as(bare).mutation(api.preferences.set, { prefs: { rapor: { email: true, sms: true } } });
    const id = await t.mutation(api.notifications.create, { recipientId: bare, kind: 'rapor', title: 'Bakım', body: 'Yarın 10:00' });
    expect(await deliveries(t, id)).toEqual([]);
    const n = await t.run(async (ctx) => ctx.db.get(id));
    expect(n).toMatchObject({ channels: ['in_app'], status: 'gonderildi' });
    expect(n?.sentAt).toBeTypeOf('number');
  });

  test('the internal create notifies the person who ran an import', async () => {
    const t = await signedInTest();
    const runner = await user(t, { email: 'runner@example.org' });
    const id = await t.mutation(internal.notifications.createInternal, {
      recipientId: runner,
      kind: 'ice_aktarma',
      title: 'İçe aktarma bitti',
      body: '120 kayıt eklendi',
      link: { collection: 'beneficiaries', id: 'x' },
    });
    const listed = await as(runner).query(api.notifications.list, { paginationOpts: page });
    expect(listed.page[0]).toMatchObject({ _id: id, kind: 'ice_aktarma', link: { collection: 'beneficiaries', id: 'x' } });
    expect(listed.page[0]!.deliveries).toEqual([{ channel: 'email', state: 'queued', attempts: 0, lastError: undefined }]);
    expect((await deliveries(t, id))[0]!.payload).toMatchObject({ link: { collection: 'beneficiaries', id: 'x' } });
  });

  test('rejects unknown recipients and empty titles', async () => {
    const t = await signedInTest();
    const u = await user(t);
    await expect(t.mutation(api.notifications.create, { recipientId: u, kind: 'gorev', title: '  ', body: '' })).rejects.toThrow(/title/);
    await t.run(async (ctx) => ctx.db.delete(u));
    await expect(t.mutation(api.notifications.create, { recipientId: u, kind: 'gorev', title: 'x', body: '' })).rejects.toThrow(/recipientId/);
  });

  test('a reminder for a later time waits: its delivery is not due, its in-app copy is released on time', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-02-03T09:00:00+03:00'));
    const t = await signedInTest();
    const withMail = await user(t, { email: 'a@example.org' });
    const noMail = await user(t, { name: 'Mehmet' });
    const at = Date.parse('2025-02-03T14:00:00+03:00');
    const mailed = await t.mutation(api.notifications.create, { recipientId: withMail, kind: 'toplanti', title: 'Toplantı hatırlatması: Şubat', body: '', scheduledFor: at });
    expect((await deliveries(t, mailed))[0]!.nextAttemptAt).toBe(at);
    expect(await claimAsPc(t, 'w', { limit: 10, leaseMs: 60_000 })).toEqual([]);
    expect(await t.query(api.outbox.nextDue, { channels: ['email', 'sms'] })).toEqual({ at });

    const inApp = await t.mutation(api.notifications.create, { recipientId: noMail, kind: 'toplanti', title: 'Toplantı', body: '', scheduledFor: at });
    expect((await t.run(async (ctx) => ctx.db.get(inApp)))!.status).toBe('beklemede');
    vi.setSystemTime(at + 1);
    vi.runAllTimers();
    await t.finishInProgressScheduledFunctions();
    expect((await t.run(async (ctx) => ctx.db.get(inApp)))!.status).toBe('gonderildi');
    // The mailed one waits for its e-mail, which says when the meeting is.
    expect((await t.run(async (ctx) => ctx.db.get(mailed)))!.status).toBe('beklemede');
    const claimed = await claimAsPc(t, 'w', { limit: 10, leaseMs: 60_000 });
    expect(claimed.map((c) => [c.destination, (c.payload as { scheduledFor?: number }).scheduledFor])).toEqual([['a@example.org', at]]);
  });
});

describe('what staff may send in the association’s name', () => {
  test('staff create only task, meeting and report notifications; the app’s own kinds are refused', async () => {
    const t = await signedInTest();
    const u = await user(t, { email: 'admin@example.org' });
    for (const kind of ['sistem', 'ice_aktarma']) {
      await expect(t.mutation(api.notifications.create, { recipientId: u, kind: kind as 'gorev', title: 'Şifrenizi yenileyin', body: 'https://evil.example/login' })).rejects.toThrow(/Validator error: Expected one of literal/);
    }
    expect(await t.run(async (ctx) => ctx.db.query('workflowNotifications').collect())).toEqual([]);
  });

  test('each creation is audited with who, to whom and what kind', async () => {
    const t = await signedInTest();
    const u = await user(t, { name: 'Mehmet Kaya', email: 'm@example.org' });
    const id = await t.mutation(api.notifications.create, { recipientId: u, kind: 'toplanti', title: 'Şubat toplantısı', body: 'x' });
    const audits = await t.run(async (ctx) => ctx.db.query('auditLogs').collect());
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'notification_create', actorName: 'Personel Test', collection: 'workflowNotifications' });
    expect(audits[0]!.summary).toEqual({ notificationId: id, recipientId: u, recipientName: 'Mehmet Kaya', kind: 'toplanti', title: 'Şubat toplantısı' });
  });

  test('one sender creates at most SENDER_LIMIT notifications in the window; others and later are not held back', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2025-03-01T09:00:00Z'));
    const t = await signedInTest();
    const u = await user(t);
    for (let i = 0; i < SENDER_LIMIT; i++) await t.mutation(api.notifications.create, { recipientId: u, kind: 'gorev', title: `Görev ${i}`, body: '' });
    await expect(t.mutation(api.notifications.create, { recipientId: u, kind: 'gorev', title: 'one too many', body: '' })).rejects.toThrow(/rate_limited/);
    // A colleague is not held back by someone else's sends.
    expect(await as(u).mutation(api.notifications.create, { recipientId: u, kind: 'gorev', title: 'mine', body: '' })).toBeTruthy();
    vi.setSystemTime(Date.now() + SENDER_WINDOW_MS);
    expect(await t.mutation(api.notifications.create, { recipientId: u, kind: 'gorev', title: 'later', body: '' })).toBeTruthy();
  }, 30_000);
});

describe('the inbox', () => {
  async function seed(t: T) {
    const me = await user(t);
    const other = await user(t, { name: 'Başkası' });
    const ids: Id<'workflowNotifications'>[] = [];
    vi.useFakeTimers({ toFake: ['Date'] });
    let now = Date.parse('2025-01-01T10:00:00Z');
    for (const [kind, title] of [['gorev', 'g1'], ['toplanti', 't1'], ['gorev', 'g2'], ['rapor', 'r1']] as const) {
      vi.setSystemTime((now += 1000));
      ids.push(await t.mutation(api.notifications.create, { recipientId: me, kind, title, body: '' }));
    }
    await t.mutation(api.notifications.create, { recipientId: other, kind: 'gorev', title: 'not mine', body: '' });
    vi.useRealTimers();
    return { me, ids };
  }

  test('lists newest first, filters by kind and by unread, and pages', async () => {
    const t = await signedInTest();
    const { me, ids } = await seed(t);
    const all = await as(me).query(api.notifications.list, { paginationOpts: page });
    expect(all.page.map((n) => n.title)).toEqual(['r1', 'g2', 't1', 'g1']);
    const tasks = await as(me).query(api.notifications.list, { kind: 'gorev', paginationOpts: page });
    expect(tasks.page.map((n) => n.title)).toEqual(['g2', 'g1']);

    await as(me).mutation(api.notifications.markRead, { id: ids[2]! });
    const unread = await as(me).query(api.notifications.list, { unreadOnly: true, paginationOpts: page });
    expect(unread.page.map((n) => n.title)).toEqual(['r1', 't1', 'g1']);

    const first = await as(me).query(api.notifications.list, { paginationOpts: { cursor: null, numItems: 3 } });
    expect(first.isDone).toBe(false);
    const rest = await as(me).query(api.notifications.list, { paginationOpts: { cursor: first.continueCursor, numItems: 3 } });
    expect(rest.page.map((n) => n.title)).toEqual(['g1']);
  });

  test('unread count, mark one and mark all read', async () => {
    const t = await signedInTest();
    const { me, ids } = await seed(t);
    expect(await as(me).query(api.notifications.unreadCount, {})).toEqual({ count: 4, capped: false });
    expect(await as(me).mutation(api.notifications.markRead, { id: ids[0]! })).toEqual({ changed: true });
    expect(await as(me).mutation(api.notifications.markRead, { id: ids[0]! })).toEqual({ changed: false });
    expect((await as(me).query(api.notifications.unreadCount, {})).count).toBe(3);
    expect(await as(me).mutation(api.notifications.markAllRead, {})).toEqual({ updated: 3, more: false });
    expect((await as(me).query(api.notifications.unreadCount, {})).count).toBe(0);
    const docs = await t.run(async (ctx) => ctx.db.query('workflowNotifications').collect());
    const mine = docs.filter((d) => d.recipientId === me);
    expect(mine.every((d) => d.status === 'okundu' && d.readAt !== undefined && d.sentAt !== undefined)).toBe(true);
    expect(docs.find((d) => d.recipientId !== me)!.status).not.toBe('okundu');
  });

  test('status never moves back: a delivery sent after the notification was read leaves it read', async () => {
    const t = await signedInTest();
    const me = await user(t, { email: 'me@example.org' });
    const id = await t.mutation(api.notifications.create, { recipientId: me, kind: 'gorev', title: 'x', body: '' });
    const [claimed] = await claimAsPc(t, 'w1', { limit: 5, leaseMs: 60_000 });
    await as(me).mutation(api.notifications.markRead, { id });
    await t.mutation(api.outbox.report, { id: claimed!.id, attempt: claimed!.attempt, worker: 'w1', result: { ok: true, providerId: '<m1@x>' } });
    const n = await t.run(async (ctx) => ctx.db.get(id));
    expect(n!.status).toBe('okundu');
    const listed = await as(me).query(api.notifications.list, { paginationOpts: page });
    expect(listed.page[0]!.deliveries).toEqual([{ channel: 'email', state: 'sent', attempts: 1, lastError: undefined }]);
  });
});

describe('preferences', () => {
  test('defaults, partial updates and one audit entry per real change', async () => {
    const t = await signedInTest();
    const me = await user(t);
    const defaults = await as(me).query(api.preferences.get, {});
    expect(defaults.toplanti).toEqual({ email: true, sms: false });
    expect(Object.keys(defaults).sort()).toEqual(['gorev', 'ice_aktarma', 'rapor', 'sistem', 'toplanti']);
    await as(me).mutation(api.preferences.set, { prefs: { toplanti: { email: true, sms: true } } });
    await as(me).mutation(api.preferences.set, { prefs: { rapor: { email: false, sms: false } } });
    await as(me).mutation(api.preferences.set, { prefs: { rapor: { email: false, sms: false } } }); // no change
    const after = await as(me).query(api.preferences.get, {});
    expect(after).toMatchObject({ toplanti: { email: true, sms: true }, rapor: { email: false, sms: false }, gorev: { email: true, sms: false } });
    const audits = await t.run(async (ctx) => ctx.db.query('auditLogs').collect());
    expect(audits.map((a) => a.action)).toEqual(['settings_change', 'settings_change']);
    expect(audits[0]).toMatchObject({ actorId: me, collection: 'notificationPreferences' });
  });
});
