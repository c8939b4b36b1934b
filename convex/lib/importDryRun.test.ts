// The dry run against live data, conflict at commit, fill-blanks, undo and control totals, on
// the real import functions (convex-test, with the transaction limits from convexTest.test-util.ts).
import { describe, expect, test, vi } from 'vitest';
import { api, internal } from '../_generated/api';
import type { Id } from '../_generated/dataModel';
import { completeTcKimlik, errorMessage, parseRow, type CellValue, type FieldError, type ImportMode } from '../../shared/domain';
import { signedInTest } from '../convexTest.test-util';

type T = Awaited<ReturnType<typeof signedInTest>>;
type Row = { rowNumber: number; values: Record<string, string | number>; expected?: Record<string, string | number | null> | null };

const TC = [completeTcKimlik('284519372'), completeTcKimlik('395126481'), completeTcKimlik('506237594'), completeTcKimlik('617348605')];

/** A spreadsheet row as staff type it, through the same domain parser the importer uses. */
function parsed(rowNumber: number, cells: Record<string, CellValue>, mode: ImportMode = 'upsert'): Row {
  const { record, errors } = parseRow('beneficiaries', cells, { numberStyle: 'tr', partial: mode === 'update', today: '2026-01-01' });
  expect(errors).toEqual([]);
  return { rowNumber, values: record as Record<string, string | number> };
}

async function importRows(t: T, mode: ImportMode, rows: Row[], collection: 'beneficiaries' | 'donations' = 'beneficiaries') {
  const runId = await t.mutation(api.imports.startRun, { collection, mode, fileName: 'liste.xlsx' });
  const result = await t.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows });
  const run = await t.mutation(api.imports.finishRun, { runId, status: 'completed' });
  return { runId, result, run };
}

const compare = (t: T, mode: ImportMode, rows: Row[]) =>
  t.query(api.imports.compareRows, { collection: 'beneficiaries', mode, rows: rows.map(({ rowNumber, values }) => ({ rowNumber, values })) });

const byKey = (t: T, nationalId: string) =>
  t.run(async (ctx) => await ctx.db.query('beneficiaries').withIndex('by_nationalId', (q) => q.eq('nationalId', nationalId)).unique());

/** The stored beneficiaries as an export to Excel shows them: display spellings, Turkish numbers. */
const original = [
  parsed(2, { fullName: 'Ayşe Yılmaz', nationalId: TC[0]!, phone: '0532 111 22 33', city: 'Bursa', monthlyIncome: '6.500,00', status: 'Aktif' }),
  parsed(3, { fullName: 'Mehmet Kaya', nationalId: TC[1]!, phone: '0533 444 55 66', city: 'İzmir', status: 'Aktif' }),
  parsed(4, { fullName: 'Fatma Demir', nationalId: TC[2]!, city: 'Ankara', status: 'Beklemede' }),
];

