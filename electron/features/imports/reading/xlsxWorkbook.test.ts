import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectSource, readRows } from './source';
import { FIXTURES, allRows, refusal, tempDir } from '../testFiles.test-util';

const excelize = (name: string): string => join(FIXTURES, 'excelize', name);

// One test per workbook of fixtures/excelize, doing what its README.md asks.
describe('excelize workbooks', () => {
  it('Book1.xlsx: lists its sheets and reads formula results, not formulas', async () => {
    const file = excelize('Book1.xlsx');
    const info = await inspectSource(file);
    expect(info).toMatchObject({
      format: 'xlsx',
      encoding: null,
      delimiter: null,
      lineEnding: null,
      sheets: ['Sheet1', 'Sheet2'],
      sheet: 'Sheet1',
      headerRow: 19, // rows 1-18 do not exist in Sheet1
      headers: ['Total:', '237'], // B19 is =SUM(Sheet2!D2,Sheet2!D11) with cached result 237
    });
    expect(await allRows(file, info)).toEqual([
      { rowNumber: 21, cells: [null, null, 'Column1', 'Column2'] },
      { rowNumber: 22, cells: ['GitHub'] }, // a hyperlink cell gives its text
    ]);

    const sheet2 = await inspectSource(file, { sheet: 'Sheet2' });
    expect(sheet2.headers).toEqual(['Monitor', 'Sütun 2', 'Brand', 'Sütun 4', 'inlineStr']);
    const rows = await allRows(file, sheet2);
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(rows[0]!.cells).toEqual(['> 23 Inch', 19, 'HP', 200]);
    expect(rows[5]!.cells).toEqual([null, null, 'IBM', 127]); // rich text in the shared strings, flattened
    const last = rows[9]!.cells;
    // C11 is a t="str" cell with pretty-printing space around its <v>: not part of the text.
    expect(last[2]).toBe('Other');
    expect(last[3]).toBe(37);
    // E11..I11 are formulas without a cached result: nothing to read.
    expect(last.slice(4)).toEqual([null, null, null, null, null]);
  });

  it('Book1.xlsx: rows are read with the layout found when inspecting, not by reading the package parts again', async () => {
    const file = excelize('Book1.xlsx');
    const info = await inspectSource(file, { sheet: 'Sheet2' });
    expect(info.layout?.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Sheet2']);
    // Sheet2's name pointing at Sheet1's part: only a reader that trusts the given layout reads Sheet1.
    const sheet1Part = info.layout!.sheets[0]!.part;
    const swapped = { ...info, layout: { ...info.layout!, sheets: info.layout!.sheets.map((s) => ({ ...s, part: sheet1Part })) } };
    expect((await allRows(file, swapped)).map((r) => r.rowNumber)).toEqual([19, 21, 22]);
  });

  it('SharedStrings.xlsx: reads the text behind shared-string indexes on both sheets', async () => {
    const file = excelize('SharedStrings.xlsx');
    // Each sheet holds one cell, so each is a header without data.
    const first = await refusal(() => inspectSource(file));
    expect(first.code).toBe('header_only');
    expect(first.headers).toEqual(['A']);
    const second = await refusal(() => inspectSource(file, { sheet: 'Sheet2' }));
    expect(second.code).toBe('header_only');
    expect(second.headers).toEqual(['Test Weight (Kgs)']); // three rich-text runs joined
    expect(second.messageEn).toContain('SharedStrings.xlsx');
  });

  it('MergeCell.xlsx: a merged range gives its value once, at the top-left cell', async () => {
    const file = excelize('MergeCell.xlsx');
    const info = await inspectSource(file);
    expect(info.headers).toEqual(['A1', 'Sütun 2', 'C1', 'D1']); // A1:B1 merged
    const rows = await allRows(file, info);
    const byRow = new Map(rows.map((r) => [r.rowNumber, r.cells]));
    expect(byRow.get(2)).toEqual(['A2', 'B2', 'C2', 'D2']); // A2:A3 merged
    expect(byRow.get(3)).toEqual([null, 'B3', 'C3', 'D3']);
    expect(byRow.get(4)).toEqual(['A4', null, 'C4', 'D4']); // A4:B5 merged
    expect(byRow.get(5)).toEqual([null, null, 'C5', 'D5']);
    expect(byRow.get(7)).toEqual(['A7', null, null, 'D7']); // A7:C10 merged
    for (const r of [8, 9, 10]) expect(byRow.get(r)).toEqual([null, null, null, `D${r}`]);
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('OverflowNumericCell.xlsx: the 13-digit number keeps its digits as written', async () => {
    const err = await refusal(() => inspectSource(excelize('OverflowNumericCell.xlsx')));
    expect(err.code).toBe('header_only'); // a single cell
    expect(err.headers).toEqual(['8595602512225']); // not 8.59560251222E+12
  });

  it('CalcChain.xlsx: read like any other book (cached formula results, including 0)', async () => {
    const err = await refusal(() => inspectSource(excelize('CalcChain.xlsx')));
    expect(err.code).toBe('header_only'); // its only row is A1 =SUM(C1:D1) → 0, B1 → 1
    expect(err.headers).toEqual(['0', '1']);
  });

  it('BadWorkbook.xlsx: refused as corrupt with a clear message, no hang', async () => {
    const err = await refusal(() => inspectSource(excelize('BadWorkbook.xlsx')));
    expect(err.code).toBe('corrupt');
    expect(err.messageEn).toContain('BadWorkbook.xlsx');
    expect(err.messageEn).toContain('no sheets');
    expect(err.messageTr).toContain('BadWorkbook.xlsx');
  });

  for (const name of ['encryptAES.xlsx', 'encryptSHA1.xlsx']) {
    it(`${name}: refused as password-protected`, async () => {
      const err = await refusal(() => inspectSource(excelize(name)));
      expect(err.code).toBe('password_protected');
      expect(err.messageEn).toContain('password-protected');
      expect(err.messageTr).toContain('parola korumalı');
      expect(err.messageEn).toContain(name);
      expect(err.messageTr).toContain(name);
      expect(err.file).toBe(excelize(name));
    });
  }

  it('the licence and README travel with the workbooks', () => {
    expect(readFileSync(excelize('LICENSE'), 'utf8')).toMatch(/BSD|Redistribution/);
    expect(readFileSync(excelize('README.md'), 'utf8')).toContain('password-protected');
  });
});

describe('a workbook written here (typed values, sheets, cancellation)', () => {
  const tmp = tempDir();
  const file = tmp.path('bagislar.xlsx');
  const bigFile = tmp.path('buyuk.xlsx');
  const inlineFile = tmp.path('satir-ici.xlsx');
  const birth = new Date(Date.UTC(1985, 1, 28));

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Boş');
    const ws = wb.addWorksheet('Bağışlar');
    ws.addRow(['Adı Soyadı', 'Doğum Tarihi', 'Tutar', 'Aktif', 'Formül', 'Bağlantı', 'Zengin', 'Hata', 'TC', ' ']);
    ws.addRow([
      'Şahin Çelik',
      birth,
      1234.56,
      true,
      { formula: 'C2*2', result: 2469.12 },
      { text: 'Kafkasder', hyperlink: 'https://example.org' },
      { richText: [{ text: 'Kalın', font: { bold: true } }, { text: ' metin' }] },
      { error: '#N/A' },
      17291716060,
    ]);
    ws.getCell('B2').numFmt = 'dd.mm.yyyy';
    ws.addRow([]); // row 3 stays empty
    ws.addRow(['Iğdır', { formula: 'B2+1', result: 31107 }, { formula: 'C2*0', result: 0 }, false]);
    ws.getCell('B4').numFmt = 'd.m.yyyy';
    ws.getCell('A5').value = 'Birleşik';
    ws.mergeCells('A5:C5');
    ws.getCell('D5').value = 'sağında';
    const other = wb.addWorksheet('Diğer');
    other.addRow(['Kod']);
    other.addRow(['X1']);
    await wb.xlsx.writeFile(file);

    const big = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: bigFile, useSharedStrings: true });
    const sheet = big.addWorksheet('Liste');
    sheet.addRow(['No', 'Ad']).commit();
    for (let i = 1; i <= 3000; i++) sheet.addRow([i, `Kişi ${i}`]).commit();
    sheet.commit();
    await big.commit();

    const inline = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: inlineFile, useSharedStrings: false });
    const list = inline.addWorksheet('Satır İçi');
    list.addRow(['Ad']).commit();
    for (let i = 1; i <= 3000; i++) list.addRow([`Çiğdem Işık ${i}`]).commit();
    list.commit();
    await inline.commit();
  });
  afterAll(() => tmp.remove());

  it('defaults to the first non-empty sheet and lists all of them in tab order', async () => {
    const info = await inspectSource(file);
    expect(info.sheets).toEqual(['Boş', 'Bağışlar', 'Diğer']);
    expect(info.sheet).toBe('Bağışlar');
    expect(info.headerRow).toBe(1);
    expect(info.headers).toEqual([
      'Adı Soyadı',
      'Doğum Tarihi',
      'Tutar',
      'Aktif',
      'Formül',
      'Bağlantı',
      'Zengin',
      'Hata',
      'TC',
      'Sütun 10',
    ]);
  });

  it('reads typed values: numbers, UTC dates, booleans, formula results, link text, rich text, errors', async () => {
    const info = await inspectSource(file);
    const rows = await allRows(file, info);
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 4, 5]);
    expect(rows[0]!.cells).toEqual([
      'Şahin Çelik',
      birth,
      1234.56,
      true,
      2469.12,
      'Kafkasder',
      'Kalın metin',
      '#N/A',
      17291716060,
    ]);
    const [city, nextDay, zero, no] = rows[1]!.cells;
    expect(city).toBe('Iğdır');
    // A date-formatted formula result is a Date too (serial 31107 = 1985-03-01).
    expect(nextDay).toEqual(new Date(Date.UTC(1985, 2, 1)));
    expect(zero).toBe(0); // a cached 0 is a value, not an empty cell
    expect(no).toBe(false);
    expect(rows[2]!.cells).toEqual(['Birleşik', null, null, 'sağında']);
  });

  it('reads a chosen sheet and refuses unknown or empty ones', async () => {
    const other = await inspectSource(file, { sheet: 'Diğer' });
    expect(other.headers).toEqual(['Kod']);
    expect(await allRows(file, other)).toEqual([{ rowNumber: 2, cells: ['X1'] }]);

    const missing = await refusal(() => inspectSource(file, { sheet: 'Sayfa9' }));
    expect(missing.code).toBe('no_such_sheet');
    expect(missing.messageEn).toContain('Sayfa9');
    expect(missing.messageEn).toContain('Bağışlar');
    expect(missing.messageTr).toContain('bagislar.xlsx');

    const empty = await refusal(() => inspectSource(file, { sheet: 'Boş' }));
    expect(empty.code).toBe('empty');
    expect(empty.messageTr).toContain('Boş');
  });

  it('uses a chosen header row', async () => {
    const info = await inspectSource(file, { sheet: 'Bağışlar', headerRow: 4 });
    expect(info.headers).toEqual(['Iğdır', '1985-03-01', '0', 'false']);
    expect((await allRows(file, info)).map((r) => r.rowNumber)).toEqual([5]);
  });

  it('Turkish letters survive chunk boundaries in inline strings too', async () => {
    const info = await inspectSource(inlineFile);
    expect(info.sheet).toBe('Satır İçi');
    const rows = await allRows(inlineFile, info);
    expect(rows).toHaveLength(3000);
    rows.forEach((row, i) => expect(row.cells).toEqual([`Çiğdem Işık ${i + 1}`]));
  });

  it('streams a bigger sheet in batches and stops on abort', async () => {
    const info = await inspectSource(bigFile);
    let count = 0;
    for await (const batch of readRows(bigFile, info, { chunkRows: 250 })) {
      expect(batch.length).toBeLessThanOrEqual(250);
      for (const row of batch) {
        count++;
        expect(row).toEqual({ rowNumber: count + 1, cells: [count, `Kişi ${count}`] });
      }
    }
    expect(count).toBe(3000);

    const controller = new AbortController();
    let seen = 0;
    const reading = (async () => {
      for await (const batch of readRows(bigFile, info, { chunkRows: 100, signal: controller.signal })) {
        seen += batch.length;
        controller.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBe(100);
  });
});
