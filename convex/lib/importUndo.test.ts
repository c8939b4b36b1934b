// The import history's listings (page sizes capped, read budgets on) and the daily cleanup of
// undo data once an import can no longer be undone, on a deployment with the transaction limits.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { api, internal } from '../_generated/api';
import type { Doc, Id } from '../_generated/dataModel';
import crons from '../crons';
import { MAX_RUNS_PAGE } from '../imports';
import { CLEANUP_BATCH, MAX_KEPT_PAGE, UNDO_STEP_ROWS } from './importUndo';
import { signedInTest } from '../convexTest.test-util';

type T = Awaited<ReturnType<typeof signedInTest>>;
const DAY = 86_400_000;
const NOW = Date.parse('2026-06-15T12:00:00Z');

afterEach(() => {
  vi.useRealTimers();
});

function runDoc(finishedAt: number, extra: Partial<Doc<'importRuns'>> = {}) {
  return {
    collection: 'beneficiaries' as const,
    mode: 'upsert' as const,
    fileName: 'liste.xlsx',
    status: 'completed' as const,
    counts: { inserted: 0, updated: 0, unchanged: 0, conflict: 0, skipped: 0, failed: 0 },
    startedAt: finishedAt - 60_000,
    finishedAt,
    ...extra,
  };
}

/** `count` recorded changes of `runId`, written at `at` (+ i ms), in `state`. */
async function seedChanges(t: T, runId: Id<'importRuns'>, count: number, at: number, state: 'applied' | 'undone' | 'kept' = 'applied') {
  await t.run(async (ctx) => {
    for (let i = 0; i < count; i++) {
      await ctx.db.insert('importChanges', {
        runId,
        collection: 'beneficiaries',
        recordId: `rec${i}`,
        key: String(10_000_000_000 + i),
        action: 'created',
        after: { fullName: `Kişi ${i}` },
        at: at + i,
        rowNumber: i + 2,
        state,
      });
    }
  });
}

const changesOf = (t: T, runId: Id<'importRuns'>) =>
  t.run(async (ctx) => (await ctx.db.query('importChanges').withIndex('by_run_state', (q) => q.eq('runId', runId)).take(5_000)).length);

describe('listings', () => {
  test('the run list returns at most MAX_RUNS_PAGE runs a page, newest first, and goes on from its cursor', async () => {
    const t = await signedInTest();
    const total = MAX_RUNS_PAGE + 20;
    await t.run(async (ctx) => {
      for (let i = 0; i < total; i++) await ctx.db.insert('importRuns', runDoc(NOW + i * 1000, { fileName: `f${i}.csv` }));
    });
    const first = await t.query(api.imports.listRuns, { paginationOpts: { numItems: 10_000, cursor: null } });
    expect(first.page).toHaveLength(MAX_RUNS_PAGE);
    expect(first.isDone).toBe(false);
    expect(first.page[0]!.fileName).toBe(`f${total - 1}.csv`);
    const second = await t.query(api.imports.listRuns, { paginationOpts: { numItems: 10_000, cursor: first.continueCursor } });
    expect(second.page.map((r) => r.fileName)).toEqual(Array.from({ length: 20 }, (_, i) => `f${19 - i}.csv`));
    expect(second.isDone).toBe(true);
  });

  test('the rows an undo kept come at most MAX_KEPT_PAGE a page', async () => {
    const t = await signedInTest();
    const runId = await t.run(async (ctx) => await ctx.db.insert('importRuns', runDoc(NOW)));
    await seedChanges(t, runId, MAX_KEPT_PAGE + 5, NOW, 'kept');
    const first = await t.query(api.imports.undoKept, { runId, paginationOpts: { numItems: 5_000, cursor: null } });
    expect(first.page).toHaveLength(MAX_KEPT_PAGE);
    const second = await t.query(api.imports.undoKept, { runId, paginationOpts: { numItems: 5_000, cursor: first.continueCursor } });
    expect(second.page.map((k) => k.rowNumber)).toEqual([1002, 1003, 1004, 1005, 1006]);
    expect(second.isDone).toBe(true);
  });
});

describe('undo steps', () => {
  test("each step removes at most UNDO_STEP_ROWS of the run's consents and records together, consents first", async () => {
    const t = await signedInTest();
    const runId = await t.run(async (ctx) => {
      const runId = await ctx.db.insert('importRuns', runDoc(Date.now() - DAY));
      const user = (await ctx.db.query('users').first())!;
      for (let i = 0; i < UNDO_STEP_ROWS + 2; i++) {
        await ctx.db.insert('consents', {
          subjectKey: `tc:${10_000_000_000 + i}`,
          purpose: 'sms',
          noticeVersion: 'v1',
          givenAt: NOW,
          method: 'paper',
          recordedById: user._id,
          recordedByName: user.name ?? '',
          recordedAt: NOW,
          importRunId: runId,
        });
      }
      return runId;
    });
    // Records that are gone since: each change is kept (one read and one write each, like an undone one).
    await seedChanges(t, runId, UNDO_STEP_ROWS, NOW);
    const steps = [];
    let step;
    do {
      step = await t.mutation(api.imports.undoStep, { runId });
      steps.push({ ...step.counts, done: step.done });
    } while (!step.done);
    expect(steps).toEqual([
      { deleted: 0, restored: 0, kept: 0, consents: UNDO_STEP_ROWS, done: false },
      { deleted: 0, restored: 0, kept: UNDO_STEP_ROWS - 2, consents: UNDO_STEP_ROWS + 2, done: false },
      { deleted: 0, restored: 0, kept: UNDO_STEP_ROWS, consents: UNDO_STEP_ROWS + 2, done: true },
    ]);
  });
});

