import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { api, internal } from '../../../../convex/_generated/api';
import type { Id } from '../../../../convex/_generated/dataModel';
import type { Gateway } from '../../../core/backend/gateway';
import { runCheck } from '../checking/checkPass';
import { allBeneficiaries, BENEFICIARY_HEADERS, beneficiaryRows, flakyGateway, memoryRig, writeExcelCsv } from '../importer.test-util';
import { runImport } from './importRun';
import type { RunOptions } from './runTypes';
import { suggestColumns } from '../checking/mapping';
import { tcFor } from '../sampleData.test-util';
import { ConnectionLostError } from '../../../core/backend/backendErrors';

const mapping = suggestColumns('beneficiaries', BENEFICIARY_HEADERS).map((s) => s.field);
const noWait = { attempts: 3, sleep: async () => undefined };
const opts = (gateway: Gateway, dataDir: string, extra: Partial<RunOptions> = {}): RunOptions => ({
  gateway,
  dataDir,
  lang: 'tr',
  batchRows: 5,
  retry: noWait,
  today: '2025-06-01',
  ...extra,
});

const allKeys = (records: Record<string, unknown>[]) => [...new Set(records.flatMap((r) => Object.keys(r)))];

async function nationalIds(gateway: Gateway): Promise<string[]> {
  return (await allBeneficiaries(gateway)).map((r) => String(r.nationalId));
}

