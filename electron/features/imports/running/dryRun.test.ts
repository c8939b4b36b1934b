// The dry run and the import that follows it, through a rehearsal backend (the real Convex
// functions under convex-test): labels and diffs against the demo data, unchanged rows not sent,
// a record changed in between reported as a conflict in the summary and the error report,
// control totals refusing a run, and `kafkasder import --dry-run --json`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { api, internal } from '../../../../convex/_generated/api';
import { demoData } from '../../../../convex/demo';
import { main } from '../../../cli/main';
import { DryRunStore, runDryRun } from './dryRun';
import { memoryRig, tempDir, writeExcelCsv } from '../importer.test-util';
import { runImport } from './importRun';
import { suggestColumns } from '../checking/mapping';
import { inspectSource } from '../reading/source';
import { tcFor } from '../sampleData.test-util';

const HEADERS = ['Ad Soyad', 'TC Kimlik No', 'Telefon', 'İl', 'Aylık Gelir', 'Durum'];
const mapping = suggestColumns('beneficiaries', HEADERS).map((s) => s.field);
const [mehmet, zeynep, , fatma] = demoData.beneficiaries.map((b) => ({ fullName: String(b.fullName), nationalId: String(b.nationalId) }));

/** An export of four demo records as staff edited it, plus a new person and a broken row. */
const editedRows: string[][] = [
  // Same as stored, spelled as Excel shows it: unchanged.
  [mehmet!.fullName, mehmet!.nationalId, '0500 000 00 01', 'İSTANBUL', '12.500,00', 'Aktif'],
  // Phone corrected.
  [zeynep!.fullName, zeynep!.nationalId, '0535 999 88 77', 'Ankara', '9.000,00', 'Aktif'],
  // Status changed from Beklemede.
  [fatma!.fullName, fatma!.nationalId, '0500 000 00 03', 'Bursa', '6.500,00', 'Aktif'],
  ['Yeni Kişi', tcFor(77), '0532 111 22 33', 'Van', '', ''],
  ['Bozuk Kişi', '12345678901', '', 'Van', '', ''],
];

async function dryRunOf(rig: Awaited<ReturnType<typeof memoryRig>>, path: string) {
  const info = await inspectSource(path);
  const store = await DryRunStore.create(join(rig.dataDir, 'dry-run.ndjson'));
  const summary = await runDryRun(
    { path, info, collection: 'beneficiaries', mapping, numberStyle: 'tr', today: '2025-06-01', mode: 'upsert', fixes: new Map(), skips: new Set(), dataRows: new Set() },
    { gateway: rig.gateway, store, batchRows: 2 },
  );
  return { store, summary };
}

