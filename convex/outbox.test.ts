import { afterEach, describe, expect, test, vi } from 'vitest';
import { api, internal } from './_generated/api';
import { ABANDONED_AFTER_MS, PROGRESS_CAP } from './outbox';
import { SENDER_ONLINE_MS } from '../shared/domain/vocabularies';
import type { Id } from './_generated/dataModel';
import { backoffMs, BACKOFF_BASE_MS, MAX_ATTEMPTS } from './lib/outboxPolicy';
import { asUser, claimAsPc, grantConsents, signedInTest } from './convexTest.test-util';

type T = Awaited<ReturnType<typeof signedInTest>>;
const T0 = Date.parse('2025-03-01T09:00:00Z');

afterEach(() => {
  vi.useRealTimers();
});

function clock() {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  return { advance: (ms: number) => vi.setSystemTime(Date.now() + ms) };
}

async function notifyByMail(t: T, email = 'ayse@example.org') {
  const { userId: recipientId } = await asUser(t, 'personel', { name: 'Ayşe', email });
  const id = await t.mutation(api.notifications.create, { recipientId, kind: 'gorev', title: 'Görev atandı: İğdır', body: 'x' });
  return { recipientId, id };
}

const delivery = (t: T, id: Id<'deliveries'>) => t.run(async (ctx) => ctx.db.get(id));
const notification = (t: T, id: Id<'workflowNotifications'>) => t.run(async (ctx) => ctx.db.get(id));