describe('dry run', () => {
  test('a re-imported, edited export: create / update with before → after / unchanged / invalid, values compared as stored', async () => {
    const t = await signedInTest();
    await importRows(t, 'insert', original);
    const edited = [
      // Same values, other spellings: "BURSA" vs Bursa, 6500 vs 6.500,00, +90 phone.
      parsed(2, { fullName: 'Ayşe Yılmaz', nationalId: TC[0]!, phone: '+90 532 111 2233', city: 'BURSA', monthlyIncome: '6500', status: 'aktif' }),
      // Phone corrected, status changed.
      parsed(3, { fullName: 'Mehmet Kaya', nationalId: TC[1]!, phone: '0535 999 88 77', city: 'İzmir', status: 'Pasif' }),
      parsed(4, { fullName: 'Fatma Demir', nationalId: TC[2]!, city: 'Ankara', status: 'Beklemede' }),
      parsed(5, { fullName: 'Ali Şahin', nationalId: TC[3]!, city: 'Van' }),
      { rowNumber: 6, values: { fullName: 'Bozuk', nationalId: '12345678901' } },
    ];
    const labels = await compare(t, 'upsert', edited);
    expect(labels.map((r) => [r.rowNumber, r.action])).toEqual([
      [2, 'unchanged'],
      [3, 'update'],
      [4, 'unchanged'],
      [5, 'create'],
      [6, 'invalid'],
    ]);
    expect(labels[1]!.changes).toEqual([
      { field: 'phone', before: '+905334445566', after: '+905359998877' },
      { field: 'status', before: 'aktif', after: 'pasif' },
    ]);
    expect(labels[4]!.errors).toEqual([expect.objectContaining({ field: 'nationalId', code: 'checksum' })]);
    expect(labels[3]!.expected).toBeNull();
    expect(labels[1]!.expected).toEqual({ fullName: 'Mehmet Kaya', nationalId: TC[1], phone: '+905334445566', city: 'İzmir', status: 'aktif' });

    // Insert and update modes label existing / missing keys invalid, as the commit would reject them.
    const insert = await compare(t, 'insert', edited.slice(0, 4));
    expect(insert.map((r) => r.action)).toEqual(['invalid', 'invalid', 'invalid', 'create']);
    expect(insert[0]!.errors).toEqual([{ field: 'nationalId', code: 'already_exists' }]);

    // The commit of the labelled rows does what the dry run said, and only the changed fields move.
    const send = labels
      .filter((r) => r.action === 'create' || r.action === 'update')
      .map((r) => ({ ...edited.find((e) => e.rowNumber === r.rowNumber)!, expected: r.expected }));
    const { result, run } = await importRows(t, 'upsert', send);
    expect(result.results.map((r) => [r.rowNumber, r.outcome])).toEqual([
      [3, 'updated'],
      [5, 'inserted'],
    ]);
    expect(run.counts).toMatchObject({ inserted: 1, updated: 1, conflict: 0 });
    expect(await byKey(t, TC[1]!)).toMatchObject({ phone: '+905359998877', status: 'pasif', city: 'İzmir' });
  });

  test('refuses more rows than one bounded comparison may look up', async () => {
    const t = await signedInTest();
    const rows = Array.from({ length: 501 }, (_, i) => ({ rowNumber: i + 2, values: { nationalId: TC[0]! } }));
    await expect(t.query(api.imports.compareRows, { collection: 'beneficiaries', mode: 'update', rows })).rejects.toThrow(/at most 500/);
  });
});

describe('conflict at commit', () => {
  test('a record changed after the dry run is reported as conflict with its new value and left as it is', async () => {
    const t = await signedInTest();
    await importRows(t, 'insert', original);
    const edited = [
      parsed(2, { fullName: 'Ayşe Yılmaz', nationalId: TC[0]!, phone: '0536 000 00 01', city: 'Bursa', status: 'Aktif' }),
      parsed(3, { fullName: 'Mehmet Kaya', nationalId: TC[1]!, phone: '0535 999 88 77', city: 'İzmir', status: 'Aktif' }),
      parsed(5, { fullName: 'Ali Şahin', nationalId: TC[3]!, city: 'Van' }),
      parsed(6, { fullName: 'Fatma Demir', nationalId: TC[2]!, city: 'Konya', status: 'Beklemede' }),
    ];
    const labels = await compare(t, 'upsert', edited);
    expect(labels.map((r) => r.action)).toEqual(['update', 'update', 'create', 'update']);

    // Meanwhile a colleague changes Mehmet's phone, someone else creates Ali, and Fatma's record is deleted.
    const mehmet = await byKey(t, TC[1]!);
    const fatma = await byKey(t, TC[2]!);
    await t.run(async (ctx) => {
      await ctx.db.patch(mehmet!._id, { phone: '+905421234567', updatedAt: Date.now() + 1 });
      await ctx.db.delete(fatma!._id);
    });
    await importRows(t, 'insert', [parsed(7, { fullName: 'Ali Şahin', nationalId: TC[3]!, city: 'Muş' })]);

    const rows = edited.map((e, i) => ({ ...e, expected: labels[i]!.expected }));
    const { result, run } = await importRows(t, 'upsert', rows);
    expect(result.results).toEqual([
      { rowNumber: 2, outcome: 'updated', id: expect.any(String) },
      { rowNumber: 3, outcome: 'conflict', stored: { phone: '+905421234567' } },
      { rowNumber: 5, outcome: 'conflict', stored: expect.objectContaining({ fullName: 'Ali Şahin', city: 'Muş' }) },
      { rowNumber: 6, outcome: 'conflict', stored: null },
    ]);
    expect(run.counts).toMatchObject({ updated: 1, conflict: 3, inserted: 0 });
    expect(await byKey(t, TC[2]!)).toBeNull();
    expect((await byKey(t, TC[1]!))!.phone).toBe('+905421234567');
    expect((await byKey(t, TC[3]!))!.city).toBe('Muş');
    // The finished run's audit entry carries the conflicts.
    const audit = await t.run(async (ctx) => await ctx.db.query('auditLogs').order('desc').first());
    expect(audit!.summary.counts.conflict).toBe(3);
  });
});

