// Concurrent batches of one import run must not contend: a real backend runs them at the same
// time and retries (then fails) a mutation whose reads another one wrote (OCC). convex-test runs
// them one after another, so this records what each batch reads and writes — documents by id,
// and index ranges — and proves two batches of one run share nothing either of them writes.
import { describe, expect, test } from 'vitest';
import { api } from '../_generated/api';
import type { MutationCtx } from '../_generated/server';
import { completeTcKimlik } from '../../shared/domain';
import { applyBatchOnce, type BatchRow } from './importBatch';
import { signedInTest } from '../convexTest.test-util';

type Range = { table: string; eq: [string, unknown][] };
interface Access {
  readIds: Set<string>;
  writeIds: Map<string, string>; // id → table
  ranges: Range[];
}

/** A db that forwards every call and notes what the transaction read and wrote. */
function recording(ctx: MutationCtx): { ctx: MutationCtx; access: Access } {
  const access: Access = { readIds: new Set(), writeIds: new Map(), ranges: [] };
  const db = ctx.db as unknown as Record<string, (...args: unknown[]) => unknown>;
  const noteDocs = (result: unknown) => {
    const docs = Array.isArray(result) ? result : result && typeof result === 'object' && 'page' in result ? (result as { page: unknown[] }).page : [result];
    for (const d of docs) if (d && typeof d === 'object' && '_id' in d) access.readIds.add(String((d as { _id: string })._id));
    return result;
  };
  const wrapQuery = (table: string, query: Record<string, (...a: unknown[]) => unknown>): unknown =>
    new Proxy(query, {
      get(target, prop) {
        const value = target[prop as string];
        if (typeof value !== 'function') return value;
        if (prop === 'withIndex') {
          return (name: string, build?: (q: unknown) => unknown) => {
            const range: Range = { table, eq: [] };
            access.ranges.push(range);
            const recorder = (q: Record<string, (...a: unknown[]) => unknown>): unknown =>
              new Proxy(q, {
                get(qt, qp) {
                  const fn = qt[qp as string];
                  if (typeof fn !== 'function') return fn;
                  return (...args: unknown[]) => {
                    // Only equality narrows the range here; gt/lt bounds are treated as the whole prefix.
                    if (qp === 'eq') range.eq.push([args[0] as string, args[1]]);
                    return recorder(fn.apply(qt, args) as Record<string, (...a: unknown[]) => unknown>);
                  };
                },
              });
            const next = value.call(target, name, build ? (q: unknown) => build(recorder(q as Record<string, (...a: unknown[]) => unknown>)) : undefined);
            return wrapQuery(table, next as Record<string, (...a: unknown[]) => unknown>);
          };
        }
        if (['first', 'unique', 'take', 'collect', 'paginate'].includes(prop as string)) {
          return async (...args: unknown[]) => noteDocs(await value.apply(target, args));
        }
        return (...args: unknown[]) => {
          const next = value.apply(target, args);
          return next && typeof next === 'object' ? wrapQuery(table, next as Record<string, (...a: unknown[]) => unknown>) : next;
        };
      },
    });
  const tableOf = (id: string) =>
    ['beneficiaries', 'donations', 'financeRecords', 'importRuns', 'importBatches', 'importBatchCounts', 'importChanges'].find(
      (table) => ctx.db.normalizeId(table as 'importRuns', id) !== null,
    ) ?? '?';
  const recDb = new Proxy(db, {
    get(target, prop) {
      const value = target[prop as string];
      if (typeof value !== 'function') return value;
      switch (prop) {
        case 'get':
          return async (...args: unknown[]) => {
            const id = String(args.length === 2 ? args[1] : args[0]);
            access.readIds.add(id);
            return await value.apply(target, args);
          };
        case 'query':
          return (table: string) => wrapQuery(table, value.call(target, table) as Record<string, (...a: unknown[]) => unknown>);
        case 'insert':
          return async (table: string, doc: unknown) => {
            const id = String(await value.call(target, table, doc));
            access.writeIds.set(id, table);
            return id;
          };
        case 'patch':
        case 'replace':
        case 'delete':
          return async (...args: unknown[]) => {
            const id = String(args.length === 3 || (prop === 'delete' && args.length === 2) ? args[1] : args[0]);
            access.writeIds.set(id, tableOf(id));
            return await value.apply(target, args);
          };
        default:
          return value.bind(target);
      }
    },
  });
  return { ctx: { ...ctx, db: recDb as unknown as MutationCtx['db'] }, access };
}