describe('claim and report', () => {
  test('a claim leases each due delivery once and carries the attempt number', async () => {
    clock();
    const t = await signedInTest();
    const { id } = await notifyByMail(t);
    const claimed = await claimAsPc(t, 'A', { limit: 10, leaseMs: 30_000 });
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({ attempt: 1, channel: 'email', destination: 'ayse@example.org', template: 'task_assignment' });
    expect(claimed[0]!.payload).toMatchObject({ title: 'Görev atandı: İğdır', name: 'Ayşe' });
    expect(await claimAsPc(t, 'B', { limit: 10, leaseMs: 30_000 })).toEqual([]);
    expect(await t.query(api.outbox.nextDue, { channels: ['email', 'sms'] })).toEqual({ at: T0 + 30_000 });

    const r = await t.mutation(api.outbox.report, { id: claimed[0]!.id, attempt: 1, worker: 'A', result: { ok: true, providerId: '<abc@mail>' } });
    expect(r).toEqual({ applied: true, state: 'sent' });
    const sent = await delivery(t, claimed[0]!.id);
    expect(sent).toMatchObject({ state: 'sent', providerId: '<abc@mail>', attempts: 1 });
    expect(sent!.leaseExpiresAt).toBeUndefined();
    expect(await notification(t, id)).toMatchObject({ status: 'gonderildi', sentAt: T0 });
    expect(await t.query(api.outbox.nextDue, { channels: ['email', 'sms'] })).toEqual({ at: null });
  });

  test('an expired lease is claimed again, and the stale worker’s report is ignored', async () => {
    const { advance } = clock();
    const t = await signedInTest();
    await notifyByMail(t);
    const [a] = await claimAsPc(t, 'A', { limit: 10, leaseMs: 5_000 });
    advance(4_000);
    expect(await claimAsPc(t, 'B', { limit: 10, leaseMs: 5_000 })).toEqual([]);
    advance(2_000);
    const [b] = await claimAsPc(t, 'B', { limit: 10, leaseMs: 5_000 });
    expect(b).toMatchObject({ id: a!.id, attempt: 2 });
    // A wakes up late: its attempt and name no longer hold the lease.
    expect(await t.mutation(api.outbox.report, { id: a!.id, attempt: 1, worker: 'A', result: { ok: true, providerId: 'late' } })).toEqual({
      applied: false,
      state: 'sending',
    });
    // Guessing the current attempt does not help: attempt 2 is B's lease, and only B may report it.
    await expect(t.mutation(api.outbox.report, { id: a!.id, attempt: 2, worker: 'A', result: { ok: true, providerId: 'late' } })).rejects.toThrow(/forbidden/);
    expect(await t.mutation(api.outbox.report, { id: b!.id, attempt: 2, worker: 'B', result: { ok: true, providerId: 'p2' } })).toEqual({ applied: true, state: 'sent' });
    // The same attempt reported again (its reply was lost) is answered as the first time and changes nothing.
    expect(await t.mutation(api.outbox.report, { id: b!.id, attempt: 2, worker: 'B', result: { ok: false, retryable: true, error: 'x' } })).toEqual({ applied: true, state: 'sent' });
    expect(await delivery(t, b!.id)).toMatchObject({ state: 'sent', providerId: 'p2' });
  });

  test('retryable failures back off with jitter below an exponential ceiling, then fail after the last attempt', async () => {
    const { advance } = clock();
    const t = await signedInTest();
    const { id: notificationId } = await notifyByMail(t);
    let id: Id<'deliveries'> | undefined;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const [c] = await claimAsPc(t, 'A', { limit: 1, leaseMs: 60_000 });
      expect(c!.attempt).toBe(attempt);
      id = c!.id;
      const now = Date.now();
      const r = await t.mutation(api.outbox.report, { id, attempt, worker: 'A', result: { ok: false, retryable: true, error: `421 busy #${attempt}` } });
      const d = (await delivery(t, id))!;
      if (attempt < MAX_ATTEMPTS) {
        expect(r.state).toBe('queued');
        expect(d.nextAttemptAt).toBeGreaterThanOrEqual(now);
        expect(d.nextAttemptAt).toBeLessThan(now + BACKOFF_BASE_MS * 2 ** (attempt - 1));
        expect(await notification(t, notificationId)).toMatchObject({ status: 'beklemede' });
        advance(d.nextAttemptAt - now);
      } else {
        expect(r.state).toBe('failed');
        expect(d).toMatchObject({ state: 'failed', lastError: `421 busy #${MAX_ATTEMPTS}`, attempts: MAX_ATTEMPTS });
      }
    }
    // Every channel settled: the in-app copy was delivered.
    expect(await notification(t, notificationId)).toMatchObject({ status: 'gonderildi' });
  });

  test('permanent failures are final at once; a released delivery waits again with its attempt given back', async () => {
    clock();
    const t = await signedInTest();
    await notifyByMail(t, 'a@example.org');
    await notifyByMail(t, 'b@example.org');
    const [x, y] = await claimAsPc(t, 'A', { limit: 10, leaseMs: 60_000 });
    // A provider's error is kept to its first 1 000 characters.
    await t.mutation(api.outbox.report, { id: x!.id, attempt: 1, worker: 'A', result: { ok: false, retryable: false, error: `550 no such user${' '.repeat(2_000)}x` } });
    expect(await t.mutation(api.outbox.report, { id: y!.id, attempt: 1, worker: 'A', result: { released: true } })).toEqual({ applied: true, state: 'queued' });
    expect(await delivery(t, x!.id)).toMatchObject({ state: 'failed', lastError: `550 no such user${' '.repeat(1_000 - 16)}` });
    expect(await delivery(t, y!.id)).toMatchObject({ state: 'queued', attempts: 0 });
    expect((await delivery(t, y!.id))!.leaseOwner).toBeUndefined();
    // Due again at once, for whichever PC can send it.
    expect(await claimAsPc(t, 'B', { limit: 10, leaseMs: 60_000 })).toMatchObject([{ id: y!.id, attempt: 1 }]);
  });

  test('a delivery whose lease keeps expiring fails after the last attempt', async () => {
    const { advance } = clock();
    const t = await signedInTest();
    await notifyByMail(t, 'a@example.org');
    await notifyByMail(t, 'b@example.org');
    // An earlier attempt's error (b's) stays in the final one.
    await t.run(async (ctx) => {
      const [, b] = await ctx.db.query('deliveries').collect();
      await ctx.db.patch(b!._id, { lastError: '421 busy' });
    });
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      expect(await claimAsPc(t, `W${i}`, { limit: 2, leaseMs: 1_000 })).toHaveLength(2);
      advance(1_001);
    }
    expect(await claimAsPc(t, 'last', { limit: 2, leaseMs: 1_000 })).toEqual([]);
    const [d, b] = await t.run(async (ctx) => ctx.db.query('deliveries').collect());
    expect(d).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, lastError: `lease expired on attempt ${MAX_ATTEMPTS}` });
    expect(b).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, lastError: `lease expired on attempt ${MAX_ATTEMPTS}; 421 busy` });
    // The last PC's report, late: the delivery has ended, nothing changes.
    const late = { id: d!._id, attempt: MAX_ATTEMPTS, worker: `W${MAX_ATTEMPTS - 1}`, result: { ok: true as const, providerId: 'late' } };
    expect(await t.mutation(api.outbox.report, late)).toEqual({ applied: false, state: 'failed' });
    expect(await delivery(t, d!._id)).toMatchObject({ state: 'failed' });
  });

  test('a notification sent by e-mail and SMS moves on when one is sent or every one has ended; one failure alone leaves it waiting', async () => {
    clock();
    const t = await signedInTest();
    const { userId, as: recipient } = await asUser(t, 'personel', { name: 'Ayşe', email: 'ayse@example.org', phone: '0532 123 45 67' });
    await recipient.mutation(api.preferences.set, { prefs: { gorev: { email: true, sms: true } } });
    const notify = () => t.mutation(api.notifications.create, { recipientId: userId, kind: 'gorev', title: 'Görev', body: 'x' });
    const report = (id: Id<'deliveries'>, result: { ok: true; providerId: string; rejected?: string[] } | { ok: false; retryable: boolean; error: string }) =>
      t.mutation(api.outbox.report, { id, attempt: 1, worker: 'A', result });
    const failed = { ok: false as const, retryable: false, error: '550' };

    const bothFail = await notify();
    const [mail1, sms1] = await claimAsPc(t, 'A');
    await report(mail1!.id, failed);
    expect(await notification(t, bothFail)).toMatchObject({ status: 'beklemede' });
    await report(sms1!.id, failed);
    expect(await notification(t, bothFail)).toMatchObject({ status: 'gonderildi', sentAt: T0 });

    const sentFirst = await notify();
    const [mail2, sms2] = await claimAsPc(t, 'A');
    await report(mail2!.id, { ok: true, providerId: 'm2', rejected: ['ayse@example.org', 'x@example.org'] });
    expect(await delivery(t, mail2!.id)).toMatchObject({ state: 'sent', lastError: 'rejected: ayse@example.org, x@example.org' });
    expect(await notification(t, sentFirst)).toMatchObject({ status: 'gonderildi' });
    await report(sms2!.id, { ok: true, providerId: 's2' });

    // A delivery an erasure skipped (or an older version) has ended too.
    const skipped = await notify();
    const [mail3, sms3, ...none] = await claimAsPc(t, 'A');
    expect([mail3!.channel, sms3!.channel, none]).toEqual(['email', 'sms', []]);
    await t.run(async (ctx) => ctx.db.patch(sms3!.id, { state: 'skipped' }));
    await report(mail3!.id, failed);
    expect(await notification(t, skipped)).toMatchObject({ status: 'gonderildi' });
  });

  test('a claim takes at most its limit (at least one), counting due and expired leases together; a report of a delivery gone since is stale', async () => {
    const { advance } = clock();
    const t = await signedInTest();
    for (const to of ['a@example.org', 'b@example.org', 'c@example.org']) await notifyByMail(t, to);
    const [expiring] = await claimAsPc(t, 'A', { limit: 1, leaseMs: 1_000 });
    advance(1_001);
    // Due: two queued and one expired lease; a limit of 2 takes two of them, a limit of 0 one.
    expect(await claimAsPc(t, 'B', { limit: 2, leaseMs: 60_000 })).toHaveLength(2);
    expect(await claimAsPc(t, 'B', { limit: 0, leaseMs: 60_000 })).toHaveLength(1);
    expect(await claimAsPc(t, 'B', { limit: 5, leaseMs: 60_000 })).toEqual([]);

    await t.run(async (ctx) => ctx.db.delete(expiring!.id));
    expect(await t.mutation(api.outbox.report, { id: expiring!.id, attempt: 1, worker: 'A', result: { ok: true, providerId: 'x' } })).toEqual({ applied: false, state: null });
  });

  test('backoff: full jitter below min(cap, base·2^(n-1))', () => {
    expect(backoffMs(1, () => 0)).toBe(0);
    expect(backoffMs(1, () => 0.999999)).toBe(BACKOFF_BASE_MS - 1);
    expect(backoffMs(3, () => 0.5)).toBe(2 * BACKOFF_BASE_MS);
    expect(backoffMs(30, () => 0.999999)).toBeLessThan(60 * 60_000);
  });
});