describe('cleanup of undo data', () => {
  test('deletes the changes of runs past their 30 days in batches, rescheduling itself, and keeps what can still be undone', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    const t = await signedInTest();
    const ids = await t.run(async (ctx) => ({
      // Past its 30 days: everything goes, more than one batch of it.
      old: await ctx.db.insert('importRuns', runDoc(NOW - 31 * DAY)),
      // Its rows were written 31 days ago, but the run ended 29 days ago: still undoable.
      longRun: await ctx.db.insert('importRuns', runDoc(NOW - 29 * DAY, { startedAt: NOW - 32 * DAY })),
      // An undo begun in time may finish later: it still needs its rows.
      undoing: await ctx.db.insert(
        'importRuns',
        runDoc(NOW - 40 * DAY, { undo: { status: 'running', startedAt: NOW - 10 * DAY, counts: { deleted: 3, restored: 0, kept: 0 } } }),
      ),
      // Undone long ago: its undone/kept rows go too.
      undone: await ctx.db.insert(
        'importRuns',
        runDoc(NOW - 45 * DAY, { undo: { status: 'done', startedAt: NOW - 44 * DAY, finishedAt: NOW - 44 * DAY, counts: { deleted: 0, restored: 0, kept: 7 } } }),
      ),
      // Left running (the PC stopped): may still finish and be undone.
      stuck: await ctx.db.insert('importRuns', runDoc(NOW - 50 * DAY, { status: 'running', finishedAt: undefined })),
      recent: await ctx.db.insert('importRuns', runDoc(NOW - DAY)),
      // Ended exactly 30 days ago: still undoable (the undo refuses only after the 30 days).
      edge: await ctx.db.insert('importRuns', runDoc(NOW - 30 * DAY)),
    }));
    const oldRows = CLEANUP_BATCH + 300;
    await seedChanges(t, ids.old, oldRows, NOW - 32 * DAY);
    await seedChanges(t, ids.longRun, 10, NOW - 31 * DAY);
    await seedChanges(t, ids.undoing, 5, NOW - 41 * DAY);
    await seedChanges(t, ids.undone, 7, NOW - 46 * DAY, 'kept');
    await seedChanges(t, ids.stuck, 4, NOW - 50 * DAY);
    await seedChanges(t, ids.recent, 6, NOW - DAY);
    await seedChanges(t, ids.edge, 2, NOW - 30 * DAY - 1_000);

    const first = await t.mutation(internal.imports.cleanupChanges, {});
    // One call reads one batch, oldest first, and leaves the rest to the call it scheduled.
    expect(first.more).toBe(true);
    expect(first.deleted + first.kept).toBeLessThanOrEqual(CLEANUP_BATCH);
    expect(await changesOf(t, ids.old)).toBeGreaterThan(0);

    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await changesOf(t, ids.old)).toBe(0);
    expect(await changesOf(t, ids.undone)).toBe(0);
    expect(await changesOf(t, ids.longRun)).toBe(10);
    expect(await changesOf(t, ids.undoing)).toBe(5);
    expect(await changesOf(t, ids.stuck)).toBe(4);
    expect(await changesOf(t, ids.recent)).toBe(6);
    expect(await changesOf(t, ids.edge)).toBe(2);

    // The next day's run finds only what must stay, and schedules nothing more.
    vi.setSystemTime(NOW + 2 * DAY);
    expect(await t.mutation(internal.imports.cleanupChanges, {})).toEqual({ deleted: 12, kept: 9, more: false });
    expect(await changesOf(t, ids.edge)).toBe(0);
    expect(await changesOf(t, ids.longRun)).toBe(0);
  });

  test('a continuation keeps the first call’s cutoff, so its cursor belongs to the same query', async () => {
    // A real backend hashes the query's range into the cursor and refuses a cursor from another
    // range: with Date.now() recomputed, every continuation failed (1,000 rows a day at most).
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    const t = await signedInTest();
    const ids = await t.run(async (ctx) => ({
      old: await ctx.db.insert('importRuns', runDoc(NOW - 31 * DAY)),
      // Within its 30 days at the first call, past them a day later.
      edge: await ctx.db.insert('importRuns', runDoc(NOW - 29.5 * DAY)),
    }));
    await seedChanges(t, ids.old, CLEANUP_BATCH + 50, NOW - 32 * DAY);
    await seedChanges(t, ids.edge, 8, NOW - 29.5 * DAY);

    const first = await t.mutation(internal.imports.cleanupChanges, {});
    expect(first.more).toBe(true);
    const scheduled = await t.run(async (ctx) => await ctx.db.system.query('_scheduled_functions').collect());
    expect(scheduled.map((f) => f.args[0])).toEqual([{ cutoff: NOW - 30 * DAY, cursor: expect.any(String) }]);

    // The continuation runs a day later: it still pages the first call's range.
    vi.setSystemTime(NOW + DAY);
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await changesOf(t, ids.old)).toBe(0);
    expect(await changesOf(t, ids.edge)).toBe(8);
    // The next daily run has a cutoff of its own.
    expect(await t.mutation(internal.imports.cleanupChanges, {})).toEqual({ deleted: 8, kept: 0, more: false });
  });

  test('runs daily from crons.ts', () => {
    expect(Object.values(crons.crons)).toContainEqual({
      name: 'imports:cleanupChanges',
      args: [{}],
      schedule: { type: 'daily', hourUTC: 0, minuteUTC: 30 },
    });
  });
});
