// Retention on a fake clock: each category deleted or anonymised on its day and not a day before,
// a destruction log row per category that destroyed something, the log pruned after three years,
// and every batch of a run continuing the same query (its cutoff fixed when the run started).
import { afterEach, describe, expect, test, vi } from 'vitest';
import { RETENTION_CATEGORIES, RETENTION_DEFAULT_DAYS, type RetentionCategory } from '../shared/domain/retention';
import { api, internal } from './_generated/api';
import type { Id } from './_generated/dataModel';
import { RETENTION_BATCH } from './retention';
import { asUser, newTest, type TestConvex } from './convexTest.test-util';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

afterEach(() => {
  vi.useRealTimers();
});

/** One document of each category dated T0 (plus what must stay), and a run of audit entries longer than a batch. */
async function seed(t: TestConvex, userId: Id<'users'>) {
  return await t.run(async (ctx) => {
    const delivery = { channel: 'sms' as const, destination: '+905321234567', payload: { body: 'Merhaba Zeynep' }, attempts: 1, nextAttemptAt: T0, createdAt: T0, updatedAt: T0 };
    const sent = await ctx.db.insert('deliveries', { ...delivery, state: 'sent', providerId: 'SM123' });
    const failed = await ctx.db.insert('deliveries', { ...delivery, state: 'failed', lastError: 'bad number +905321234567' });
    const queued = await ctx.db.insert('deliveries', { ...delivery, state: 'queued' });
    await ctx.db.insert('workflowNotifications', { recipientId: userId, kind: 'gorev', title: 'Ziyaret', body: 'Zeynep Yılmaz', channels: ['in_app'], status: 'okundu', createdAt: T0 });
    // More than one batch a second apart, and one half an hour later: past the cutoff of a run
    // started ten minutes past the hour, even when its batches run an hour after it started.
    for (let i = 0; i < RETENTION_BATCH.audit_entries + 2; i++) {
      await ctx.db.insert('auditLogs', { action: 'record_view', at: T0 + i * 1000, summary: { recordId: `r${i}` } });
    }
    await ctx.db.insert('auditLogs', { action: 'record_view', at: T0 + 30 * 60_000, summary: { recordId: 'late' } });
    const beneficiary = { nationalId: '17291716060', createdAt: T0, updatedAt: T0, searchText: 'zeynep' };
    const inactive = await ctx.db.insert('beneficiaries', { ...beneficiary, fullName: 'Zeynep Yılmaz', status: 'pasif' });
    const active = await ctx.db.insert('beneficiaries', { ...beneficiary, nationalId: '10000000146', fullName: 'Ali Kaya', status: 'aktif' });
    await ctx.db.insert('recordHistory', { collection: 'beneficiaries', recordId: String(active), at: T0, kind: 'edit', changes: [] });
    // The inactive one's history is recent (not due itself) and longer than a batch takes along.
    for (let i = 0; i < 201; i++) {
      await ctx.db.insert('recordHistory', { collection: 'beneficiaries', recordId: String(inactive), at: T0 + 1500 * DAY + i, kind: 'edit', changes: [] });
    }
    const request = { subjectName: 'Zeynep Yılmaz', type: 'access' as const, channel: 'paper' as const, receivedAt: T0 - 10 * DAY, identityCheck: 'Nüfus cüzdanı', assigneeId: userId, dueAt: T0 + 20 * DAY, createdById: userId, createdAt: T0 };
    const closed = await ctx.db.insert('dataRequests', { ...request, status: 'closed', closedAt: T0 });
    const open = await ctx.db.insert('dataRequests', { ...request, status: 'open' });
    await ctx.db.insert('dataRequestEvents', { requestId: closed, kind: 'intake', at: T0 });
    await ctx.db.insert('dataRequestEvents', { requestId: closed, kind: 'close', at: T0 });
    await ctx.db.insert('destructionLog', { category: 'notifications', method: 'deleted', count: 3, cutoff: T0 - DAY, days: 365, startedAt: T0, at: T0 });
    return { sent, failed, queued, inactive, active, closed, open };
  });
}

/** Which seeded things are still there (and deliveries: whether they still name anyone). */
async function present(t: TestConvex, ids: Awaited<ReturnType<typeof seed>>) {
  return await t.run(async (ctx) => {
    const sent = await ctx.db.get(ids.sent);
    return {
      settled_deliveries: sent?.destination === '+905321234567' && sent.anonymisedAt === undefined,
      notifications: (await ctx.db.query('workflowNotifications').withIndex('by_createdAt', (q) => q.lte('createdAt', T0)).first()) !== null,
      audit_entries: (await ctx.db.query('auditLogs').withIndex('by_at', (q) => q.lte('at', T0)).first()) !== null,
      history_entries: (await ctx.db.query('recordHistory').withIndex('by_at', (q) => q.lte('at', T0)).first()) !== null,
      inactive_beneficiaries: (await ctx.db.get(ids.inactive)) !== null,
      closed_requests: (await ctx.db.get(ids.closed)) !== null,
    } satisfies Record<RetentionCategory, boolean>;
  });
}