describe('sending PCs and their leases', () => {
  async function notifyBoth(t: T) {
    const { userId: recipientId, as: recipient } = await asUser(t, 'personel', { name: 'Ayşe', email: 'ayse@example.org', phone: '0532 123 45 67' });
    await recipient.mutation(api.preferences.set, { prefs: { gorev: { email: true, sms: true } } });
    return await t.mutation(api.notifications.create, { recipientId, kind: 'gorev', title: 'Görev', body: 'x' });
  }

  test('a PC claims only the channels it can send; the other channel waits without spending an attempt', async () => {
    const { advance } = clock();
    const t = await signedInTest();
    await notifyBoth(t);
    const mailOnly = await claimAsPc(t, 'B', { channels: ['email'] });
    expect(mailOnly.map((d) => d.channel)).toEqual(['email']);
    // Asking for a channel its heartbeat does not name gets nothing of it.
    expect(await t.mutation(api.outbox.claim, { worker: 'B', channels: ['sms'], limit: 10, leaseMs: 60_000 })).toEqual([]);
    expect(await t.query(api.outbox.nextDue, { channels: ['email'] })).toEqual({ at: T0 + 60_000 });
    advance(3_600_000);
    const [sms] = await t.run(async (ctx) => ctx.db.query('deliveries').withIndex('by_channel_state_next', (q) => q.eq('channel', 'sms')).collect());
    expect(sms).toMatchObject({ state: 'queued', attempts: 0 });
    expect(await t.query(api.outbox.nextDue, { channels: ['sms'] })).toEqual({ at: T0 });
    expect(await claimAsPc(t, 'A', { channels: ['sms'] })).toMatchObject([{ channel: 'sms', destination: '+905321234567', attempt: 1 }]);
  });

  test('claims need this person’s recent heartbeat for that PC; each batch is audited with who, which PC and how many', async () => {
    const { advance } = clock();
    const t = await signedInTest();
    await notifyBoth(t);
    await expect(t.mutation(api.outbox.claim, { worker: 'A', channels: ['email'], limit: 10, leaseMs: 60_000 })).rejects.toThrow(/not_a_sender/);
    await t.mutation(api.outbox.heartbeat, { worker: 'A', name: 'Muhasebe-PC', channels: ['email', 'sms'] });
    // Another person cannot use A's heartbeat.
    const { as: other } = await asUser(t, 'personel');
    await expect(other.mutation(api.outbox.claim, { worker: 'A', channels: ['email'], limit: 10, leaseMs: 60_000 })).rejects.toThrow(/not_a_sender/);
    // A heartbeat exactly SENDER_ONLINE_MS old still counts; a millisecond later it does not.
    advance(SENDER_ONLINE_MS);
    expect(await t.mutation(api.outbox.claim, { worker: 'A', channels: [], limit: 10, leaseMs: 60_000 })).toEqual([]);
    advance(1);
    await expect(t.mutation(api.outbox.claim, { worker: 'A', channels: ['email'], limit: 10, leaseMs: 60_000 })).rejects.toThrow(
      'This PC has not said that it can send (heartbeat missing, stale or by another person)',
    );
    const claimAudits = async () => (await t.run(async (ctx) => ctx.db.query('auditLogs').collect())).filter((a) => a.action === 'outbox_claim');
    expect(await claimAudits()).toEqual([]);
    const claimed = await claimAsPc(t, 'A', { channels: ['email', 'sms'] });
    expect(claimed).toHaveLength(2);
    // What the sender needs and nothing else: no notification, recipient or lease fields.
    expect(Object.keys(claimed[0]!).sort()).toEqual(['attempt', 'channel', 'destination', 'id', 'payload', 'template']);
    const audits = await claimAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'outbox_claim', actorName: 'Personel Test', collection: 'deliveries' });
    expect(audits[0]!.summary).toMatchObject({ pc: 'PC A', worker: 'A', count: 2, email: 1, sms: 1 });
    // An empty claim is not audited.
    await claimAsPc(t, 'A');
    expect(await claimAudits()).toHaveLength(1);
  });

  test('only the claimant reports: a colleague’s report of someone else’s lease is refused and changes nothing', async () => {
    clock();
    const t = await signedInTest();
    await notifyByMail(t);
    const [mine] = await claimAsPc(t, 'A', { channels: ['email'] });
    const { as: colleague } = await asUser(t, 'personel');
    // The colleague's own PC gets nothing while the lease holds, and cannot settle it.
    expect(await claimAsPc(colleague, 'B', { channels: ['email'] })).toEqual([]);
    for (const worker of ['A', 'B']) {
      await expect(colleague.mutation(api.outbox.report, { id: mine!.id, attempt: 1, worker, result: { ok: true, providerId: 'fake' } })).rejects.toThrow(
        /forbidden.*This delivery is leased to another PC or person/s,
      );
    }
    expect(await delivery(t, mine!.id)).toMatchObject({ state: 'sending', attempts: 1, leaseOwner: 'A' });
    expect(await t.mutation(api.outbox.report, { id: mine!.id, attempt: 1, worker: 'A', result: { ok: true, providerId: 'real' } })).toEqual({ applied: true, state: 'sent' });
  });

  test('the same PC’s report of an earlier attempt is stale once it claimed the delivery again', async () => {
    const { advance } = clock();
    const t = await signedInTest();
    await notifyByMail(t);
    const [first] = await claimAsPc(t, 'A', { leaseMs: 1_000 });
    advance(1_001);
    const [second] = await claimAsPc(t, 'A', { leaseMs: 60_000 });
    expect(second).toMatchObject({ id: first!.id, attempt: 2 });
    expect(await t.mutation(api.outbox.report, { id: first!.id, attempt: 1, worker: 'A', result: { ok: false, retryable: false, error: 'late' } })).toEqual({ applied: false, state: 'sending' });
    expect(await delivery(t, first!.id)).toMatchObject({ state: 'sending', attempts: 2 });
  });

  test('Settings sees which PCs can send; a PC that stops sending drops out', async () => {
    const { advance } = clock();
    const t = await signedInTest();
    await t.mutation(api.outbox.heartbeat, { worker: 'b', name: 'Muhasebe-PC', channels: ['email'] });
    advance(1_000);
    await t.mutation(api.outbox.heartbeat, { worker: 'a', name: 'Yönetim-PC', channels: ['email', 'sms'] });
    const { as: observer } = await asUser(t, 'gozlemci');
    expect(await observer.query(api.outbox.sendingPcs, {})).toEqual([
      { pc: 'a', name: 'Yönetim-PC', userName: 'Personel Test', channels: ['email', 'sms'], lastSeen: T0 + 1_000 },
      { pc: 'b', name: 'Muhasebe-PC', userName: 'Personel Test', channels: ['email'], lastSeen: T0 },
    ]);
    await t.mutation(api.outbox.heartbeat, { worker: 'a', name: 'Yönetim-PC', channels: [] });
    expect((await observer.query(api.outbox.sendingPcs, {})).map((p) => p.name)).toEqual(['Muhasebe-PC']);
    // One row per PC, however often it beats.
    expect(await t.run(async (ctx) => ctx.db.query('sendingPcs').collect())).toHaveLength(2);
  });
});

