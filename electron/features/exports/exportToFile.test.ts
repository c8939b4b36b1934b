import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import type { ExportFormat } from '../../../shared/contract/exports';
import { exportToFile } from './exportToFile';
import { FAKE_EXPORT_ID, fakeRecordGateway } from './fakeRecordGateway.test-util';
import type { ExportRecord } from './recordWriter';

const INJECTION = '=HYPERLINK("http://x","y")';

const DONATIONS: ExportRecord[] = [
  {
    _id: 'd1',
    _creationTime: 1,
    receiptNo: 'MK-1',
    donorName: 'Şükrü Öğüt',
    amount: 123456,
    currency: 'TRY',
    date: '2025-01-05',
    method: 'havale',
    purpose: 'genel',
    donorNationalId: '17291716060',
    donorPhone: '+905321234567',
    status: 'tamamlandi',
    notes: INJECTION,
  },
  {
    _id: 'd2',
    _creationTime: 2,
    receiptNo: 'MK-2',
    donorName: 'İlkay Işık',
    amount: 5,
    currency: 'EUR',
    date: '2025-12-31',
    status: 'beklemede',
    notes: 'satır 1\nsatır 2; "alıntı", -5',
  },
];

async function exportDonations(format: ExportFormat, extra: { columns?: string[]; headerLang?: 'tr' | 'en' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'export-formats-'));
  const target = join(dir, `out.${format === 'xlsx' ? 'xlsx' : format === 'json' ? 'json' : 'csv'}`);
  const gateway = fakeRecordGateway({ total: DONATIONS.length, record: (i) => DONATIONS[i] as ExportRecord });
  const result = await exportToFile(gateway, { exportId: FAKE_EXPORT_ID, filters: { collection: 'donations' }, format, target, ...extra }, { pageSize: 1 });
  return { dir, target, result, bytes: readFileSync(target) };
}

describe('excel-tr CSV', () => {
  test('UTF-8 with BOM, ";" and CRLF, Turkish headers, decimal comma, dd.MM.yyyy, labels, national phone form', async () => {
    const { bytes, result } = await exportDonations('excel-tr');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'Makbuz No;Bağışçı Adı;Tutar;Para Birimi;Tarih;Ödeme Şekli;Bağış Türü;Bağışçı TC Kimlik No;Bağışçı Telefon;Bağışçı E-posta;Durum;Notlar',
    );
    expect(lines[1]).toBe(
      'MK-1;Şükrü Öğüt;"1234,56";TRY;05.01.2025;Havale/EFT;Genel;17291716060;0532 123 45 67;;Tamamlandı;"\'=HYPERLINK(""http://x"",""y"")"',
    );
    // A decimal comma is quoted too (an English-locale Excel would split it; Turkish Excel still
    // reads a quoted "1234,56" as a number). The multi-line note stays one quoted cell with its LF; the ';' and quotes inside are escaped.
    expect(lines[2]).toBe('MK-2;İlkay Işık;"0,05";EUR;31.12.2025;;;;;;Beklemede;"satır 1\nsatır 2; ""alıntı"", -5"');
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
    expect(result).toEqual({ rows: 2, bytes: bytes.length });
  });

  test('English headers and a chosen column order on request', async () => {
    const { bytes } = await exportDonations('excel-tr', { columns: ['amount', 'receiptNo'], headerLang: 'en' });
    expect(bytes.subarray(3).toString('utf8')).toBe('Amount;Receipt no.\r\n"1234,56";MK-1\r\n"0,05";MK-2\r\n');
  });

  test('leaves no temporary file beside the target', async () => {
    const { dir } = await exportDonations('excel-tr');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });
});

describe('standard CSV', () => {
  test('UTF-8 without BOM, ",", CRLF, ISO dates, dot decimals, values; formulas still neutralised', async () => {
    const { bytes } = await exportDonations('csv');
    expect(bytes[0]).not.toBe(0xef);
    const lines = bytes.toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'Makbuz No,Bağışçı Adı,Tutar,Para Birimi,Tarih,Ödeme Şekli,Bağış Türü,Bağışçı TC Kimlik No,Bağışçı Telefon,Bağışçı E-posta,Durum,Notlar',
    );
    expect(lines[1]).toBe(
      'MK-1,Şükrü Öğüt,1234.56,TRY,2025-01-05,havale,genel,17291716060,+905321234567,,tamamlandi,"\'=HYPERLINK(""http://x"",""y"")"',
    );
    expect(lines[2]).toBe('MK-2,İlkay Işık,0.05,EUR,2025-12-31,,,,,,beklemede,"satır 1\nsatır 2; ""alıntı"", -5"');
  });
});

