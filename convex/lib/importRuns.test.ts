// The audit of import runs cannot be bent (issue #22 item 5): only the person who started a run
// sends its batches or finishes it; a run is audited when it starts and when it ends, with the
// server's own figures; a run left idle for a day is closed by the cron; strings are capped.
import { ConvexError } from 'convex/values';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { api, internal } from '../_generated/api';
import type { Id } from '../_generated/dataModel';
import { MAX_AUDIT_STRING } from './audit';
import { IDLE_RUN_MS } from './importRuns';
import { asUser, newTest, type TestConvex } from '../convexTest.test-util';

const donation = (receiptNo: string, amount = 150_000) => ({ receiptNo, donorName: 'Ahmet Yılmaz', amount, currency: 'TRY', date: '2025-03-01' });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'allowed';
  } catch (err) {
    if (err instanceof ConvexError && typeof err.data === 'object') return String((err.data as { code?: string }).code);
    throw err;
  }
}

async function importEntries(t: TestConvex) {
  return await t.run(async (ctx) => (await ctx.db.query('auditLogs').collect()).filter((e) => e.action === 'import'));
}

describe('a run belongs to the person who started it', () => {
  test("a colleague can neither send rows into it, replay its batches, nor finish it", async () => {
    const t = newTest();
    const ayse = await asUser(t, 'personel', { name: 'Ayşe Yılmaz' });
    const bora = await asUser(t, 'personel', { name: 'Bora Demir' });
    const runId = await ayse.as.mutation(api.imports.startRun, { collection: 'donations', mode: 'insert', fileName: 'bagislar.csv' });
    await ayse.as.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows: [{ rowNumber: 2, values: donation('MK-1') }] });

    expect(await codeOf(bora.as.action(api.imports.ingestBatch, { runId, batchIndex: 1, rows: [{ rowNumber: 3, values: donation('MK-2') }] }))).toBe('not_your_run');
    // A batch already applied: its stored results are not handed to a colleague either.
    expect(await codeOf(bora.as.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows: [] }))).toBe('not_your_run');
    expect(await codeOf(bora.as.mutation(api.imports.finishRun, { runId, status: 'cancelled' }))).toBe('not_your_run');
    // An administrator is not the run's owner either: nobody writes under someone else's name.
    const admin = await asUser(t, 'yonetici');
    expect(await codeOf(admin.as.mutation(api.imports.finishRun, { runId, status: 'cancelled' }))).toBe('not_your_run');

    expect(await t.run(async (ctx) => (await ctx.db.query('donations').collect()).map((d) => d.receiptNo))).toEqual(['MK-1']);
    const done = await ayse.as.mutation(api.imports.finishRun, { runId, status: 'completed' });
    expect(done.status).toBe('completed');
  });
});

