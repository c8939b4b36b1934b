import { describe, expect, test } from 'vitest';
import { api, internal } from './_generated/api';
import type { Id } from './_generated/dataModel';
import { completeTcKimlik, type ImportMode } from '../shared/domain';
import { asUser, newTest, signedInTest } from './convexTest.test-util';

type T = Awaited<ReturnType<typeof signedInTest>>;
type Collection = 'beneficiaries' | 'donations' | 'financeRecords';
type Mode = ImportMode;
type Row = { rowNumber: number; values: Record<string, string | number> };

const TC_A = '17291716060';
const TC_B = completeTcKimlik('284519372');
const TC_C = completeTcKimlik('395126481');

async function run(t: T, collection: Collection, mode: Mode, fileName = 'liste.csv') {
  return await t.mutation(api.imports.startRun, { collection, mode, fileName });
}

async function ingest(t: T, runId: Id<'importRuns'>, batchIndex: number, rows: Row[]) {
  return await t.action(api.imports.ingestBatch, { runId, batchIndex, rows });
}

/** Runs one import of `rows` as a single batch and finishes it. */
async function importOnce(t: T, collection: Collection, mode: Mode, rows: Row[]) {
  const runId = await run(t, collection, mode);
  const result = await ingest(t, runId, 0, rows);
  await t.mutation(api.imports.finishRun, { runId, status: 'completed' });
  return result;
}

async function countDocs(t: T) {
  return await t.run(async (ctx) => {
    const tables = ['beneficiaries', 'donations', 'financeRecords', 'importBatches', 'auditLogs'] as const;
    const out: Record<string, number> = {};
    for (const table of tables) out[table] = (await ctx.db.query(table).collect()).length;
    return out;
  });
}

const donation = (receiptNo: string, extra: Record<string, string | number> = {}) => ({
  receiptNo,
  donorName: 'Ahmet Yılmaz',
  amount: 150_000,
  currency: 'TRY',
  date: '2025-03-01',
  ...extra,
});

const financeRecord = (documentNo: string, extra: Record<string, string | number> = {}) => ({
  documentNo,
  type: 'gider',
  amount: 99_950,
  date: '2025-02-10',
  category: 'Kira',
  counterparty: 'Bina Yönetimi',
  ...extra,
});