describe('JSON', () => {
  test('one streamed array, ISO values, money as decimal numbers with the currency, missing as null', async () => {
    const { bytes } = await exportDonations('json', { columns: ['receiptNo', 'amount', 'date', 'notes'] });
    const text = bytes.toString('utf8');
    expect(text.startsWith('[\n{')).toBe(true);
    expect(text.endsWith('}\n]\n')).toBe(true);
    expect(JSON.parse(text)).toEqual([
      { receiptNo: 'MK-1', amount: 1234.56, date: '2025-01-05', notes: INJECTION, currency: 'TRY' },
      { receiptNo: 'MK-2', amount: 0.05, date: '2025-12-31', notes: 'satır 1\nsatır 2; "alıntı", -5', currency: 'EUR' },
    ]);
  });

  test('an empty result is an empty array', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-json-'));
    const target = join(dir, 'empty.json');
    const gateway = fakeRecordGateway({ total: 0, record: () => ({}) });
    await exportToFile(gateway, { exportId: FAKE_EXPORT_ID, filters: { collection: 'donations' }, format: 'json', target });
    expect(JSON.parse(readFileSync(target, 'utf8'))).toEqual([]);
  });
});

describe('XLSX', () => {
  test('typed cells: money a number as #,##0.00, dates real dates as dd.mm.yyyy, IDs and phones text, formulas inert', async () => {
    const { target } = await exportDonations('xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(target);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Bağışlar');
    expect(sheet.getRow(1).getCell(1).value).toBe('Makbuz No');
    const row = sheet.getRow(2);
    const amount = row.getCell(3);
    expect(amount.value).toBe(1234.56);
    expect(amount.type).toBe(ExcelJS.ValueType.Number);
    expect(amount.numFmt).toBe('#,##0.00');
    const date = row.getCell(5);
    expect(date.value).toEqual(new Date(Date.UTC(2025, 0, 5)));
    expect(date.numFmt).toBe('dd.mm.yyyy');
    expect(row.getCell(6).value).toBe('Havale/EFT');
    expect(row.getCell(8).value).toBe('17291716060');
    expect(row.getCell(8).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(9).value).toBe('+905321234567');
    expect(row.getCell(10).value).toBeNull();
    const note = row.getCell(12);
    expect(note.value).toBe(`'${INJECTION}`);
    expect(note.type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(3).getCell(3).value).toBe(0.05);
    expect(sheet.getRow(3).getCell(12).value).toBe('satır 1\nsatır 2; "alıntı", -5');
    expect(sheet.rowCount).toBe(3);
  });
});

describe('a CSV opened with the other separator still runs no formula', () => {
  // Turkish Excel splits a double-clicked .csv at ';', English Excel at ','; a quote that does not
  // open a field stays text, so each piece of a cell between separators must be inert.
  const PAYLOADS = ["x;=cmd|' /C calc'!A0", 'x,=1+1', 'x\t@SUM(A1)', 'x|+1'];
  test.each(['csv', 'excel-tr'] as const)('%s: every cell with a separator is quoted, and no piece starts a formula', async (format) => {
    const dir = mkdtempSync(join(tmpdir(), 'export-split-'));
    const target = join(dir, 'out.csv');
    const gateway = fakeRecordGateway({ total: PAYLOADS.length, record: (i) => ({ _id: `d${i}`, _creationTime: i, receiptNo: `MK-${i}`, notes: PAYLOADS[i] }) as ExportRecord });
    await exportToFile(gateway, { exportId: FAKE_EXPORT_ID, filters: { collection: 'donations' }, format, target, columns: ['receiptNo', 'notes'] });
    const lines = readFileSync(target, 'utf8').replace(/^\uFEFF/, '').split('\r\n').slice(1, -1);
    const delimiter = format === 'csv' ? ',' : ';';
    expect(lines).toEqual(PAYLOADS.map((p, i) => `MK-${i}${delimiter}"${p.replace(/([;,\t|])/, "$1'")}"`));
    for (const line of lines) for (const piece of line.split(/[,;\t|]/)) expect(piece.replace(/^"/, '')).not.toMatch(/^\s*[=+\-@]/);
  });
});