describe('dry run, then import', () => {
  it('labels every row with its changes, skips unchanged rows at import, and reports a record changed in between as a conflict', async () => {
    const rig = await memoryRig();
    // Row 7: the new person of row 5 again, name order swapped, another TC: created, with a warning.
    const twin = ['KİŞİ YENİ', tcFor(78), '0532 111 22 33', 'Van', '', ''];
    const path = writeExcelCsv(join(rig.dataDir, 'duzeltilmis.csv'), HEADERS, [...editedRows, twin]);
    const { store, summary } = await dryRunOf(rig, path);
    expect(summary).toEqual({ create: 2, update: 2, unchanged: 1, invalid: 1, validRows: 5, amountTotal: null });
    const all = await store.page(undefined, 0, 10);
    expect(all.map((r) => [r.rowNumber, r.action])).toEqual([
      [2, 'unchanged'],
      [3, 'update'],
      [4, 'update'],
      [5, 'create'],
      [6, 'invalid'],
      [7, 'create'],
    ]);
    expect(all.map((r) => r.warnings ?? [])).toEqual([[], [], [], [], [], [{ field: 'fullName', code: 'possible_duplicate', params: { row: 5, rule: 'namePhone' } }]]);
    const updates = await store.page('update', 0, 10);
    expect(updates.map((r) => r.changes)).toEqual([
      [{ field: 'phone', before: '+905000000002', after: '+905359998877' }],
      [{ field: 'status', before: 'beklemede', after: 'aktif' }],
    ]);
    expect(store.count('update')).toBe(2);
    expect((await store.page('invalid', 0, 10))[0]!.errors).toEqual([expect.objectContaining({ field: 'nationalId' })]);

    // A colleague changes Fatma's phone after the dry run.
    const other = writeExcelCsv(join(rig.dataDir, 'baska.csv'), HEADERS, [[fatma!.fullName, fatma!.nationalId, '0542 123 45 67', 'Bursa', '6.500,00', 'Beklemede']]);
    await runImport({ path: other, collection: 'beneficiaries', mapping, mode: 'upsert' }, { gateway: rig.gateway, dataDir: rig.dataDir, lang: 'tr', today: '2025-06-01' });

    await store.close();
    const sent: number[] = [];
    const gateway = {
      ...rig.gateway,
      action: ((fn: never, args: { rows: { rowNumber: number }[] }) => {
        sent.push(...args.rows.map((r) => r.rowNumber));
        return rig.gateway.action(fn, args as never);
      }) as typeof rig.gateway.action,
    };
    const conflicts: number[] = [];
    const out = await runImport(
      { path, collection: 'beneficiaries', mapping, mode: 'upsert' },
      { gateway, dataDir: rig.dataDir, lang: 'tr', today: '2025-06-01', dryRun: { file: store.path, summary }, onConflict: (row) => conflicts.push(row) },
    );
    expect(out).toMatchObject({ status: 'completed', inserted: 2, updated: 1, unchanged: 1, conflict: 1, failed: 1 });
    expect(sent).toEqual([3, 4, 5, 7]); // row 2 is unchanged: never sent; row 7's warning blocks nothing
    expect(conflicts).toEqual([4]);
    const report = iconv.decode(readFileSync(out.reportFile!), 'windows-1254');
    expect(report).toContain('Satır 4: Çakışma — kayıt provadan sonra değişti, yazılmadı; şimdiki değer: Telefon = 0542 123 45 67');
    const run = await rig.memory.internal.query(internal.imports.getRun, { runId: out.runId as never });
    expect(run!.counts).toMatchObject({ conflict: 1, unchanged: 0, updated: 1, inserted: 2 });
  });

  it('a batch whose rows all became conflicts carrying the longest notes a record may hold still fits what a real backend stores (1 MiB a document)', async () => {
    const rig = await memoryRig();
    const headers = ['Ad Soyad', 'TC Kimlik No', 'İl', 'Notlar'];
    const longMapping = suggestColumns('beneficiaries', headers).map((s) => s.field);
    const person = (i: number) => [`Notlu Kişi ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`, tcFor(1000 + i), 'Van'];
    // This file's notes are short, so its rows travel in one batch.
    const path = writeExcelCsv(join(rig.dataDir, 'kisa-notlar.csv'), headers, Array.from({ length: 280 }, (_, i) => [...person(i), 'Kısa not']));
    const info = await inspectSource(path);
    const store = await DryRunStore.create(join(rig.dataDir, 'kisa-dry-run.ndjson'));
    const summary = await runDryRun(
      { path, info, collection: 'beneficiaries', mapping: longMapping, numberStyle: 'tr', today: '2025-06-01', mode: 'upsert', fixes: new Map(), skips: new Set(), dataRows: new Set() },
      { gateway: rig.gateway, store },
    );
    expect(summary).toMatchObject({ create: 280 });
    await store.close();
    // A colleague first imports the same people with notes of 2,000 characters (the field's limit;
    // Turkish, about 4 KB each as the backend measures): each row of this run becomes a conflict
    // whose report carries those stored values.
    const colleague = writeExcelCsv(join(rig.dataDir, 'uzun-notlar.csv'), headers, Array.from({ length: 280 }, (_, i) => [...person(i), `${String(i).padStart(3, '0')} ${'ş'.repeat(1996)}`]));
    const first = await runImport({ path: colleague, collection: 'beneficiaries', mapping: longMapping, mode: 'insert' }, { gateway: rig.gateway, dataDir: rig.dataDir, lang: 'tr', today: '2025-06-01' });
    expect(first).toMatchObject({ status: 'completed', inserted: 280 });
    const out = await runImport(
      { path, collection: 'beneficiaries', mapping: longMapping, mode: 'upsert' },
      { gateway: rig.gateway, dataDir: rig.dataDir, lang: 'tr', today: '2025-06-01', dryRun: { file: store.path, summary } },
    );
    expect(out).toMatchObject({ status: 'completed', inserted: 0, conflict: 280, failed: 0 });
  });

  it('control totals: the run does not start while the file disagrees, and carries both when it agrees', async () => {
    const rig = await memoryRig();
    const headers = ['Makbuz No', 'Bağışçı Adı', 'Tutar', 'Para Birimi', 'Tarih'];
    const donationMapping = suggestColumns('donations', headers).map((s) => s.field);
    const path = writeExcelCsv(join(rig.dataDir, 'banka.csv'), headers, [
      ['MK-9001', 'Ahmet Yılmaz', '1.500,00', 'TRY', '01.03.2025'],
      ['MK-9002', 'Ayşe Kara', '250,50', 'TRY', '02.03.2025'],
    ]);
    const info = await inspectSource(path);
    const store = await DryRunStore.create(join(rig.dataDir, 'dry-run-donations.ndjson'));
    const summary = await runDryRun(
      { path, info, collection: 'donations', mapping: donationMapping, numberStyle: 'tr', today: '2025-06-01', mode: 'insert', fixes: new Map(), skips: new Set(), dataRows: new Set() },
      { gateway: rig.gateway, store },
    );
    await store.close();
    expect(summary).toMatchObject({ validRows: 2, amountTotal: 175_050 });
    const before = (await rig.gateway.query(api.imports.listRuns, { paginationOpts: { cursor: null, numItems: 100 } })).page.length;
    const run = (controlTotals: { expectedRows: number; expectedAmount: number }) =>
      runImport(
        { path, collection: 'donations', mapping: donationMapping, mode: 'insert' },
        { gateway: rig.gateway, dataDir: rig.dataDir, lang: 'tr', dryRun: { file: store.path, summary }, controlTotals },
      );
    await expect(run({ expectedRows: 2, expectedAmount: 175_000 })).rejects.toMatchObject({ code: 'control_totals_mismatch' });
    await expect(run({ expectedRows: 3, expectedAmount: 175_050 })).rejects.toMatchObject({ code: 'control_totals_mismatch' });
    expect((await rig.gateway.query(api.imports.listRuns, { paginationOpts: { cursor: null, numItems: 100 } })).page.length).toBe(before);
    const out = await run({ expectedRows: 2, expectedAmount: 175_050 });
    expect(out).toMatchObject({ status: 'completed', inserted: 2, controlTotals: { expectedRows: 2, expectedAmount: 175_050, fileRows: 2, fileAmount: 175_050 } });
  });
});

describe('kafkasder import --dry-run --json', () => {
  it('writes nothing and prints the summary and each row with its changes', async () => {
    const dir = tempDir();
    const path = writeExcelCsv(join(dir, 'duzeltilmis.csv'), HEADERS, editedRows);
    let stdout = '';
    const code = await main(['import', path, '--collection', 'beneficiaries', '--mode', 'upsert', '--dry-run', '--json', '--backend', 'memory'], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
      workDir: dir,
      env: {},
    });
    expect(code).toBe(1); // one invalid row
    const out = JSON.parse(stdout);
    expect(out.summary).toEqual({ create: 1, update: 2, unchanged: 1, invalid: 1 });
    expect(out.rows[1]).toEqual({ row: 3, action: 'update', changes: [{ field: 'phone', before: '+905000000002', after: '+905359998877' }] });
    expect(out.rows.map((r: { row: number; action: string }) => [r.row, r.action])).toEqual([
      [2, 'unchanged'],
      [3, 'update'],
      [4, 'update'],
      [5, 'create'],
      [6, 'invalid'],
    ]);
  });
});
