import { afterEach, describe, expect, test, vi } from 'vitest';
import { api } from './_generated/api';
import type { Id } from './_generated/dataModel';
import { backoffMs, BACKOFF_BASE_MS, MAX_ATTEMPTS } from './lib/outboxPolicy';
import { asUser, signedInTest } from './test.setup';

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
    const claimed = await t.mutation(api.outbox.claim, { worker: 'A', limit: 10, leaseMs: 30_000 });
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({ attempt: 1, channel: 'email', destination: 'ayse@example.org', template: 'task_assignment' });
    expect(claimed[0]!.payload).toMatchObject({ title: 'Görev atandı: İğdır', name: 'Ayşe' });
    expect(await t.mutation(api.outbox.claim, { worker: 'B', limit: 10, leaseMs: 30_000 })).toEqual([]);
    expect(await t.query(api.outbox.nextDue, {})).toEqual({ at: T0 + 30_000 });

    const r = await t.mutation(api.outbox.report, { id: claimed[0]!.id, attempt: 1, worker: 'A', result: { ok: true, providerId: '<abc@mail>' } });
    expect(r).toEqual({ applied: true, state: 'sent' });
    const sent = await delivery(t, claimed[0]!.id);
    expect(sent).toMatchObject({ state: 'sent', providerId: '<abc@mail>', attempts: 1 });
    expect(sent!.leaseOwner).toBeUndefined();
    expect(await notification(t, id)).toMatchObject({ status: 'gonderildi', sentAt: T0 });
    expect(await t.query(api.outbox.nextDue, {})).toEqual({ at: null });
  });

  test('an expired lease is claimed again, and the stale worker’s report is ignored', async () => {
    const { advance } = clock();
    const t = await signedInTest();
    await notifyByMail(t);
    const [a] = await t.mutation(api.outbox.claim, { worker: 'A', limit: 10, leaseMs: 5_000 });
    advance(4_000);
    expect(await t.mutation(api.outbox.claim, { worker: 'B', limit: 10, leaseMs: 5_000 })).toEqual([]);
    advance(2_000);
    const [b] = await t.mutation(api.outbox.claim, { worker: 'B', limit: 10, leaseMs: 5_000 });
    expect(b).toMatchObject({ id: a!.id, attempt: 2 });
    // A wakes up late: its attempt and name no longer hold the lease.
    expect(await t.mutation(api.outbox.report, { id: a!.id, attempt: 1, worker: 'A', result: { ok: true, providerId: 'late' } })).toEqual({
      applied: false,
      state: 'sending',
    });
    expect(await t.mutation(api.outbox.report, { id: a!.id, attempt: 2, worker: 'A', result: { ok: true, providerId: 'late' } })).toMatchObject({ applied: false });
    expect(await t.mutation(api.outbox.report, { id: b!.id, attempt: 2, worker: 'B', result: { ok: true, providerId: 'p2' } })).toEqual({ applied: true, state: 'sent' });
    // A second report for a settled attempt changes nothing either.
    expect(await t.mutation(api.outbox.report, { id: b!.id, attempt: 2, worker: 'B', result: { ok: false, retryable: true, error: 'x' } })).toMatchObject({ applied: false });
    expect(await delivery(t, b!.id)).toMatchObject({ state: 'sent', providerId: 'p2' });
  });

  test('retryable failures back off with jitter below an exponential ceiling, then fail after the last attempt', async () => {
    const { advance } = clock();
    const t = await signedInTest();
    const { id: notificationId } = await notifyByMail(t);
    let id: Id<'deliveries'> | undefined;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const [c] = await t.mutation(api.outbox.claim, { worker: 'A', limit: 1, leaseMs: 60_000 });
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

  test('permanent failures are final at once; skipped means the channel is not configured', async () => {
    clock();
    const t = await signedInTest();
    await notifyByMail(t, 'a@example.org');
    await notifyByMail(t, 'b@example.org');
    const [x, y] = await t.mutation(api.outbox.claim, { worker: 'A', limit: 10, leaseMs: 60_000 });
    await t.mutation(api.outbox.report, { id: x!.id, attempt: 1, worker: 'A', result: { ok: false, retryable: false, error: '550 no such user' } });
    await t.mutation(api.outbox.report, { id: y!.id, attempt: 1, worker: 'A', result: { skipped: 'not_configured' } });
    expect(await delivery(t, x!.id)).toMatchObject({ state: 'failed', lastError: '550 no such user' });
    expect(await delivery(t, y!.id)).toMatchObject({ state: 'skipped', lastError: 'not_configured' });
    expect(await t.mutation(api.outbox.claim, { worker: 'A', limit: 10, leaseMs: 60_000 })).toEqual([]);
  });

  test('a delivery whose lease keeps expiring fails after the last attempt', async () => {
    const { advance } = clock();
    const t = await signedInTest();
    await notifyByMail(t);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      expect(await t.mutation(api.outbox.claim, { worker: `W${i}`, limit: 1, leaseMs: 1_000 })).toHaveLength(1);
      advance(1_001);
    }
    expect(await t.mutation(api.outbox.claim, { worker: 'last', limit: 1, leaseMs: 1_000 })).toEqual([]);
    const [d] = await t.run(async (ctx) => ctx.db.query('deliveries').collect());
    expect(d).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS });
    expect(d!.lastError).toMatch(/lease expired/);
  });

  test('backoff: full jitter below min(cap, base·2^(n-1))', () => {
    expect(backoffMs(1, () => 0)).toBe(0);
    expect(backoffMs(1, () => 0.999999)).toBe(BACKOFF_BASE_MS - 1);
    expect(backoffMs(3, () => 0.5)).toBe(2 * BACKOFF_BASE_MS);
    expect(backoffMs(30, () => 0.999999)).toBeLessThan(60 * 60_000);
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

  test('enqueue in caller-driven chunks: each destination once, one bulk_send audit entry', async () => {
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
    let cursor: string | null = null;
    const chunks = [];
    for (;;) {
      const r: { enqueued: number; unreachable: number; isDone: boolean; continueCursor: string } = await t.mutation(api.outbox.enqueueCampaign, {
        campaignId,
        paginationOpts: { cursor, numItems: 2 },
      });
      chunks.push(r);
      // Replaying the same chunk (a lost reply) adds nothing.
      if (cursor !== null && !r.isDone) {
        const again = await t.mutation(api.outbox.enqueueCampaign, { campaignId, paginationOpts: { cursor, numItems: 2 } });
        expect(again.enqueued).toBe(0);
      }
      if (r.isDone) break;
      cursor = r.continueCursor;
    }
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    const rows = await t.run(async (ctx) => ctx.db.query('deliveries').collect());
    expect(rows.map((d) => d.destination).sort()).toEqual(['+905320000001', '+905320000002', '+905320000006']);
    expect(rows[0]).toMatchObject({ channel: 'sms', state: 'queued', template: 'notification', campaignId });
    const campaign = await t.query(api.outbox.getCampaign, { campaignId });
    expect(campaign).toMatchObject({ status: 'enqueued', enqueued: 3, unreachable: 1 });
    const audits = await t.run(async (ctx) => ctx.db.query('auditLogs').collect());
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'bulk_send', actorId: actor, actorName: 'Yönetici', collection: 'beneficiaries' });
    expect(audits[0]!.summary).toMatchObject({ enqueued: 3, channel: 'sms', filters: { city: 'İstanbul', status: 'aktif' } });
    // Enqueuing after the end is a no-op; sends count toward the campaign.
    expect((await t.mutation(api.outbox.enqueueCampaign, { campaignId, paginationOpts: { cursor: null, numItems: 50 } })).enqueued).toBe(0);
    const claimed = await t.mutation(api.outbox.claim, { worker: 'A', limit: 10, leaseMs: 60_000 });
    await t.mutation(api.outbox.report, { id: claimed[0]!.id, attempt: 1, worker: 'A', result: { ok: true, providerId: 'SM1' } });
    await t.mutation(api.outbox.report, { id: claimed[1]!.id, attempt: 1, worker: 'A', result: { ok: false, retryable: false, error: '21211' } });
    expect(await t.query(api.outbox.getCampaign, { campaignId })).toMatchObject({ sent: 1, failed: 1 });
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
    expect(audits.map((a) => [a.action, (a.summary as { status: string }).status])).toEqual([['bulk_send', 'cancelled']]);

    const full = await t.mutation(api.outbox.startCampaign, { audience: 'donors', filters: {}, channel: 'email', template: 'notification', locale: 'tr', title: 'Teşekkürler', body: '' });
    await t.mutation(api.outbox.enqueueCampaign, { campaignId: full, paginationOpts: { cursor: null, numItems: 100 } });
    const dests = (await t.run(async (ctx) => ctx.db.query('deliveries').collect())).filter((d) => d.campaignId === full).map((d) => d.destination);
    expect(dests.sort()).toEqual(['elif@example.org', 'hakan@example.org']);
    await expect(
      t.mutation(api.outbox.startCampaign, { audience: 'donors', filters: {}, channel: 'email', template: 'nope', locale: 'tr', title: 'x', body: '' }),
    ).rejects.toThrow(/template/);
  });
});