describe('fill-blanks mode', () => {
  test('fills only empty stored fields and creates missing records', async () => {
    const t = await signedInTest();
    await importRows(t, 'insert', original);
    const rows = [
      // Fatma has no phone or income: both filled; her city is kept although the file differs.
      parsed(2, { fullName: 'Fatma Demir', nationalId: TC[2]!, phone: '0537 222 33 44', city: 'Konya', monthlyIncome: '1.250,50' }),
      // Ayşe has every field the file has: unchanged.
      parsed(3, { fullName: 'Başka Ad', nationalId: TC[0]!, phone: '0500 000 00 00', city: 'Van' }),
      parsed(4, { fullName: 'Ali Şahin', nationalId: TC[3]!, city: 'Van' }),
    ];
    const labels = await compare(t, 'fill', rows);
    expect(labels.map((r) => r.action)).toEqual(['update', 'unchanged', 'create']);
    expect(labels[0]!.changes).toEqual([
      { field: 'phone', before: null, after: '+905372223344' },
      { field: 'monthlyIncome', before: null, after: 125_050 },
    ]);
    const { result } = await importRows(t, 'fill', rows);
    expect(result.counts).toMatchObject({ updated: 1, unchanged: 1, inserted: 1 });
    expect(await byKey(t, TC[2]!)).toMatchObject({ phone: '+905372223344', monthlyIncome: 125_050, city: 'Ankara' });
    expect(await byKey(t, TC[0]!)).toMatchObject({ fullName: 'Ayşe Yılmaz', city: 'Bursa', phone: '+905321112233' });
  });
});

async function undoAll(t: T, runId: Id<'importRuns'>) {
  for (let step = 0; step < 100; step++) {
    const progress = await t.mutation(api.imports.undoStep, { runId });
    if (progress.done) return progress;
  }
  throw new Error('undo did not finish');
}