describe('insert mode', () => {
  test('inserts beneficiaries with spec defaults and bookkeeping fields', async () => {
    const t = await signedInTest();
    const runId = await run(t, 'beneficiaries', 'insert');
    const result = await ingest(t, runId, 0, [
      { rowNumber: 2, values: { fullName: 'Mehmet Demir', nationalId: TC_A, city: 'İstanbul', householdSize: 4 } },
      { rowNumber: 3, values: { fullName: 'Zeynep Kaya', nationalId: TC_B, status: 'pasif' } },
    ]);
    expect(result.counts).toEqual({ inserted: 2, updated: 0, unchanged: 0, conflict: 0, failed: 0 });
    expect(result.results.map((r) => [r.rowNumber, r.outcome])).toEqual([
      [2, 'inserted'],
      [3, 'inserted'],
    ]);
    const docs = await t.run(async (ctx) => await ctx.db.query('beneficiaries').collect());
    const mehmet = docs.find((d) => d.nationalId === TC_A)!;
    expect(mehmet._id).toBe(result.results[0]!.id);
    expect(mehmet.status).toBe('aktif'); // spec default for an absent optional field
    expect(mehmet.householdSize).toBe(4);
    expect(mehmet.importRunId).toBe(runId);
    expect(mehmet.createdAt).toBeTypeOf('number');
    expect(docs.find((d) => d.nationalId === TC_B)!.status).toBe('pasif');
    // Batches never write the run; finishRun sums their counts.
    expect((await t.query(internal.imports.getRun, { runId }))!.counts.inserted).toBe(0);
    await t.mutation(api.imports.finishRun, { runId, status: 'completed' });
    const stored = await t.query(internal.imports.getRun, { runId });
    expect(stored!.counts).toEqual({ inserted: 2, updated: 0, unchanged: 0, conflict: 0, skipped: 0, failed: 0 });
  });

  test('rejects rows with the domain error codes and keeps the good ones', async () => {
    const t = await signedInTest();
    await importOnce(t, 'beneficiaries', 'insert', [{ rowNumber: 2, values: { fullName: 'Eski Kayıt', nationalId: TC_C } }]);
    const result = await importOnce(t, 'beneficiaries', 'insert', [
      { rowNumber: 2, values: { nationalId: TC_A } },
      { rowNumber: 3, values: { fullName: 'Hatalı Kimlik', nationalId: '17291716050' } },
      { rowNumber: 4, values: { fullName: 'Ali Çelik', nationalId: TC_B, category: 'bilinmeyen' } },
      { rowNumber: 5, values: { fullName: 'Tekrar Eden', nationalId: TC_C } },
      { rowNumber: 6, values: { fullName: 'Fatma Şahin', nationalId: TC_A } },
      { rowNumber: 7, values: { fullName: 'Fatma Şahin', nationalId: TC_A } },
    ]);
    const byRow = new Map(result.results.map((r) => [r.rowNumber, r]));
    expect(byRow.get(2)!.errors).toEqual([expect.objectContaining({ field: 'fullName', code: 'required' })]);
    expect(byRow.get(3)!.errors).toEqual([expect.objectContaining({ field: 'nationalId', code: 'checksum' })]);
    expect(byRow.get(4)!.errors).toEqual([expect.objectContaining({ field: 'category', code: 'unknown_value' })]);
    expect(byRow.get(5)!.errors).toEqual([{ field: 'nationalId', code: 'already_exists' }]);
    // Row 2 (rejected for its missing name) holds TC_A first, so rows 6 and 7 both repeat it.
    expect(byRow.get(6)!.errors).toEqual([{ field: 'nationalId', code: 'duplicate_in_file', params: { row: 2 } }]);
    expect(byRow.get(7)!.errors).toEqual([{ field: 'nationalId', code: 'duplicate_in_file', params: { row: 2 } }]);
    expect(result.counts).toEqual({ inserted: 0, updated: 0, unchanged: 0, conflict: 0, failed: 6 });
  });

  test('a duplicate key later in the batch names the earlier row; the first one is inserted', async () => {
    const t = await signedInTest();
    const result = await importOnce(t, 'donations', 'insert', [
      { rowNumber: 2, values: donation('MK-1') },
      { rowNumber: 3, values: donation('MK-2') },
      { rowNumber: 4, values: donation('MK-1', { donorName: 'Başka Biri' }) },
    ]);
    expect(result.results.map((r) => r.outcome)).toEqual(['inserted', 'inserted', 'rejected']);
    expect(result.results[2]!.errors).toEqual([{ field: 'receiptNo', code: 'duplicate_in_file', params: { row: 2 } }]);
    const docs = await t.run(async (ctx) => await ctx.db.query('donations').collect());
    expect(docs.map((d) => d.receiptNo).sort()).toEqual(['MK-1', 'MK-2']);
    expect(docs.find((d) => d.receiptNo === 'MK-1')!.donorName).toBe('Ahmet Yılmaz');
    expect(docs[0]!.purpose).toBe('genel');
    expect(docs[0]!.status).toBe('tamamlandi');
  });

  test('unknown fields and wrongly typed values are rejected, not written', async () => {
    const t = await signedInTest();
    const result = await importOnce(t, 'financeRecords', 'insert', [
      { rowNumber: 2, values: { ...financeRecord('FT-1'), hacked: 'x' } },
      { rowNumber: 3, values: financeRecord('FT-2', { amount: '100' }) },
      { rowNumber: 4, values: financeRecord('FT-3', { amount: 0 }) },
    ]);
    expect(result.results.map((r) => r.outcome)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(result.results[0]!.errors).toEqual([expect.objectContaining({ field: 'hacked', code: 'unknown_value' })]);
    expect(result.results[1]!.errors!.map((e) => [e.field, e.code])).toEqual([['amount', 'invalid_format']]);
    expect(result.results[2]!.errors!.map((e) => [e.field, e.code])).toEqual([['amount', 'out_of_range']]);
    expect((await countDocs(t)).financeRecords).toBe(0);
  });
});

describe('update mode', () => {
  test('changes only the provided fields and reports missing keys as not_found', async () => {
    const t = await signedInTest();
    await importOnce(t, 'financeRecords', 'insert', [
      { rowNumber: 2, values: financeRecord('FT-1', { description: 'Ocak kirası', status: 'beklemede' }) },
    ]);
    const before = await t.run(async (ctx) => await ctx.db.query('financeRecords').first());

    const result = await importOnce(t, 'financeRecords', 'update', [
      { rowNumber: 2, values: { documentNo: 'FT-1', status: 'onaylandi', amount: 120_000 } },
      { rowNumber: 3, values: { documentNo: 'FT-404', status: 'iptal' } },
      { rowNumber: 4, values: { status: 'iptal' } },
    ]);
    expect(result.results[0]).toEqual({ rowNumber: 2, outcome: 'updated', id: before!._id });
    expect(result.results[1]!.errors).toEqual([{ field: 'documentNo', code: 'not_found' }]);
    expect(result.results[2]!.errors).toEqual([expect.objectContaining({ field: 'documentNo', code: 'required' })]);
    expect(result.counts).toEqual({ inserted: 0, updated: 1, unchanged: 0, conflict: 0, failed: 2 });

    const after = await t.run(async (ctx) => await ctx.db.get(before!._id));
    expect(after).toMatchObject({
      status: 'onaylandi',
      amount: 120_000,
      description: 'Ocak kirası',
      counterparty: 'Bina Yönetimi',
      category: 'Kira',
      date: '2025-02-10',
      createdAt: before!.createdAt,
      // The record remembers the last run that touched it.
      importRunId: (await t.run(async (ctx) => await ctx.db.query('importRuns').order('desc').first()))!._id,
    });
    expect(after!.updatedAt).toBeGreaterThanOrEqual(before!.updatedAt);
    expect((await countDocs(t)).financeRecords).toBe(1);
  });

  test('works for beneficiaries and keeps the search text in step', async () => {
    const t = await signedInTest();
    await importOnce(t, 'beneficiaries', 'insert', [{ rowNumber: 2, values: { fullName: 'Ali Veli', nationalId: TC_A } }]);
    await importOnce(t, 'beneficiaries', 'update', [{ rowNumber: 2, values: { nationalId: TC_A, fullName: 'Ali Can Veli' } }]);
    const page = await t.mutation(api.records.list, {
      collection: 'beneficiaries',
      search: 'can',
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(page.page.map((r) => r.fullName)).toEqual(['Ali Can Veli']);
  });
});

describe('upsert mode', () => {
  test('updates existing keys and inserts new ones', async () => {
    const t = await signedInTest();
    await importOnce(t, 'donations', 'insert', [{ rowNumber: 2, values: donation('MK-1', { notes: 'ilk not' }) }]);
    const result = await importOnce(t, 'donations', 'upsert', [
      { rowNumber: 2, values: donation('MK-1', { amount: 175_000 }) },
      { rowNumber: 3, values: donation('MK-2', { currency: 'EUR' }) },
      { rowNumber: 4, values: { receiptNo: 'MK-3', donorName: 'Eksik Tarih', amount: 5_000 } },
    ]);
    expect(result.results.map((r) => r.outcome)).toEqual(['updated', 'inserted', 'rejected']);
    expect(result.results[2]!.errors).toEqual([expect.objectContaining({ field: 'date', code: 'required' })]);
    expect(result.counts).toEqual({ inserted: 1, updated: 1, unchanged: 0, conflict: 0, failed: 1 });
    const docs = await t.run(async (ctx) => await ctx.db.query('donations').collect());
    expect(docs).toHaveLength(2);
    expect(docs.find((d) => d.receiptNo === 'MK-1')).toMatchObject({ amount: 175_000, notes: 'ilk not' });
    expect(docs.find((d) => d.receiptNo === 'MK-2')).toMatchObject({ currency: 'EUR', status: 'tamamlandi' });
  });

  test('works for beneficiaries and finance records', async () => {
    const t = await signedInTest();
    await importOnce(t, 'beneficiaries', 'insert', [{ rowNumber: 2, values: { fullName: 'Ali Veli', nationalId: TC_A } }]);
    const b = await importOnce(t, 'beneficiaries', 'upsert', [
      { rowNumber: 2, values: { fullName: 'Ali Veli', nationalId: TC_A, city: 'Kars' } },
      { rowNumber: 3, values: { fullName: 'Ayşe Kara', nationalId: TC_B } },
    ]);
    expect(b.counts).toEqual({ inserted: 1, updated: 1, unchanged: 0, conflict: 0, failed: 0 });
    const f = await importOnce(t, 'financeRecords', 'upsert', [{ rowNumber: 2, values: financeRecord('FT-9') }]);
    expect(f.counts).toEqual({ inserted: 1, updated: 0, unchanged: 0, conflict: 0, failed: 0 });
  });
});

describe('batches', () => {
  test('a repeated (runId, batchIndex) returns the first result and writes nothing', async () => {
    const t = await signedInTest();
    const runId = await run(t, 'donations', 'insert');
    const first = await ingest(t, runId, 0, [
      { rowNumber: 2, values: donation('MK-1') },
      { rowNumber: 3, values: { receiptNo: 'MK-2' } },
    ]);
    const docsBefore = await countDocs(t);
    const runBefore = await t.query(internal.imports.getRun, { runId });

    const again = await ingest(t, runId, 0, [
      { rowNumber: 2, values: donation('MK-1') },
      { rowNumber: 3, values: donation('MK-3') },
    ]);
    expect(again).toEqual(first);
    expect(await countDocs(t)).toEqual(docsBefore);
    expect(await t.query(internal.imports.getRun, { runId })).toEqual(runBefore);

    const next = await ingest(t, runId, 1, [{ rowNumber: 4, values: donation('MK-3') }]);
    expect(next.counts.inserted).toBe(1);
    await t.mutation(api.imports.finishRun, { runId, status: 'completed' });
    expect((await t.query(internal.imports.getRun, { runId }))!.counts).toEqual({ inserted: 2, updated: 0, unchanged: 0, conflict: 0, skipped: 0, failed: 1 });
  });

  test('a resumed run can see which batches are done', async () => {
    const t = await signedInTest();
    const runId = await run(t, 'donations', 'insert');
    await ingest(t, runId, 1, [{ rowNumber: 3, values: donation('MK-2') }]);
    await ingest(t, runId, 0, [{ rowNumber: 2, values: donation('MK-1') }]);
    const listed = await t.query(internal.imports.listBatches, { runId, paginationOpts: { numItems: 10, cursor: null } });
    expect(listed.page.map((b) => b.batchIndex)).toEqual([0, 1]);
    expect(listed.page[0]!.counts).toEqual({ inserted: 1, updated: 0, unchanged: 0, conflict: 0, failed: 0 });
    expect(await t.query(internal.imports.batchResults, { runId, batchIndex: 2 })).toBeNull();
    const one = await t.query(internal.imports.batchResults, { runId, batchIndex: 1 });
    expect(one!.results[0]).toMatchObject({ rowNumber: 3, outcome: 'inserted' });
  });

  test('refuses batches that break the input limits', async () => {
    const t = await signedInTest();
    const runId = await run(t, 'donations', 'insert');
    const tooMany = Array.from({ length: 2001 }, (_, i) => ({ rowNumber: i + 2, values: { receiptNo: `R${i}` } }));
    await expect(ingest(t, runId, 0, tooMany)).rejects.toThrow(/at most 2000 rows/);
    const big = 'x'.repeat(2200);
    const tooBig = Array.from({ length: 2000 }, (_, i) => ({ rowNumber: i + 2, values: { receiptNo: `R${i}`, notes: big } }));
    await expect(ingest(t, runId, 0, tooBig)).rejects.toThrow(/bytes/);
    await expect(ingest(t, runId, -1, [])).rejects.toThrow(/batchIndex/);
    await expect(ingest(t, runId, 1.5, [])).rejects.toThrow(/batchIndex/);
    await expect(ingest(t, runId, 0, [{ rowNumber: 0, values: {} }])).rejects.toThrow(/rowNumber/);
    expect((await countDocs(t)).importBatches).toBe(0);
  });

  test('a finished run accepts no more batches', async () => {
    const t = await signedInTest();
    const runId = await run(t, 'donations', 'insert');
    await t.mutation(api.imports.finishRun, { runId, status: 'cancelled' });
    await expect(ingest(t, runId, 0, [{ rowNumber: 2, values: donation('MK-1') }])).rejects.toThrow(/cancelled/);
    // A run that is gone (an id of the right table): refused, nothing written.
    await t.run(async (ctx) => await ctx.db.delete(runId));
    await expect(ingest(t, runId, 0, [{ rowNumber: 2, values: donation('MK-1') }])).rejects.toThrow(/runId: no such import run/);
  });
});

describe('conflicts with the dry run', () => {
  test('the answer reports the values stored now, the batch document keeps none of them, and a repeated batch looks them up again', async () => {
    const t = await signedInTest();
    await importOnce(t, 'beneficiaries', 'insert', [{ rowNumber: 2, values: { fullName: 'Zeynep Kaya', nationalId: TC_B, notes: 'İlk not' } }]);
    const runId = await run(t, 'beneficiaries', 'upsert');
    // The dry run saw no record for TC_C and the first note for TC_B; both moved since.
    const rows: (Row & { expected: Record<string, string | null> | null })[] = [
      { rowNumber: 2, values: { fullName: 'Zeynep Kaya', nationalId: TC_B, notes: 'Yeni not' }, expected: { fullName: 'Zeynep Kaya', notes: 'Eski not' } },
      { rowNumber: 3, values: { fullName: 'Ali Veli', nationalId: TC_C }, expected: null },
    ];
    await importOnce(t, 'beneficiaries', 'insert', [{ rowNumber: 2, values: { fullName: 'Ali Veli', nationalId: TC_C, city: 'Van' } }]);
    const first = await t.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows });
    const reported = [
      { rowNumber: 2, outcome: 'conflict', stored: { notes: 'İlk not' } },
      { rowNumber: 3, outcome: 'conflict', stored: { fullName: 'Ali Veli', nationalId: TC_C } },
    ];
    expect(first.results).toEqual(reported);
    const kept = await t.run(async (ctx) => (await ctx.db.query('importBatches').withIndex('by_run_batch', (q) => q.eq('runId', runId)).unique())!.results);
    expect(kept).toEqual([
      { rowNumber: 2, outcome: 'conflict' },
      { rowNumber: 3, outcome: 'conflict' },
    ]);
    expect(await t.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows })).toEqual(first);
  });

  test('a repeated batch reports what is stored when it is repeated: a record changed back, deleted, or gone from an update', async () => {
    const t = await signedInTest();
    await importOnce(t, 'beneficiaries', 'insert', [
      { rowNumber: 2, values: { fullName: 'Zeynep Kaya', nationalId: TC_B, notes: 'İlk not' } },
      { rowNumber: 3, values: { fullName: 'Ali Veli', nationalId: TC_C } },
    ]);
    const upsert = await run(t, 'beneficiaries', 'upsert');
    const update = await run(t, 'beneficiaries', 'update');
    const rows: (Row & { expected: Record<string, string | null> | null })[] = [
      { rowNumber: 2, values: { fullName: 'Zeynep Kaya', nationalId: TC_B, notes: 'Yeni not' }, expected: { notes: 'Eski not' } },
      { rowNumber: 3, values: { fullName: 'Ali Veli', nationalId: TC_C }, expected: null },
    ];
    const updateRows = [{ rowNumber: 5, values: { nationalId: TC_C, city: 'Van' }, expected: { city: 'Muş' } }];
    expect((await t.action(api.imports.ingestBatch, { runId: upsert, batchIndex: 0, rows })).counts).toMatchObject({ conflict: 2 });
    expect((await t.action(api.imports.ingestBatch, { runId: update, batchIndex: 0, rows: updateRows })).results).toEqual([
      { rowNumber: 5, outcome: 'conflict', stored: { city: null } },
    ]);
    // Since: TC_B's note put back to what the dry run saw, TC_C's record deleted.
    await t.run(async (ctx) => {
      const byTc = async (nationalId: string) => (await ctx.db.query('beneficiaries').withIndex('by_nationalId', (q) => q.eq('nationalId', nationalId)).unique())!;
      await ctx.db.patch((await byTc(TC_B))._id, { notes: 'Eski not' });
      await ctx.db.delete((await byTc(TC_C))._id);
    });
    const repeated = await t.action(api.imports.ingestBatch, { runId: upsert, batchIndex: 0, rows });
    expect(repeated.results).toEqual([
      { rowNumber: 2, outcome: 'conflict', stored: { fullName: 'Zeynep Kaya', nationalId: TC_B, notes: 'Eski not' } },
      { rowNumber: 3, outcome: 'conflict', stored: null },
    ]);
    // The update's record is gone: its row would be "not found" now; the conflict reports nothing stored.
    expect((await t.action(api.imports.ingestBatch, { runId: update, batchIndex: 0, rows: updateRows })).results).toEqual([{ rowNumber: 5, outcome: 'conflict', stored: null }]);
  });

  test('a row that has become invalid since the dry run is refused with its error, not reported as a conflict', async () => {
    const t = await signedInTest();
    const runId = await run(t, 'beneficiaries', 'insert');
    // The dry run saw no record for TC_C; another PC inserted it before this batch.
    await importOnce(t, 'beneficiaries', 'insert', [{ rowNumber: 2, values: { fullName: 'Ali Veli', nationalId: TC_C } }]);
    const result = await t.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows: [{ rowNumber: 2, values: { fullName: 'Ali Veli', nationalId: TC_C, city: 'Van' }, expected: null }] });
    expect(result.counts).toMatchObject({ failed: 1, conflict: 0 });
    expect(result.results).toEqual([{ rowNumber: 2, outcome: 'rejected', errors: [{ field: 'nationalId', code: 'already_exists' }] }]);
  });
});