describe('the audit entries of a run', () => {
  test('one when it starts (who, file, record type, mode, declared rows), before any row is written', async () => {
    const t = newTest();
    const ayse = await asUser(t, 'personel', { name: 'Ayşe Yılmaz' });
    const runId = await ayse.as.mutation(api.imports.startRun, { collection: 'donations', mode: 'upsert', fileName: 'bagislar.csv', totalRows: 120 });
    expect(await importEntries(t)).toEqual([
      expect.objectContaining({
        actorId: ayse.userId,
        actorName: 'Ayşe Yılmaz',
        collection: 'donations',
        summary: { runId, fileName: 'bagislar.csv', mode: 'upsert', status: 'started', declaredRows: 120 },
      }),
    ]);
  });

  test("the end entry's counts and control totals are the server's; what the client reported is kept apart", async () => {
    const t = newTest();
    const ayse = await asUser(t, 'personel');
    const runId = await ayse.as.mutation(api.imports.startRun, {
      collection: 'donations',
      mode: 'insert',
      fileName: 'banka.csv',
      totalRows: 3,
      // The client claims its file has 3 rows totalling 450,000, as the staff member expects.
      controlTotals: { expectedRows: 3, expectedAmount: 450_000, fileRows: 3, fileAmount: 450_000 },
    });
    // It sends two rows, one of them a receipt number already stored.
    await ayse.as.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows: [{ rowNumber: 2, values: donation('MK-1', 100_000) }] });
    await ayse.as.action(api.imports.ingestBatch, { runId, batchIndex: 1, rows: [{ rowNumber: 3, values: donation('MK-1', 200_000) }] });
    await ayse.as.mutation(api.imports.finishRun, { runId, status: 'completed', skipped: 0, rejectedBeforeSend: 0 });

    const end = (await importEntries(t)).find((e) => e.summary.status === 'completed')!;
    expect(end.summary).toMatchObject({
      counts: { inserted: 1, updated: 0, unchanged: 0, conflict: 0, failed: 1 },
      receivedRows: 2,
      reportedByClient: { skipped: 0, rejectedBeforeSend: 0 },
      controlTotals: { expectedRows: 3, expectedAmount: 450_000, receivedRows: 2, receivedAmount: 300_000 },
    });
    expect(JSON.stringify(end.summary)).not.toMatch(/fileRows|fileAmount/);
  });

  test('strings in audit entries are capped', async () => {
    const t = newTest();
    const ayse = await asUser(t, 'personel');
    const runId = await ayse.as.mutation(api.imports.startRun, { collection: 'donations', mode: 'insert', fileName: 'x.csv' });
    await ayse.as.mutation(api.imports.finishRun, { runId, status: 'failed', error: 'E'.repeat(20_000) });
    await t.mutation(internal.audit.record, { action: 'export', collection: 'c'.repeat(900), summary: { deep: [{ text: 'y'.repeat(5000) }], ['k'.repeat(900)]: 1 } });
    const entries = await t.run(async (ctx) => await ctx.db.query('auditLogs').collect());
    const longest = Math.max(
      ...entries.flatMap((e) => [e.action, e.collection ?? '', ...JSON.stringify(e.summary).match(/"[^"]*"/g)!].map((s) => s.replace(/^"|"$/g, '').length)),
    );
    expect(longest).toBe(MAX_AUDIT_STRING);
    const stored = await t.run(async (ctx) => await ctx.db.get(runId));
    expect(stored!.error!.length).toBeLessThanOrEqual(MAX_AUDIT_STRING);
  });
});

describe('runs nobody finished', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('are closed by the cron after a day without a batch, with an end entry; an active run stays open', async () => {
    vi.useFakeTimers();
    const t0 = Date.UTC(2026, 11, 1, 8, 0, 0);
    vi.setSystemTime(t0);
    const t = newTest();
    const ayse = await asUser(t, 'personel', { name: 'Ayşe Yılmaz' });
    const idle: Id<'importRuns'>[] = [];
    for (const name of ['a.csv', 'b.csv']) {
      const runId = await ayse.as.mutation(api.imports.startRun, { collection: 'donations', mode: 'insert', fileName: name });
      await ayse.as.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows: [{ rowNumber: 2, values: donation(`MK-${name}`) }] });
      idle.push(runId);
    }
    const active = await ayse.as.mutation(api.imports.startRun, { collection: 'donations', mode: 'insert', fileName: 'c.csv' });
    // A day later the active run sends another batch; the other two sent nothing more.
    vi.setSystemTime(t0 + IDLE_RUN_MS + 60_000);
    await ayse.as.action(api.imports.ingestBatch, { runId: active, batchIndex: 0, rows: [{ rowNumber: 2, values: donation('MK-c') }] });
    vi.setSystemTime(t0 + IDLE_RUN_MS + 120_000);

    // One run per call; the rest by the calls it schedules (the same cutoff for every page).
    const first = await t.mutation(internal.imports.closeIdleRuns, {});
    expect(first).toEqual({ closed: 1, more: true });
    await t.finishAllScheduledFunctions(vi.runAllTimers);

    const runs = await t.run(async (ctx) => await Promise.all([...idle, active].map((id) => ctx.db.get(id))));
    expect(runs.map((r) => r!.status)).toEqual(['failed', 'failed', 'running']);
    const ends = (await importEntries(t)).filter((e) => e.summary.status !== 'started');
    expect(ends).toHaveLength(2);
    expect(ends[0]).toMatchObject({ actorName: 'Ayşe Yılmaz', summary: { closedBy: 'idle', status: 'failed', counts: { inserted: 1 }, receivedRows: 1 } });
  });
});