async function runRetention(t: TestConvex) {
  await t.mutation(internal.retention.start, {});
  await t.finishAllScheduledFunctions(() => vi.runAllTimers());
}

describe('retention', () => {
  test('each category goes on its day and not a day before, logged; every batch of a run keeps its query', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const t = newTest();
    const { userId } = await asUser(t, 'yonetici');
    const ids = await seed(t, userId);
    const days = [...new Set(Object.values(RETENTION_DEFAULT_DAYS))].sort((a, b) => a - b);
    const gone = new Set<RetentionCategory>();
    const firstLogged = new Map<string, [number, string]>();
    for (const d of days) {
      const due = RETENTION_CATEGORIES.filter((c) => RETENTION_DEFAULT_DAYS[c] === d);
      // The day before: nothing due is touched.
      vi.setSystemTime(T0 + (d - 1) * DAY + 10 * 60_000);
      await runRetention(t);
      const before = await present(t, ids);
      for (const c of RETENTION_CATEGORIES) expect([c, before[c]]).toEqual([c, !gone.has(c)]);
      // The day itself, ten minutes past T0's hour; the batches run an hour later, with the start's cutoff.
      const startedAt = T0 + d * DAY + 10 * 60_000;
      vi.setSystemTime(startedAt);
      expect(await t.mutation(internal.retention.start, {})).toEqual({ started: true });
      // A second start while the day's runs are going leaves them alone.
      expect(await t.mutation(internal.retention.start, {})).toEqual({ started: false });
      vi.setSystemTime(startedAt + HOUR);
      await t.finishAllScheduledFunctions(() => vi.runAllTimers());
      for (const c of due) gone.add(c);
      const after = await present(t, ids);
      for (const c of RETENTION_CATEGORIES) expect([c, after[c]]).toEqual([c, !gone.has(c)]);
      const logged = await t.run(async (ctx) => ctx.db.query('destructionLog').withIndex('by_at', (q) => q.gte('at', startedAt)).collect());
      // Besides the categories due: the audit entries the earlier runs wrote, once past their period.
      expect(logged.map((r) => r.category).filter((c) => !due.includes(c) && c !== 'audit_entries')).toEqual([]);
      for (const c of due) {
        const row = logged.find((r) => r.category === c);
        expect(row).toMatchObject({ days: d, cutoff: startedAt - d * DAY, startedAt });
        firstLogged.set(c, [row!.count, row!.method]);
      }
    }

    expect(Object.fromEntries(firstLogged)).toEqual({
      settled_deliveries: [2, 'anonymised'],
      notifications: [1, 'deleted'],
      // Not the one half an hour past T0: the cutoff stayed where the run started.
      audit_entries: [RETENTION_BATCH.audit_entries + 2, 'deleted'],
      history_entries: [1, 'deleted'],
      inactive_beneficiaries: [1, 'deleted'],
      closed_requests: [1, 'deleted'],
    });
    // The seeded log row (T0) was pruned at three years; the queued delivery and the open request stay.
    const log = await t.run(async (ctx) => ctx.db.query('destructionLog').collect());
    expect(log.some((r) => r.at === T0)).toBe(false);
    await t.run(async (ctx) => {
      const failed = await ctx.db.get(ids.failed);
      expect(failed).toMatchObject({ state: 'failed', destination: '', attempts: 1 });
      expect(failed).not.toHaveProperty('lastError');
      expect(failed).not.toHaveProperty('payload');
      expect(await ctx.db.get(ids.queued)).toMatchObject({ destination: '+905321234567', state: 'queued' });
      expect(await ctx.db.get(ids.open)).not.toBeNull();
      expect(await ctx.db.get(ids.active)).not.toBeNull();
      expect(await ctx.db.query('recordHistory').withIndex('by_record_at', (q) => q.eq('recordId', String(ids.inactive))).first()).toBeNull();
      expect(await ctx.db.query('dataRequestEvents').withIndex('by_request_at', (q) => q.eq('requestId', ids.closed)).first()).toBeNull();
      expect(await ctx.db.query('retentionRuns').first()).toBeNull();
    });

    // Every batch a run scheduled: same category and cutoff as its run's first, each cursor the
    // one the batch before it returned, and every one succeeded.
    const jobs = await t.run(async (ctx) => ctx.db.system.query('_scheduled_functions').collect());
    const steps = jobs.filter((j) => j.name.includes('retention') && j.name.endsWith('step'));
    const byRun = new Map<string, { category: string; cutoff: number; range: number; cursor: string | null }[]>();
    for (const job of steps) {
      expect(job.state.kind).toBe('success');
      const args = job.args[0] as { runId: string; category: string; cutoff: number; range: number; cursor: string | null };
      byRun.set(args.runId, [...(byRun.get(args.runId) ?? []), args]);
    }
    for (const batches of byRun.values()) {
      const [first] = batches;
      expect(first).toMatchObject({ range: 0, cursor: null });
      for (const b of batches) expect([b.category, b.cutoff]).toEqual([first!.category, first!.cutoff]);
    }
    // One category after the other, every day (two starts a day: the day before and the day).
    const order = steps.map((j) => (j.args[0] as { category: string }).category).filter((c, i, all) => c !== all[i - 1]);
    expect(order).toEqual(Array.from({ length: 2 * days.length }, () => RETENTION_CATEGORIES).flat());
    // The runs on each category's day (cutoff ten minutes past T0): the audit entries took a
    // second batch from the first one's cursor, the beneficiary's long history a second batch from
    // the same place, the deliveries one range per settled state.
    const onItsDay = Object.fromEntries(
      [...byRun.values()].filter((b) => b[0]!.cutoff === T0 + 10 * 60_000).map((b) => [b[0]!.category, b.map((x) => [x.range, x.cursor === null ? 'start' : 'cursor'])]),
    );
    expect(onItsDay).toEqual({
      settled_deliveries: [[0, 'start'], [1, 'start'], [2, 'start']],
      notifications: [[0, 'start']],
      audit_entries: [[0, 'start'], [0, 'cursor']],
      history_entries: [[0, 'start']],
      inactive_beneficiaries: [[0, 'start'], [0, 'start']],
      closed_requests: [[0, 'start']],
    });
    // Each run that destroyed something is audited by the server (those of the first days are
    // themselves gone by now, past the audit period).
    const audited = await t.run(async (ctx) => ctx.db.query('auditLogs').withIndex('by_action', (q) => q.eq('action', 'retention_run')).collect());
    expect(audited.find((e) => e.collection === 'inactive_beneficiaries')).toMatchObject({ summary: { method: 'deleted', count: 1, days: 1825 } });
  });

  test('only an administrator sets the periods, within bounds; the change is audited and applied', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const t = newTest();
    const admin = await asUser(t, 'yonetici', { name: 'Hasan Demir' });
    const clerk = await asUser(t, 'personel');
    const periods = { ...RETENTION_DEFAULT_DAYS, notifications: 30 };
    await expect(clerk.as.mutation(api.retention.setPeriods, { periods })).rejects.toThrow(/yonetici/);
    await expect(clerk.as.query(api.retention.log, { paginationOpts: { cursor: null, numItems: 10 } })).rejects.toThrow(/yonetici/);
    await expect(admin.as.mutation(api.retention.setPeriods, { periods: { ...periods, audit_entries: 30 } })).rejects.toThrow(/too_short/);
    await expect(admin.as.mutation(api.retention.setPeriods, { periods: { ...periods, notifications: 30.5 } })).rejects.toThrow(/not_integer/);
    expect(await admin.as.mutation(api.retention.setPeriods, { periods })).toEqual({ changed: 1 });
    expect(await admin.as.query(api.retention.settings, {})).toMatchObject({ periods, updatedByName: 'Hasan Demir', updatedAt: T0 });
    const audit = await t.run(async (ctx) => ctx.db.query('auditLogs').withIndex('by_action', (q) => q.eq('action', 'retention_change')).collect());
    expect(audit.map((e) => [e.actorName, e.summary])).toEqual([['Hasan Demir', { changed: { notifications: { from: 365, to: 30 } } }]]);

    await t.run(async (ctx) => {
      await ctx.db.insert('workflowNotifications', { recipientId: clerk.userId, kind: 'gorev', title: 'Ziyaret', body: 'x', channels: ['in_app'], status: 'okundu', createdAt: T0 });
    });
    vi.setSystemTime(T0 + 30 * DAY + HOUR);
    await runRetention(t);
    expect(await t.run(async (ctx) => ctx.db.query('workflowNotifications').first())).toBeNull();
    const later = await asUser(t, 'yonetici');
    const log = await later.as.query(api.retention.log, { paginationOpts: { cursor: null, numItems: 10 } });
    expect(log.page.map((r) => [r.category, r.method, r.count, r.days])).toEqual([['notifications', 'deleted', 1, 30]]);
  });
});