describe('finishRun', () => {
  async function auditEntries(t: T) {
    return await t.run(async (ctx) => await ctx.db.query('auditLogs').collect());
  }

  test('writes exactly one audit entry even when called twice', async () => {
    const { as: t, userId } = await asUser(newTest(), 'personel', { name: 'Ayşe Yılmaz' });
    const runId = await t.mutation(api.imports.startRun, {
      collection: 'donations',
      mode: 'insert',
      fileName: 'bagislar.csv',
      totalRows: 3,
    });
    await ingest(t, runId, 0, [{ rowNumber: 2, values: donation('MK-1') }]);
    const done = await t.mutation(api.imports.finishRun, { runId, status: 'completed', skipped: 2 });
    expect(done).toMatchObject({ status: 'completed', counts: { inserted: 1, updated: 0, unchanged: 0, conflict: 0, skipped: 2, failed: 0 } });
    const second = await t.mutation(api.imports.finishRun, { runId, status: 'failed', error: 'late' });
    expect(second.status).toBe('completed');

    const imports = (await auditEntries(t)).filter((e) => e.action === 'import' && e.summary.status !== 'started');
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({
      collection: 'donations',
      actorId: userId,
      actorName: 'Ayşe Yılmaz',
      summary: {
        fileName: 'bagislar.csv',
        mode: 'insert',
        status: 'completed',
        counts: { inserted: 1, updated: 0, unchanged: 0, conflict: 0, failed: 0 },
        receivedRows: 1,
        reportedByClient: { skipped: 2 },
      },
    });
    const stored = await t.query(internal.imports.getRun, { runId });
    expect(stored).toMatchObject({ status: 'completed', counts: { skipped: 2 } });
    expect(stored!.finishedAt).toBeTypeOf('number');
  });

  test('counts rows the client rejected and tells the person who ran it', async () => {
    const { as: t, userId } = await asUser(newTest(), 'personel', { name: 'Ayşe Yılmaz' });
    const runId = await t.mutation(api.imports.startRun, {
      collection: 'donations',
      mode: 'insert',
      fileName: 'bagislar.csv',
    });
    await ingest(t, runId, 0, [{ rowNumber: 2, values: donation('MK-9') }]);
    const done = await t.mutation(api.imports.finishRun, { runId, status: 'completed', rejectedBeforeSend: 4 });
    expect(done.counts).toMatchObject({ inserted: 1, failed: 4 });
    const inbox = await t.run(async (ctx) => await ctx.db.query('workflowNotifications').collect());
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ recipientId: userId, kind: 'ice_aktarma' });
    expect(inbox[0]!.title).toContain('bagislar.csv');
    expect(inbox[0]!.body).toContain('4 hatalı');
  });

  test('failed and cancelled runs are audited too', async () => {
    const t = await signedInTest();
    const failed = await run(t, 'beneficiaries', 'upsert');
    const cancelled = await run(t, 'financeRecords', 'update');
    await t.mutation(api.imports.finishRun, { runId: failed, status: 'failed', error: 'bağlantı koptu' });
    await t.mutation(api.imports.finishRun, { runId: cancelled, status: 'cancelled' });
    await t.mutation(api.imports.finishRun, { runId: cancelled, status: 'cancelled' });
    const entries = await auditEntries(t);
    expect(entries.map((e) => [e.collection, e.summary.status])).toEqual([
      ['beneficiaries', 'started'],
      ['financeRecords', 'started'],
      ['beneficiaries', 'failed'],
      ['financeRecords', 'cancelled'],
    ]);
    expect(entries[2]!.summary.error).toBe('bağlantı koptu');
    expect((await t.query(internal.imports.getRun, { runId: failed }))!.error).toBe('bağlantı koptu');
  });

  test('listRuns pages newest first', async () => {
    const t = await signedInTest();
    const a = await run(t, 'donations', 'insert', 'a.csv');
    const b = await run(t, 'donations', 'insert', 'b.csv');
    const page = await t.query(api.imports.listRuns, { paginationOpts: { numItems: 1, cursor: null } });
    expect(page.page.map((r) => r._id)).toEqual([b]);
    const rest = await t.query(api.imports.listRuns, { paginationOpts: { numItems: 5, cursor: page.continueCursor } });
    expect(rest.page.map((r) => r._id)).toEqual([a]);
  });

  test("listRuns names the person who started each run (the history's Kişi column)", async () => {
    const { as: t } = await asUser(newTest(), 'personel', { name: 'Ayşe Yılmaz' });
    await run(t, 'donations', 'insert', 'a.csv');
    const { page } = await t.query(api.imports.listRuns, { paginationOpts: { numItems: 5, cursor: null } });
    expect(page.map((r) => r.actorName)).toEqual(['Ayşe Yılmaz']);
  });
});