const TC = Array.from({ length: 8 }, (_, i) => completeTcKimlik(String(284519370 + i * 1111)));
const person = (rowNumber: number, i: number, phone: string): BatchRow => ({
  rowNumber,
  values: { fullName: `Kişi ${i}`, nationalId: TC[i]!, phone, city: 'Bursa' },
});

describe('concurrent batches of one run', () => {
  test('read and write no common document: no batch writes what the other reads or writes, and none writes the run', async () => {
    const t = await signedInTest();
    // Stored records for both batches to update.
    const seed = await t.mutation(api.imports.startRun, { collection: 'beneficiaries', mode: 'insert', fileName: 'ilk.csv' });
    await t.action(api.imports.ingestBatch, { runId: seed, batchIndex: 0, rows: [0, 1, 4, 5].map((i, n) => person(n + 2, i, '+905321110000')) });
    await t.mutation(api.imports.finishRun, { runId: seed, status: 'completed' });

    const runId = await t.mutation(api.imports.startRun, { collection: 'beneficiaries', mode: 'upsert', fileName: 'duzeltilmis.csv' });
    const actorId = (await t.query(api.users.me, {})).id;
    const batchA = [person(2, 0, '+905329990000'), person(3, 1, '+905321110000'), person(4, 2, '+905321234567'), person(5, 3, '+905321234568')];
    const batchB = [person(6, 4, '+905329990001'), person(7, 5, '+905321110000'), person(8, 6, '+905321234569'), person(9, 7, '+905321234560')];
    const run = async (batchIndex: number, rows: BatchRow[]) =>
      await t.run(async (ctx) => {
        const rec = recording(ctx as unknown as MutationCtx);
        const result = await applyBatchOnce(rec.ctx, { runId, batchIndex, rows, actorId });
        const { readIds, writeIds, ranges } = rec.access;
        return { result, access: { readIds: [...readIds], writeIds: [...writeIds], ranges } };
      });
    const accessOf = (r: Awaited<ReturnType<typeof run>>): Access => ({
      readIds: new Set(r.access.readIds),
      writeIds: new Map(r.access.writeIds),
      ranges: r.access.ranges as Range[],
    });
    const ra = await run(0, batchA);
    const rb = await run(1, batchB);
    const a = { result: ra.result, access: accessOf(ra) };
    const b = { result: rb.result, access: accessOf(rb) };
    expect(a.result.counts).toMatchObject({ inserted: 2, updated: 1, unchanged: 1 });
    expect(b.result.counts).toMatchObject({ inserted: 2, updated: 1, unchanged: 1 });

    // Documents written by one batch in a range or by id the other one read or wrote.
    const clashes = async (x: Access, y: Access) => {
      const out: string[] = [];
      for (const [id, table] of x.writeIds) {
        if (y.readIds.has(id) || y.writeIds.has(id)) out.push(`${table} ${id}`);
        const doc = (await t.run(async (ctx) => await ctx.db.get(id as never))) as Record<string, unknown> | null;
        if (doc === null) continue;
        for (const range of y.ranges) {
          if (range.table === table && range.eq.every(([field, value]) => doc[field] === value)) out.push(`${table} ${id} in ${JSON.stringify(range.eq)}`);
        }
      }
      return out;
    };
    expect(await clashes(a.access, b.access)).toEqual([]);
    expect(await clashes(b.access, a.access)).toEqual([]);
    // The one document both read is the run, which neither writes.
    expect([...a.access.readIds].filter((id) => b.access.readIds.has(id))).toEqual([runId]);
    expect(a.access.writeIds.has(runId) || b.access.writeIds.has(runId)).toBe(false);
    // Both batches did write: their records, changes, results, counts and the records' history.
    expect([...new Set(a.access.writeIds.values())].sort()).toEqual(['beneficiaries', 'importBatchCounts', 'importBatches', 'importChanges', 'recordHistory']);

    // finishRun sums the batches' counts.
    const done = await t.mutation(api.imports.finishRun, { runId, status: 'completed' });
    expect(done.counts).toMatchObject({ inserted: 4, updated: 2, unchanged: 2, failed: 0 });
  });
});