describe('runImport through a rehearsal backend', () => {
  it('inserts the valid rows, keeps invalid ones local and writes the report like the source file', async () => {
    const { gateway, dataDir, memory } = await memoryRig();
    const before = (await nationalIds(gateway)).length;
    const { rows, brokenIndexes } = beneficiaryRows(23, 11);
    expect(brokenIndexes.length).toBeGreaterThan(0);
    const file = writeExcelCsv(join(dataDir, 'liste.csv'), BENEFICIARY_HEADERS, rows);

    const out = await runImport({ path: file, collection: 'beneficiaries', mapping, mode: 'insert' }, opts(gateway, dataDir));
    const valid = 23 - brokenIndexes.length;
    expect(out).toMatchObject({ status: 'completed', rows: 23, inserted: valid, updated: 0, skipped: 0, failed: brokenIndexes.length });
    const ids = await nationalIds(gateway);
    expect(ids.length).toBe(before + valid);
    const imported = (await allBeneficiaries(gateway)).find((r) => r.nationalId === rows[0]![1]);
    expect(imported).toMatchObject({ fullName: rows[0]![0], monthlyIncome: expect.any(Number) });

    const run = await memory.internal.query(internal.imports.getRun, { runId: out.runId as Id<'importRuns'> });
    expect(run).toMatchObject({ status: 'completed', fileName: 'liste.csv', counts: { inserted: valid } });

    // The report: windows-1254, ';', CRLF, the original columns plus Hata in Turkish.
    const bytes = readFileSync(out.reportFile!);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const text = iconv.decode(bytes, 'windows-1254');
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe([...BENEFICIARY_HEADERS, 'Hata'].join(';'));
    expect(lines).toHaveLength(1 + brokenIndexes.length);
    const firstBroken = brokenIndexes[0]!;
    // Cells holding a separator (a decimal comma) come quoted: read as a CSV reader would.
    const line = Papa.parse<string[]>(lines[1]!, { delimiter: ';' }).data[0]!;
    expect(line.slice(0, 12)).toEqual(rows[firstBroken]);
    expect(line[12]).toMatch(new RegExp(`^Satır ${firstBroken + 2}: `));
    expect(text).toContain('İ'); // Turkish letters survive the round trip
  });

  it('updates only mapped, non-empty cells and rejects unknown keys in update mode; upsert does both', async () => {
    const { gateway, dataDir } = await memoryRig();
    const { rows, brokenIndexes } = beneficiaryRows(8, 5);
    const good = rows.filter((_, i) => !brokenIndexes.includes(i));
    await runImport({ path: writeExcelCsv(join(dataDir, 'a.csv'), BENEFICIARY_HEADERS, good), collection: 'beneficiaries', mapping, mode: 'insert' }, opts(gateway, dataDir));

    const headers = ['TC Kimlik No', 'Aylık Gelir', 'Telefon'];
    const m = ['nationalId', 'monthlyIncome', 'phone'];
    const upd = [
      [good[0]![1]!, '1.000,00', ''],
      [good[1]![1]!, '2.500,5', '0555 111 22 33'],
      [tcFor(900), '1,00', ''],
    ];
    const out = await runImport({ path: writeExcelCsv(join(dataDir, 'u.csv'), headers, upd), collection: 'beneficiaries', mapping: m, mode: 'update' }, opts(gateway, dataDir));
    expect(out).toMatchObject({ status: 'completed', updated: 2, inserted: 0, failed: 1 });
    const all = await allBeneficiaries(gateway);
    const first = all.find((r) => r.nationalId === good[0]![1])!;
    expect(first).toMatchObject({ monthlyIncome: 100000, fullName: good[0]![0] });
    expect(first.phone).toBeDefined(); // the empty cell did not clear it
    expect(all.find((r) => r.nationalId === good[1]![1])).toMatchObject({ monthlyIncome: 250050, phone: '+905551112233' });
    const report = iconv.decode(readFileSync(out.reportFile!), 'windows-1254');
    expect(report).toContain('Güncellenecek kayıt bulunamadı');

    const ups = [[good[2]![1]!, '7,00', ''], [tcFor(901), '8,00', '']];
    const upsertMapping = ['nationalId', 'monthlyIncome', 'phone'];
    // upsert needs every required field for new rows: fullName missing → the new row is rejected locally.
    await expect(runImport({ path: writeExcelCsv(join(dataDir, 'x.csv'), headers, ups), collection: 'beneficiaries', mapping: upsertMapping, mode: 'upsert' }, opts(gateway, dataDir))).rejects.toMatchObject({ code: 'mapping_incomplete' });
    const h2 = ['Ad Soyad', ...headers];
    const ups2 = [['Eski Kişi', good[2]![1]!, '7,00', ''], ['Yeni Kişi', tcFor(901), '8,00', '']];
    const out2 = await runImport({ path: writeExcelCsv(join(dataDir, 'up.csv'), h2, ups2), collection: 'beneficiaries', mapping: ['fullName', ...m], mode: 'upsert' }, opts(gateway, dataDir));
    expect(out2).toMatchObject({ status: 'completed', inserted: 1, updated: 1, failed: 0 });
    expect(out2.reportFile).toBeUndefined();

    // Insert of keys that exist: the server rejects them and the report says so.
    const again = await runImport({ path: writeExcelCsv(join(dataDir, 'again.csv'), BENEFICIARY_HEADERS, good.slice(0, 3)), collection: 'beneficiaries', mapping, mode: 'insert' }, opts(gateway, dataDir));
    expect(again).toMatchObject({ inserted: 0, failed: 3 });
    expect(iconv.decode(readFileSync(again.reportFile!), 'windows-1254')).toContain('Bu anahtarla bir kayıt zaten var');

    // Consent columns, matched by their header spellings, become consents in the register (not
    // record fields); a value that is not yes/no is the row's error, like any field's.
    const consentHeaders = ['TC Kimlik No', 'Ad Soyad', 'SMS İzni', 'E-posta Rızası', 'Özel Nitelikli Veri Rızası', 'Rıza Tarihi', 'Rıza Şekli', 'Aydınlatma Metni Sürümü'];
    const consentMapping = suggestColumns('beneficiaries', consentHeaders).map((c) => c.field);
    expect(consentMapping).toEqual(['nationalId', 'fullName', 'consentSms', 'consentEmail', 'consentSpecial', 'consentDate', 'consentMethod', 'consentNotice']);
    const consentRows = [
      [good[3]![1]!, good[3]![0]!, 'Evet', 'Hayır', 'E', '03.11.2024', 'Sözlü', 'v3'],
      [good[4]![1]!, good[4]![0]!, 'Hayır', '', '', '', '', ''],
      [good[2]![1]!, 'Eski Kişi', 'belki', '', '', '', '', ''],
    ];
    const withConsents = await runImport(
      { path: writeExcelCsv(join(dataDir, 'riza.csv'), consentHeaders, consentRows), collection: 'beneficiaries', mapping: consentMapping, mode: 'upsert' },
      opts(gateway, dataDir),
    );
    expect(withConsents).toMatchObject({ status: 'completed', failed: 1 });
    const given = await gateway.query(api.consents.of, { nationalId: good[3]![1]! });
    expect(given.inForce).toEqual({ sms: true, email: false, special: true });
    expect(given.rows.map((r) => [r.method, r.noticeVersion])).toEqual([['verbal', 'v3'], ['verbal', 'v3']]);
    expect((await gateway.query(api.consents.of, { nationalId: good[4]![1]! })).rows).toEqual([]);
    expect(allKeys(await allBeneficiaries(gateway))).not.toContain('consentSms');
  });

  it('FAULT: fails when the network goes after batch k, and a resume ends with every valid row exactly once', async () => {
    const { gateway, dataDir, memory } = await memoryRig();
    const before = await nationalIds(gateway);
    const { rows, brokenIndexes } = beneficiaryRows(37, 21);
    const file = writeExcelCsv(join(dataDir, 'kesinti.csv'), BENEFICIARY_HEADERS, rows);
    const flaky = flakyGateway(gateway, 3);

    const first = await runImport({ path: file, collection: 'beneficiaries', mapping, mode: 'insert' }, opts(flaky, dataDir, { maxInFlight: 2 }));
    expect(first).toMatchObject({ status: 'failed', resumable: true, error: { code: 'import_interrupted' } });
    const mid = await nationalIds(gateway);
    expect(mid.length - before.length).toBe(15); // three whole batches of 5
    const run = await memory.internal.query(internal.imports.getRun, { runId: first.runId as Id<'importRuns'> });
    expect(run?.status).toBe('running');

    const second = await runImport({ path: '', collection: 'beneficiaries', mapping, mode: 'insert', resumeRunId: first.runId }, opts(gateway, dataDir));
    const valid = 37 - brokenIndexes.length;
    expect(second).toMatchObject({ status: 'completed', runId: first.runId, inserted: valid, failed: brokenIndexes.length });
    const after = await nationalIds(gateway);
    const added = after.filter((id) => !before.includes(id));
    expect(added.length).toBe(valid);
    expect(new Set(added).size).toBe(valid);
    expect(added.sort()).toEqual(rows.filter((_, i) => !brokenIndexes.includes(i)).map((r) => r[1]!).sort());
    expect((await memory.internal.query(internal.imports.getRun, { runId: first.runId as Id<'importRuns'> }))?.status).toBe('completed');
    await expect(runImport({ path: '', collection: 'beneficiaries', mapping, mode: 'insert', resumeRunId: first.runId }, opts(gateway, dataDir))).rejects.toMatchObject({ code: 'run_finished' });
  });

  it('FAULT: a batch applied on the server whose reply was lost is not written twice on resume', async () => {
    const { gateway, dataDir } = await memoryRig();
    const before = await nationalIds(gateway);
    const { rows } = beneficiaryRows(12, 4);
    const file = writeExcelCsv(join(dataDir, 'yanit.csv'), BENEFICIARY_HEADERS, rows);
    let calls = 0;
    const lossy: Gateway = {
      ...gateway,
      action: (async (fn: never, args: never) => {
        calls++;
        const result = await gateway.action(fn, args);
        if (calls >= 2) throw new ConnectionLostError('http://127.0.0.1:9', 'imports:ingestBatch'); // applied, but the reply never arrives
        return result;
      }) as Gateway['action'],
    };
    const first = await runImport({ path: file, collection: 'beneficiaries', mapping, mode: 'insert' }, opts(lossy, dataDir, { maxInFlight: 1 }));
    expect(first).toMatchObject({ status: 'failed', resumable: true });
    const second = await runImport({ path: '', collection: 'beneficiaries', mapping, mode: 'insert', resumeRunId: first.runId }, opts(gateway, dataDir));
    expect(second.status).toBe('completed');
    const added = (await nationalIds(gateway)).filter((id) => !before.includes(id));
    expect(new Set(added).size).toBe(added.length);
    expect(added.length).toBe(second.inserted);
    expect(second.failed + second.inserted).toBe(12);
  });

  it('does not retry a deliberate server refusal and ends the run as failed', async () => {
    const { gateway, dataDir, memory } = await memoryRig();
    const file = writeExcelCsv(join(dataDir, 'ret.csv'), BENEFICIARY_HEADERS, beneficiaryRows(6, 2).rows);
    let calls = 0;
    const refusing: Gateway = {
      ...gateway,
      action: (async (fn: never, args: never) => {
        calls++;
        // A batch larger than the server allows is refused with a ConvexError.
        return gateway.action(fn, { ...(args as object), batchIndex: -1 } as never);
      }) as Gateway['action'],
    };
    const out = await runImport({ path: file, collection: 'beneficiaries', mapping, mode: 'insert' }, opts(refusing, dataDir, { batchRows: 100 }));
    expect(out).toMatchObject({ status: 'failed', resumable: false, error: { code: 'import_failed' } });
    expect(calls).toBe(1);
    expect((await memory.internal.query(internal.imports.getRun, { runId: out.runId as Id<'importRuns'> }))?.status).toBe('failed');
  });

  it('cancel stops sending, waits for the batch in flight and leaves whole batches only', async () => {
    const { gateway, dataDir, memory } = await memoryRig();
    const before = (await nationalIds(gateway)).length;
    const { rows } = beneficiaryRows(60, 8);
    const file = writeExcelCsv(join(dataDir, 'iptal.csv'), BENEFICIARY_HEADERS, rows);
    const ctrl = new AbortController();
    const slow: Gateway = {
      ...gateway,
      action: (async (fn: never, args: never) => {
        const r = await gateway.action(fn, args);
        ctrl.abort(); // cancelled while the first batch was in flight
        return r;
      }) as Gateway['action'],
    };
    const out = await runImport({ path: file, collection: 'beneficiaries', mapping, mode: 'insert' }, opts(slow, dataDir, { signal: ctrl.signal, maxInFlight: 1, batchRows: 10 }));
    expect(out.status).toBe('cancelled');
    const added = (await nationalIds(gateway)).length - before;
    expect(added).toBe(out.inserted);
    expect(added % 10 === 0 || added === out.inserted).toBe(true);
    const run = await memory.internal.query(internal.imports.getRun, { runId: out.runId as Id<'importRuns'> });
    expect(run).toMatchObject({ status: 'cancelled' });
    // The server's counts agree with the client's, rows rejected before sending included.
    expect(run!.counts.inserted).toBe(10);
    expect(run!.counts.failed).toBe(out.failed);
  });

  it('applies the check overlay: fixed cells are imported, skipped rows are not', async () => {
    const { gateway, dataDir } = await memoryRig();
    const { rows, brokenIndexes } = beneficiaryRows(15, 31);
    const file = writeExcelCsv(join(dataDir, 'duzelt.csv'), BENEFICIARY_HEADERS, rows);
    const { session } = await runCheck({ path: file, collection: 'beneficiaries', mapping }, { dataDir, today: '2025-06-01' });
    const b = brokenIndexes[0]!;
    await session.fixCell(b + 2, 'fullName', 'Düzeltilmiş Ad');
    await session.fixCell(b + 2, 'nationalId', tcFor(5000));
    await session.fixCell(b + 2, 'birthDate', '01.01.1990');
    await session.fixCell(b + 2, 'city', 'Van');
    const skipIndex = brokenIndexes.includes(0) ? 1 : 0;
    await session.skipRows({ rowNumbers: [skipIndex + 2], skip: true });
    const out = await runImport({ path: file, collection: 'beneficiaries', mapping, mode: 'insert' }, opts(gateway, dataDir, { overlay: session.overlay }));
    expect(out).toMatchObject({ status: 'completed', skipped: 1, failed: brokenIndexes.length - 1, inserted: 15 - brokenIndexes.length });
    expect((await allBeneficiaries(gateway)).find((r) => r.nationalId === tcFor(5000))).toMatchObject({ fullName: 'Düzeltilmiş Ad' });
    expect(iconv.decode(readFileSync(out.reportFile!), 'windows-1254')).toContain('Kullanıcı bu satırı atladı');
    await session.close();
  });

  it('writes the report of a UTF-8 BOM file in UTF-8 with BOM, and of an XLSX as Turkish Excel CSV', async () => {
    const { gateway, dataDir } = await memoryRig();
    const { rows, brokenIndexes } = beneficiaryRows(10, 13);
    const csv = writeExcelCsv(join(dataDir, 'bom.csv'), BENEFICIARY_HEADERS, rows, 'utf-8-bom');
    const out = await runImport({ path: csv, collection: 'beneficiaries', mapping, mode: 'insert' }, opts(gateway, dataDir, { lang: 'en' }));
    const bytes = readFileSync(out.reportFile!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe([...BENEFICIARY_HEADERS, 'Errors'].join(';'));
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(1 + brokenIndexes.length);
    expect(text).toMatch(/Row \d+: /);

    const xlsx = join(dataDir, 'kitap.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: false });
    const ws = wb.addWorksheet('Liste');
    ws.addRow(['Makbuz No', 'Bağışçı', 'Tutar', 'Tarih']).commit();
    ws.addRow(['M-1', 'Şule Ak', 150.5, new Date(Date.UTC(2024, 2, 5))]).commit();
    ws.addRow(['M-2', 'Can Öz', -3, new Date(Date.UTC(2024, 2, 6))]).commit();
    await wb.commit();
    const out2 = await runImport({ path: xlsx, collection: 'donations', mapping: ['receiptNo', 'donorName', 'amount', 'date'], mode: 'insert' }, opts(gateway, dataDir));
    expect(out2).toMatchObject({ inserted: 1, failed: 1 });
    const b2 = readFileSync(out2.reportFile!);
    expect([...b2.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = b2.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Makbuz No;Bağışçı;Tutar;Tarih;Hata');
    expect(lines[1]).toMatch(/^M-2;Can Öz;-3;06\.03\.2024;Satır 3: Tutar sıfırdan büyük olmalı$/);
  });
});