describe('undo', () => {
  test('deletes created records, restores updated ones, and keeps (and lists) records edited since', async () => {
    const t = await signedInTest();
    const first = await importRows(t, 'insert', original.slice(0, 2));
    const ayseBefore = (await byKey(t, TC[0]!))!;
    const second = await importRows(t, 'upsert', [
      parsed(2, { fullName: 'Ayşe Yılmaz', nationalId: TC[0]!, phone: '0538 777 66 55', city: 'Bursa', status: 'Pasif' }),
      parsed(3, { fullName: 'Mehmet Kaya', nationalId: TC[1]!, phone: '0535 999 88 77', city: 'İzmir' }),
      parsed(4, { fullName: 'Ali Şahin', nationalId: TC[3]!, city: 'Van' }),
      parsed(5, { fullName: 'Fatma Demir', nationalId: TC[2]!, city: 'Ankara' }),
    ]);
    expect(second.run.counts).toMatchObject({ inserted: 2, updated: 2 });
    expect((await byKey(t, TC[0]!))!.importRunId).toBe(second.runId);

    // Mehmet is edited after the import, and so is the created Fatma.
    const mehmet = await byKey(t, TC[1]!);
    const fatma = await byKey(t, TC[2]!);
    await t.run(async (ctx) => {
      await ctx.db.patch(mehmet!._id, { notes: 'telefonla arandı', updatedAt: Date.now() + 5 });
      await ctx.db.patch(fatma!._id, { city: 'Konya', updatedAt: Date.now() + 5 });
    });

    const progress = await undoAll(t, second.runId);
    expect(progress.counts).toEqual({ deleted: 1, restored: 1, kept: 2 });
    // Ayşe is as the first import left her, remembering that run again; Ali is gone.
    expect(await byKey(t, TC[0]!)).toMatchObject({ phone: '+905321112233', status: 'aktif', importRunId: first.runId });
    // Her search text follows the restored values, and her history tells what the undo changed back.
    expect((await byKey(t, TC[0]!))!.searchText).toBe(ayseBefore.searchText);
    const undoHistory = await t.run(async (ctx) => (await ctx.db.query('recordHistory').collect()).filter((h) => h.kind === 'undo' && h.recordId === String(ayseBefore._id)));
    expect(undoHistory.map((h) => h.changes)).toEqual([
      [
        { field: 'phone', before: '+905387776655', after: '+905321112233' },
        { field: 'status', before: 'pasif', after: 'aktif' },
      ],
    ]);
    expect(await byKey(t, TC[3]!)).toBeNull();
    expect(await byKey(t, TC[1]!)).toMatchObject({ phone: '+905359998877', notes: 'telefonla arandı' });
    expect(await byKey(t, TC[2]!)).toMatchObject({ city: 'Konya' });

    const kept = await t.query(api.imports.undoKept, { runId: second.runId, paginationOpts: { numItems: 10, cursor: null } });
    expect(kept.page.map((k) => [k.rowNumber, k.action, k.key])).toEqual([
      [3, 'updated', TC[1]],
      [5, 'created', TC[2]],
    ]);
    const run = await t.query(internal.imports.getRun, { runId: second.runId });
    expect(run!.undo).toMatchObject({ status: 'done', counts: { deleted: 1, restored: 1, kept: 2 } });
    const audit = await t.run(async (ctx) => await ctx.db.query('auditLogs').order('desc').first());
    expect(audit).toMatchObject({ action: 'import_undo', summary: { runId: second.runId, counts: { deleted: 1, restored: 1, kept: 2 } } });
    // Calling it again changes nothing (and is not audited twice).
    expect(await t.mutation(api.imports.undoStep, { runId: second.runId })).toEqual({ done: true, counts: progress.counts });
    expect((await t.run(async (ctx) => await ctx.db.query('auditLogs').collect())).filter((a) => a.action === 'import_undo')).toHaveLength(1);
  });

  test('a created record deleted since the import is kept (listed), not an error', async () => {
    const t = await signedInTest();
    const { runId } = await importRows(t, 'insert', original.slice(0, 1));
    const ayse = (await byKey(t, TC[0]!))!._id;
    await t.run(async (ctx) => await ctx.db.delete(ayse));
    expect(await undoAll(t, runId)).toEqual({ done: true, counts: { deleted: 0, restored: 0, kept: 1 } });
  });

  test('is batched and resumable: each step reverts at most 500 changes and the next one continues', async () => {
    const t = await signedInTest();
    const rows: Row[] = Array.from({ length: 520 }, (_, i) => ({
      rowNumber: i + 2,
      values: { receiptNo: `MK-${i}`, donorName: 'Ahmet Yılmaz', amount: 1000 + i, currency: 'TRY', date: '2025-03-01' },
    }));
    const runId = await t.mutation(api.imports.startRun, { collection: 'donations', mode: 'insert', fileName: 'banka.csv' });
    await t.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows: rows.slice(0, 300) });
    await t.action(api.imports.ingestBatch, { runId, batchIndex: 1, rows: rows.slice(300) });
    await t.mutation(api.imports.finishRun, { runId, status: 'completed' });
    vi.useFakeTimers({ toFake: ['Date'] });
    const started = Date.now();
    const one = await t.mutation(api.imports.undoStep, { runId });
    expect(one).toEqual({ done: false, counts: { deleted: 500, restored: 0, kept: 0 } });
    vi.setSystemTime(started + 7_000);
    const rest = await undoAll(t, runId);
    vi.useRealTimers();
    // One audit entry for the whole undo, when it ends, with its time from the first step.
    const audits = await t.run(async (ctx) => (await ctx.db.query('auditLogs').collect()).filter((a) => a.action === 'import_undo'));
    expect(audits.map((a) => a.summary)).toEqual([{ runId, fileName: 'banka.csv', counts: rest.counts, durationMs: 7_000 }]);
    // Every change counted once: a step that left its changes 'applied' would count them again as kept.
    expect(rest.counts).toEqual({ deleted: 520, restored: 0, kept: 0 });
    expect(await t.run(async (ctx) => (await ctx.db.query('donations').take(1)).length)).toBe(0);
  });

  test('a running import cannot be undone, nor one older than 30 days, nor a run that does not exist', async () => {
    const t = await signedInTest();
    await expect(t.mutation(api.imports.undoStep, { runId: 'no-such-run' })).rejects.toMatchObject({ data: { code: 'no_such_run', message: 'No such import run' } });
    const gone = await t.mutation(api.imports.startRun, { collection: 'beneficiaries', mode: 'insert', fileName: 'a.csv' });
    await t.run(async (ctx) => await ctx.db.delete(gone));
    await expect(t.mutation(api.imports.undoStep, { runId: gone })).rejects.toMatchObject({ data: { code: 'no_such_run' } });
    const runId = await t.mutation(api.imports.startRun, { collection: 'beneficiaries', mode: 'insert', fileName: 'a.csv' });
    await expect(t.mutation(api.imports.undoStep, { runId })).rejects.toMatchObject({ data: { code: 'run_running', message: 'The import is still running' } });
    await t.mutation(api.imports.finishRun, { runId, status: 'completed' });
    await t.run(async (ctx) => {
      await ctx.db.patch(runId, { finishedAt: Date.now() - 31 * 24 * 3600 * 1000 });
    });
    await expect(t.mutation(api.imports.undoStep, { runId })).rejects.toMatchObject({ data: { code: 'undo_expired', message: 'Imports can be undone for 30 days' } });
  });

  test('an undo begun within the 30 days goes on after them', async () => {
    const t = await signedInTest();
    const { runId } = await importRows(t, 'insert', original.slice(0, 1));
    const begun = { status: 'running' as const, startedAt: Date.now(), counts: { deleted: 0, restored: 0, kept: 0 } };
    await t.run(async (ctx) => await ctx.db.patch(runId, { finishedAt: Date.now() - 31 * 24 * 3600 * 1000, undo: begun }));
    expect(await undoAll(t, runId)).toEqual({ done: true, counts: { deleted: 1, restored: 0, kept: 0 } });
  });

  test('the 30-day window on both sides: day 29 and the last millisecond of day 30 undo, day 30 plus a millisecond and day 31 are refused', async () => {
    const DAY = 24 * 3600 * 1000;
    const NOW = Date.UTC(2026, 5, 1, 9);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(NOW);
      const t = await signedInTest();
      // Each run imports one person of its own, finished `ms` before now.
      const finishedAgo = async (ms: number, i: number) => {
        const { runId } = await importRows(t, 'insert', [parsed(2, { fullName: 'Ali Şahin', nationalId: TC[i]!, city: 'Muş' })]);
        await t.run(async (ctx) => await ctx.db.patch(runId, { finishedAt: NOW - ms }));
        return runId;
      };
      const undo = async (runId: Id<'importRuns'>) => await t.mutation(api.imports.undoStep, { runId });
      const deletedOne = { done: true, counts: { deleted: 1, restored: 0, kept: 0 } };
      expect(await undo(await finishedAgo(29 * DAY, 0))).toEqual(deletedOne);
      expect(await undo(await finishedAgo(30 * DAY, 1))).toEqual(deletedOne);
      await expect(undo(await finishedAgo(30 * DAY + 1, 2))).rejects.toMatchObject({ data: { code: 'undo_expired' } });
      await expect(undo(await finishedAgo(31 * DAY, 3))).rejects.toMatchObject({ data: { code: 'undo_expired' } });
      expect(await byKey(t, TC[3]!)).not.toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('control totals', () => {
  const totals = (expectedRows: number, expectedAmount: number, fileRows: number, fileAmount: number) => ({ expectedRows, expectedAmount, fileRows, fileAmount });

  test('a run does not start while the file disagrees with the expected totals; when they agree the run keeps both', async () => {
    const t = await signedInTest();
    const start = (controlTotals: ReturnType<typeof totals>, collection: 'donations' | 'beneficiaries' = 'donations') =>
      t.mutation(api.imports.startRun, { collection, mode: 'insert', fileName: 'banka.csv', controlTotals });
    await expect(start(totals(3, 450_000, 2, 450_000))).rejects.toMatchObject({ data: { code: 'control_totals_mismatch' } });
    await expect(start(totals(3, 450_000, 3, 449_999))).rejects.toMatchObject({ data: { code: 'control_totals_mismatch' } });
    await expect(start(totals(3, 1, 3, 1), 'beneficiaries')).rejects.toMatchObject({ data: { code: 'control_totals_unsupported' } });
    expect(await t.run(async (ctx) => (await ctx.db.query('importRuns').collect()).length)).toBe(0);

    const runId = await start(totals(3, 450_000, 3, 450_000));
    const run = await t.mutation(api.imports.finishRun, { runId, status: 'completed' });
    expect(run.controlTotals).toEqual(totals(3, 450_000, 3, 450_000));
    // The audit's side of the totals is what the server received (here: nothing), not the file's claim.
    const audit = await t.run(async (ctx) => await ctx.db.query('auditLogs').order('desc').first());
    expect(audit!.summary.controlTotals).toEqual({ expectedRows: 3, expectedAmount: 450_000, receivedRows: 0, receivedAmount: 0 });
  });
});

describe('rows without their natural key (fallback matching)', () => {
  const YKN = completeTcKimlik('991234567');
  const people = [
    parsed(2, { fullName: 'Ayşe Yılmaz', nationalId: TC[0]!, birthDate: '12.03.1980', phone: '0532 111 22 33', city: 'Bursa' }),
    parsed(3, { fullName: 'Mehmet Kaya', nationalId: TC[1]!, birthDate: '01.01.1975', phone: '0533 444 55 66' }),
    // Two people of one name and birth date: a keyless row naming them is ambiguous.
    parsed(4, { fullName: 'Ali Demir', nationalId: TC[2]!, birthDate: '05.05.1990' }),
    parsed(5, { fullName: 'ALİ DEMİR', nationalId: TC[3]!, birthDate: '05.05.1990', phone: '0542 000 00 01' }),
    // A foreign resident, by YKN (99…): stored under it like a TC number.
    parsed(6, { fullName: 'Olena Kovalenko', nationalId: YKN, birthDate: '20.07.1985' }),
  ];

  test('a person without a TC Kimlik No matches by folded name + birth date, or name + phone; the commit updates that record', async () => {
    const t = await signedInTest();
    await importRows(t, 'insert', people);
    const rows = [
      // Upper case, dotless letters and the surname first: the same name once folded.
      parsed(10, { fullName: 'YILMAZ AYSE', birthDate: '12.03.1980', city: 'Bursa', status: 'Pasif' }),
      // No birth date: name + phone.
      parsed(11, { fullName: 'mehmet kaya', phone: '+90 533 444 5566', city: 'Van' }),
      parsed(12, { fullName: 'Olena Kovalenko', birthDate: '20.07.1985', city: 'İzmir' }),
    ];
    const labels = await compare(t, 'upsert', rows);
    expect(labels.map((r) => [r.rowNumber, r.action, r.matchedBy])).toEqual([
      [10, 'update', 'nameBirthDate'],
      [11, 'update', 'namePhone'],
      [12, 'update', 'nameBirthDate'],
    ]);
    // The stored spelling of the name stays; only what the row adds or changes moves.
    expect(labels[0]!.changes).toEqual([{ field: 'status', before: 'aktif', after: 'pasif' }]);
    const { result } = await importRows(t, 'upsert', rows.map((r, i) => ({ ...r, expected: labels[i]!.expected })));
    expect(result.results.map((r) => r.outcome)).toEqual(['updated', 'updated', 'updated']);
    expect(await byKey(t, TC[1]!)).toMatchObject({ fullName: 'Mehmet Kaya', city: 'Van', nationalId: TC[1] });
    expect(await byKey(t, YKN)).toMatchObject({ city: 'İzmir' });
    // The undo log names the record by its stored key, which the row did not have.
    const keys = await t.run(async (ctx) => (await ctx.db.query('importChanges').collect()).filter((c) => c.action === 'updated').map((c) => c.key));
    expect(keys.sort()).toEqual([TC[0], TC[1], YKN].sort());
  });

  test('more than one match is an error naming them, never a pick; no match, or a match in insert mode, is an error too', async () => {
    const t = await signedInTest();
    await importRows(t, 'insert', people);
    const rows = [
      parsed(10, { fullName: 'Ali Demir', birthDate: '05.05.1990' }),
      parsed(11, { fullName: 'Zehra Çelik', birthDate: '01.02.1999' }),
      // One Ali by phone, both by birth date: still two records.
      parsed(12, { fullName: 'Ali Demir', birthDate: '05.05.1990', phone: '0542 000 00 01' }),
      // Name alone is no rule: the TC number is required.
      { rowNumber: 13, values: { fullName: 'Ayşe Yılmaz' } },
    ];
    const labels = await compare(t, 'upsert', rows);
    expect(labels.map((r) => r.action)).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
    expect(labels[0]!.errors).toEqual([
      { field: 'nationalId', code: 'ambiguous_match', params: { count: 2, records: `Ali Demir (TC …${TC[2]!.slice(-4)}, 05.05.1990); ALİ DEMİR (TC …${TC[3]!.slice(-4)}, 05.05.1990)` } },
    ]);
    expect(errorMessage(labels[0]!.errors![0] as FieldError, 'tr')).toMatch(/^2 kayıt eşleşiyor: Ali Demir/);
    expect(errorMessage(labels[0]!.errors![0] as FieldError, 'en')).toMatch(/^2 records match: Ali Demir/);
    expect(labels[1]!.errors).toEqual([{ field: 'nationalId', code: 'no_match', params: { rule: 'nameBirthDate' } }]);
    expect(labels[2]!.errors![0]).toMatchObject({ code: 'ambiguous_match', params: { count: 2 } });
    expect(labels[3]!.errors).toEqual([{ field: 'nationalId', code: 'required' }]);
    // Insert mode: the person exists already.
    const insert = await compare(t, 'insert', [parsed(14, { fullName: 'Mehmet Kaya', birthDate: '01.01.1975' })]);
    expect(insert[0]!.errors).toEqual([{ field: 'nationalId', code: 'already_exists' }]);
    // The commit rejects them the same way and writes nothing.
    const { result } = await importRows(t, 'upsert', rows);
    expect(result.results.map((r) => r.outcome)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    // Two keyless rows of one person in a batch: the second is a duplicate of the first.
    const twice = await compare(t, 'upsert', [parsed(20, { fullName: 'Mehmet Kaya', birthDate: '01.01.1975' }), parsed(21, { fullName: 'Kaya Mehmet', phone: '0533 444 55 66' })]);
    expect(twice[1]!.errors).toEqual([{ field: 'nationalId', code: 'duplicate_in_file', params: { row: 20 } }]);
  });

  test('records stored before name keys existed get them (hourly, in batches), and are then found', async () => {
    const t = await signedInTest();
    await importRows(t, 'insert', people.slice(0, 2));
    // As an older version stored them: no nameKey.
    await t.run(async (ctx) => {
      for (const doc of await ctx.db.query('beneficiaries').collect()) await ctx.db.replace(doc._id, { ...doc, nameKey: undefined });
    });
    const row = [parsed(10, { fullName: 'Ayşe Yılmaz', birthDate: '12.03.1980', city: 'Van' })];
    expect((await compare(t, 'upsert', row))[0]!.errors).toEqual([expect.objectContaining({ code: 'no_match' })]);
    expect(await t.mutation(internal.records.fillNameKeys, {})).toEqual({ filled: 2, more: false });
    expect(await byKey(t, TC[0]!)).toMatchObject({ nameKey: 'ayse yilmaz' });
    expect((await compare(t, 'upsert', row))[0]).toMatchObject({ action: 'update', matchedBy: 'nameBirthDate' });
    expect(await t.mutation(internal.records.fillNameKeys, {})).toEqual({ filled: 0, more: false });
  });

  test('a donation without a receipt number matches by donor + amount + date within ± N days', async () => {
    const t = await signedInTest();
    const donation = (rowNumber: number, cells: Record<string, CellValue>) => {
      const { record, errors } = parseRow('donations', cells, { numberStyle: 'tr', partial: false, today: '2026-01-01' });
      expect(errors).toEqual([]);
      return { rowNumber, values: record as Record<string, string | number> };
    };
    await importRows(t, 'insert', [donation(2, { receiptNo: 'M-1', donorName: 'Hasan Öztürk', amount: '1.500,00', date: '10.03.2025' })], 'donations');
    const rows = [donation(10, { donorName: 'HASAN ÖZTÜRK', amount: '1500', date: '12.03.2025', notes: 'Banka' })];
    const compareDonations = (matchDays?: number) =>
      t.query(api.imports.compareRows, { collection: 'donations', mode: 'upsert', rows, ...(matchDays === undefined ? {} : { matchDays }) });
    expect((await compareDonations())[0]).toMatchObject({ action: 'invalid', errors: [{ field: 'receiptNo', code: 'no_match', params: { rule: 'donorAmountDate', days: 0 } }] });
    expect((await compareDonations(1))[0]!.action).toBe('invalid');
    expect(await compareDonations(2)).toEqual([
      expect.objectContaining({ action: 'update', matchedBy: 'donorAmountDate', changes: [{ field: 'notes', before: null, after: 'Banka' }] }),
    ]);
    await expect(compareDonations(32)).rejects.toThrow(/matchDays: at most 31/);
    // The run keeps its N and the commit matches the same record.
    const runId = await t.mutation(api.imports.startRun, { collection: 'donations', mode: 'upsert', fileName: 'banka.xlsx', matchDays: 2 });
    const result = await t.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows });
    expect(result.results).toEqual([expect.objectContaining({ outcome: 'updated' })]);
    const stored = await t.run(async (ctx) => await ctx.db.query('donations').withIndex('by_receiptNo', (q) => q.eq('receiptNo', 'M-1')).unique());
    expect(stored).toMatchObject({ notes: 'Banka', amount: 150000, date: '2025-03-10' });

    // A repeated batch looks a conflict's record up again with the run's N, and finds the same one.
    const again = await t.mutation(api.imports.startRun, { collection: 'donations', mode: 'upsert', fileName: 'banka.xlsx', matchDays: 2 });
    const conflicting = [{ ...rows[0]!, values: { ...rows[0]!.values, notes: 'Havale' }, expected: { notes: null } }];
    const first = await t.action(api.imports.ingestBatch, { runId: again, batchIndex: 0, rows: conflicting });
    expect(first.results).toEqual([{ rowNumber: 10, outcome: 'conflict', stored: { notes: 'Banka' } }]);
    expect(await t.action(api.imports.ingestBatch, { runId: again, batchIndex: 0, rows: conflicting })).toEqual(first);
  });
});