describe('campaigns', () => {
  async function seed(t: T) {
    await t.run(async (ctx) => {
      const base = { createdAt: T0, updatedAt: T0, searchText: '' };
      const people = [
        { fullName: 'Ali Kaya', nationalId: '1', city: 'İstanbul', category: 'gıda', status: 'aktif', phone: '0532 000 00 01', email: 'ali@example.org' },
        { fullName: 'Şule Ak', nationalId: '2', city: 'İstanbul', category: 'eğitim', status: 'aktif', phone: '05320000002' },
        { fullName: 'Ömer Çelik', nationalId: '3', city: 'Iğdır', category: 'gıda', status: 'aktif', phone: '+90 532 000 00 03' },
        { fullName: 'Nur Taş', nationalId: '4', city: 'İstanbul', category: 'gıda', status: 'pasif', phone: '0532 000 00 04' },
        { fullName: 'Can Er', nationalId: '5', city: 'İstanbul', category: 'gıda', status: 'aktif', phone: '0212 000 00 05' },
        { fullName: 'Eda Su', nationalId: '6', city: 'İstanbul', category: 'gıda', status: 'aktif', phone: '0532 000 00 06' },
      ];
      for (const p of people) await ctx.db.insert('beneficiaries', { ...p, ...base });
      const gifts = [
        { receiptNo: 'M1', donorName: 'Hakan Yıldız', donorEmail: 'hakan@example.org', date: '2025-01-10' },
        { receiptNo: 'M2', donorName: 'Hakan Yıldız', donorEmail: 'HAKAN@example.org', date: '2025-02-10' },
        { receiptNo: 'M3', donorName: 'Elif Demir', donorEmail: 'elif@example.org', date: '2024-12-31' },
        { receiptNo: 'M4', donorName: 'Anonim', date: '2025-01-15' },
      ];
      for (const g of gifts) await ctx.db.insert('donations', { ...g, amount: 100, ...base });
    });
    // Everyone agreed to both channels (donors without a TC by address); the consent test below takes some back.
    await grantConsents(t, ['tc:1', 'tc:2', 'tc:3', 'tc:4', 'tc:5', 'tc:6', 'email:hakan@example.org', 'email:elif@example.org']);
  }

  test('preview counts the audience and what is reachable, with a sample', async () => {
    clock();
    const t = await signedInTest();
    await seed(t);
    const p = await t.query(api.outbox.previewCampaign, { audience: 'beneficiaries', filters: { city: 'İstanbul', status: 'aktif', category: 'gıda' } });
    expect(p).toMatchObject({ count: 3, capped: false, reachable: { email: 1, sms: 2 } });
    expect(p.sample.map((s) => s.name)).toEqual(['Ali Kaya', 'Can Er', 'Eda Su']);
    const donors = await t.query(api.outbox.previewCampaign, { audience: 'donors', filters: { from: '2025-01-01', to: '2025-12-31' } });
    expect(donors).toMatchObject({ count: 3, reachable: { email: 1, sms: 0 } });
    await expect(t.query(api.outbox.previewCampaign, { audience: 'donors', filters: { city: 'İstanbul' } })).rejects.toThrow(/beneficiaries only/);
  });

  test('enqueue in caller-driven chunks: each destination once, audited when it starts and when it ends; a replayed chunk counts nobody twice', async () => {
    clock();
    const t = await signedInTest();
    await seed(t);
    const { as: admin, userId: actor } = await asUser(t, 'yonetici', { name: 'Yönetici' });
    const campaignId = await admin.mutation(api.outbox.startCampaign, {
      audience: 'beneficiaries',
      filters: { city: 'İstanbul', status: ' aktif ' },
      channel: 'sms',
      template: 'notification',
      locale: 'tr',
      title: 'Ramazan kolisi',
      body: 'Kolileriniz hazır.',
    });
    // The start is audited before anything is enqueued: who, which audience, which channel, how many.
    const started = await t.run(async (ctx) => ctx.db.query('auditLogs').collect());
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ action: 'bulk_send', actorId: actor, collection: 'beneficiaries' });
    expect(started[0]!.summary).toMatchObject({ status: 'started', channel: 'sms', audienceCount: 4, audienceCapped: false, reachable: 3, filters: { city: 'İstanbul', status: 'aktif' } });
    const before = await t.run(async (ctx) => ctx.db.get(campaignId));
    let cursor: string | null = null;
    let replays = 0;
    let unreachableSeen = 0;
    for (;;) {
      const r: { enqueued: number; unreachable: number; isDone: boolean; continueCursor: string } = await admin.mutation(api.outbox.enqueueCampaign, {
        campaignId,
        paginationOpts: { cursor, numItems: 1 },
      });
      unreachableSeen += r.unreachable;
      // Replaying the same chunk (its reply was lost) answers as the first time and adds nothing.
      if (!r.isDone) {
        const again = await admin.mutation(api.outbox.enqueueCampaign, { campaignId, paginationOpts: { cursor, numItems: 1 } });
        expect(again).toMatchObject({ enqueued: r.enqueued, unreachable: r.unreachable, continueCursor: r.continueCursor });
        replays++;
        // Chunks write their own rows only: the campaign is untouched until the last one.
        expect(await t.run(async (ctx) => ctx.db.get(campaignId))).toEqual(before);
      }
      if (r.isDone) break;
      cursor = r.continueCursor;
    }
    expect(replays).toBeGreaterThanOrEqual(3);
    expect(unreachableSeen).toBe(1);
    const rows = await t.run(async (ctx) => ctx.db.query('deliveries').collect());
    expect(rows.map((d) => d.destination).sort()).toEqual(['+905320000001', '+905320000002', '+905320000006']);
    expect(rows[0]).toMatchObject({ channel: 'sms', state: 'queued', template: 'notification', campaignId });
    expect(rows.find((d) => d.destination === '+905320000001')!.payload).toEqual({ name: 'Ali Kaya', title: 'Ramazan kolisi', body: 'Kolileriniz hazır.', locale: 'tr' });
    expect(await t.query(api.outbox.getCampaign, { campaignId })).toMatchObject({ status: 'enqueued', enqueued: 3, unreachable: 1, waiting: 3, pending: true });
    const audits = await t.run(async (ctx) => ctx.db.query('auditLogs').collect());
    expect(audits.map((a) => (a.summary as { status: string }).status)).toEqual(['started', 'enqueued']);
    expect(audits[1]).toMatchObject({ action: 'bulk_send', actorId: actor, actorName: 'Yönetici', collection: 'beneficiaries' });
    expect(audits[1]!.summary).toMatchObject({ enqueued: 3, unreachable: 1, channel: 'sms' });
    // Enqueuing after the end is a no-op; sends are counted from the deliveries, not kept on the campaign.
    expect(await admin.mutation(api.outbox.enqueueCampaign, { campaignId, paginationOpts: { cursor: 'x', numItems: 50 } })).toEqual({
      enqueued: 0,
      unreachable: 0,
      noConsent: 0,
      isDone: true,
      continueCursor: '',
      status: 'enqueued',
    });
    const ended = await t.run(async (ctx) => ctx.db.get(campaignId));
    const claimed = await claimAsPc(t, 'A', { limit: 10, leaseMs: 60_000 });
    await t.mutation(api.outbox.report, { id: claimed[0]!.id, attempt: 1, worker: 'A', result: { ok: true, providerId: 'SM1' } });
    await t.mutation(api.outbox.report, { id: claimed[1]!.id, attempt: 1, worker: 'A', result: { ok: false, retryable: false, error: '21211' } });
    expect(await t.query(api.outbox.getCampaign, { campaignId })).toMatchObject({ sent: 1, failed: 1, waiting: 1, pending: true, capped: false });
    expect(await t.run(async (ctx) => ctx.db.get(campaignId))).toEqual(ended);
    await t.mutation(api.outbox.report, { id: claimed[2]!.id, attempt: 1, worker: 'A', result: { ok: true, providerId: 'SM3' } });
    expect(await t.query(api.outbox.getCampaign, { campaignId })).toMatchObject({ sent: 2, failed: 1, waiting: 0, pending: false });
  });

  test('people without consent to the channel are left out: counted before sending, never enqueued, audited', async () => {
    clock();
    const t = await signedInTest();
    await seed(t);
    await t.run(async (ctx) => {
      const rows = await ctx.db.query('consents').collect();
      // Şule never agreed to SMS; Eda withdrew hers; Elif (a donor without a TC) withdrew e-mail.
      for (const r of rows.filter((r) => r.subjectKey === 'tc:2' && r.purpose === 'sms')) await ctx.db.delete(r._id);
      for (const r of rows.filter((r) => (r.subjectKey === 'tc:6' && r.purpose === 'sms') || (r.subjectKey === 'email:elif@example.org' && r.purpose === 'email'))) {
        await ctx.db.patch(r._id, { withdrawnAt: Date.now() });
      }
    });
    const filters = { city: 'İstanbul', status: 'aktif' };
    const preview = await t.query(api.outbox.previewCampaign, { audience: 'beneficiaries', filters, channel: 'sms' });
    expect(preview.consent).toEqual({ channel: 'sms', leftOut: 2, sendable: 1, capped: false });
    // E-mail: Ali is the only one with an address, and he agreed.
    expect((await t.query(api.outbox.previewCampaign, { audience: 'beneficiaries', filters, channel: 'email' })).consent).toEqual({ channel: 'email', leftOut: 0, sendable: 1, capped: false });
    expect((await t.query(api.outbox.previewCampaign, { audience: 'beneficiaries', filters })).consent).toBeNull();

    const campaignId = await t.mutation(api.outbox.startCampaign, { audience: 'beneficiaries', filters, channel: 'sms', template: 'notification', locale: 'tr', title: 'x', body: '' });
    const page = { campaignId, paginationOpts: { cursor: null, numItems: 100 } };
    expect(await t.mutation(api.outbox.enqueueCampaign, page)).toMatchObject({ enqueued: 1, unreachable: 1, noConsent: 2, isDone: true });
    // The page again (its reply was lost): the same answer, those left out included.
    expect(await t.mutation(api.outbox.enqueueCampaign, page)).toMatchObject({ enqueued: 1, unreachable: 1, noConsent: 2, isDone: true });
    const sent = (await t.run(async (ctx) => ctx.db.query('deliveries').collect())).map((d) => d.destination);
    expect(sent).toEqual(['+905320000001']);
    expect(await t.query(api.outbox.getCampaign, { campaignId })).toMatchObject({ enqueued: 1, unreachable: 1, noConsent: 2 });
    const end = (await t.run(async (ctx) => ctx.db.query('auditLogs').collect())).at(-1)!;
    expect(end.summary).toMatchObject({ status: 'enqueued', enqueued: 1, noConsent: 2 });

    const donors = await t.mutation(api.outbox.startCampaign, { audience: 'donors', filters: {}, channel: 'email', template: 'notification', locale: 'tr', title: 'x', body: '' });
    expect(await t.mutation(api.outbox.enqueueCampaign, { campaignId: donors, paginationOpts: { cursor: null, numItems: 100 } })).toMatchObject({ enqueued: 1, noConsent: 1 });
    expect((await t.run(async (ctx) => ctx.db.query('deliveries').collect())).filter((d) => d.campaignId === donors).map((d) => d.destination)).toEqual(['hakan@example.org']);
  });

  test('only the person who started a campaign drives or ends it', async () => {
    clock();
    const t = await signedInTest();
    await seed(t);
    const campaignId = await t.mutation(api.outbox.startCampaign, { audience: 'donors', filters: {}, channel: 'email', template: 'notification', locale: 'tr', title: 'x', body: '' });
    const { as: other } = await asUser(t, 'personel');
    await expect(other.mutation(api.outbox.enqueueCampaign, { campaignId, paginationOpts: { cursor: null, numItems: 10 } })).rejects.toThrow(
      /forbidden.*Only the person who started a campaign enqueues it/s,
    );
    await expect(other.mutation(api.outbox.finishCampaign, { campaignId, status: 'cancelled' })).rejects.toThrow(/forbidden/);
    expect((await t.query(api.outbox.getCampaign, { campaignId }))!.status).toBe('enqueuing');
    const gone = await t.run(async (ctx) => {
      const doc = (await ctx.db.get(campaignId))!;
      const { _id, _creationTime, ...fields } = doc;
      const id = await ctx.db.insert('campaigns', fields);
      await ctx.db.delete(id);
      return id;
    });
    await expect(t.mutation(api.outbox.enqueueCampaign, { campaignId: gone, paginationOpts: { cursor: null, numItems: 10 } })).rejects.toThrow(/campaignId: no such campaign/);
  });

  test('progress is counted up to a bound and said to be "at least" past it', async () => {
    clock();
    const t = await signedInTest();
    await seed(t);
    const campaignId = await t.mutation(api.outbox.startCampaign, { audience: 'donors', filters: {}, channel: 'email', template: 'notification', locale: 'tr', title: 'x', body: '' });
    await t.run(async (ctx) => {
      for (let i = 0; i <= PROGRESS_CAP; i++) {
        await ctx.db.insert('deliveries', { campaignId, channel: 'email', destination: `p${i}@example.org`, state: 'sent', attempts: 1, nextAttemptAt: T0, createdAt: T0, updatedAt: T0 });
      }
    });
    expect(await t.query(api.outbox.getCampaign, { campaignId })).toMatchObject({ sent: PROGRESS_CAP, capped: true, pending: false });
  }, 30_000);

  test('a campaign left half-way is closed by the hourly job with an audit entry; one still moving is left alone', async () => {
    const { advance } = clock();
    const t = await signedInTest();
    await seed(t);
    const start = () => t.mutation(api.outbox.startCampaign, { audience: 'donors', filters: {}, channel: 'email', template: 'notification', locale: 'tr', title: 'x', body: '' });
    const left = await start();
    await t.mutation(api.outbox.enqueueCampaign, { campaignId: left, paginationOpts: { cursor: null, numItems: 1 } });
    const moving = await start();
    advance(ABANDONED_AFTER_MS + 60_000);
    await t.mutation(api.outbox.enqueueCampaign, { campaignId: moving, paginationOpts: { cursor: null, numItems: 1 } });
    expect(await t.mutation(internal.outbox.closeAbandoned, {})).toEqual({ closed: 1 });
    expect((await t.query(api.outbox.getCampaign, { campaignId: left }))!).toMatchObject({ status: 'failed', enqueued: 1 });
    expect((await t.query(api.outbox.getCampaign, { campaignId: moving }))!.status).toBe('enqueuing');
    const audits = (await t.run(async (ctx) => ctx.db.query('auditLogs').collect())).filter((a) => a.action === 'bulk_send');
    expect(audits.map((a) => a.summary as { campaignId: string; status: string; abandoned?: boolean })).toContainEqual(
      expect.objectContaining({ campaignId: left, status: 'failed', abandoned: true, enqueued: 1 }),
    );
  });

  test('donors are reached once per address; a cancelled campaign is audited as cancelled', async () => {
    clock();
    const t = await signedInTest();
    await seed(t);
    const campaignId = await t.mutation(api.outbox.startCampaign, {
      audience: 'donors',
      filters: {},
      channel: 'email',
      template: 'notification',
      locale: 'en',
      title: 'Thank you',
      body: '',
    });
    const r = await t.mutation(api.outbox.enqueueCampaign, { campaignId, paginationOpts: { cursor: null, numItems: 2 } });
    expect(r.isDone).toBe(false);
    await t.mutation(api.outbox.finishCampaign, { campaignId, status: 'cancelled' });
    await t.mutation(api.outbox.finishCampaign, { campaignId, status: 'failed' }); // already ended
    expect((await t.query(api.outbox.getCampaign, { campaignId }))!.status).toBe('cancelled');
    const audits = await t.run(async (ctx) => ctx.db.query('auditLogs').collect());
    expect(audits.map((a) => [a.action, (a.summary as { status: string }).status])).toEqual([
      ['bulk_send', 'started'],
      ['bulk_send', 'cancelled'],
    ]);

    const full = await t.mutation(api.outbox.startCampaign, { audience: 'donors', filters: {}, channel: 'email', template: 'notification', locale: 'tr', title: 'Teşekkürler', body: '' });
    await t.mutation(api.outbox.enqueueCampaign, { campaignId: full, paginationOpts: { cursor: null, numItems: 100 } });
    const dests = (await t.run(async (ctx) => ctx.db.query('deliveries').collect())).filter((d) => d.campaignId === full).map((d) => d.destination);
    expect(dests.sort()).toEqual(['elif@example.org', 'hakan@example.org']);
    await expect(
      t.mutation(api.outbox.startCampaign, { audience: 'donors', filters: {}, channel: 'email', template: 'nope', locale: 'tr', title: 'x', body: '' }),
    ).rejects.toThrow(/template/);
  });
});
