import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectSource } from './source';
import { chooseHeaderRow } from './headerDetection';
import { allRows, tempDir } from '../testFiles.test-util';
import { OFFICE_HEADER_ROW, OFFICE_HEADERS, OFFICE_SHEET, writeOfficeWorkbook } from '../officeWorkbook.test-util';

describe('finding the data sheet and the header row', () => {
  const tmp = tempDir();
  const file = tmp.path('yardim-listesi.xlsx');
  beforeAll(() => writeOfficeWorkbook(file));
  afterAll(() => tmp.remove());

  it('takes the sheet whose headers name fields, below the title, merged cells and blank row, and says why', async () => {
    const info = await inspectSource(file);
    expect(info.sheets).toEqual(['Kapak', OFFICE_SHEET]);
    expect(info.sheet).toBe(OFFICE_SHEET);
    expect(info.headerRow).toBe(OFFICE_HEADER_ROW);
    expect(info.headers).toEqual(OFFICE_HEADERS);
    expect(info.detection?.sheet?.en).toBe(`Sheet “${OFFICE_SHEET}”: its headers match the most Beneficiaries fields (8 columns)`);
    expect(info.detection?.headerRow.en).toBe('Header row 4: its 8 columns match Beneficiaries fields; the 2 non-blank rows above are titles or notes');
    expect(info.detection?.headerRow.tr).toBe('Başlık satırı 4: 8 sütunu İhtiyaç sahipleri alanlarına uyan satır; üstündeki 2 dolu satır başlık ya da not');
    const rows = await allRows(file, info);
    expect(rows[0]?.rowNumber).toBe(5);
  });

  it('keeps what the user chose, and says so', async () => {
    const info = await inspectSource(file, { sheet: 'Kapak' });
    expect(info.sheet).toBe('Kapak');
    expect(info.detection?.sheet?.tr).toBe('“Kapak” sayfası: siz seçtiniz');
    const given = await inspectSource(file, { sheet: OFFICE_SHEET, headerRow: 2 });
    expect(given.headerRow).toBe(2);
    expect(given.headers[0]).toBe('2024 YILI GIDA YARDIMI ALAN AİLELER LİSTESİ');
    expect(given.detection?.headerRow.en).toBe('Header row 2: chosen by you');
  });

  it('finds the header row of a CSV below its title lines', async () => {
    const csv = tmp.write('liste.csv', 'Kafkasder;;;\r\nBağış listesi 2024;;;\r\n;;;\r\nMakbuz No;Bağışçı;Tutar;Tarih\r\nM-1;Ali Veli;100,00;01.02.2024\r\n');
    const info = await inspectSource(csv);
    expect(info.headerRow).toBe(4);
    expect(info.headers).toEqual(['Makbuz No', 'Bağışçı', 'Tutar', 'Tarih']);
    expect(info.detection?.sheet).toBeNull();
  });

  it('finds a CSV header row of years below a title, although its data rows are all text too', async () => {
    const csv = tmp.write('yillar.csv', 'Kafkasder Yardım Listesi;;;;\r\n;;;;\r\nAd;Soyad;2023;2024;2025\r\nAyşe;Yılmaz;1.200,00;17.06.2024;3\r\n');
    const info = await inspectSource(csv);
    expect(info.headerRow).toBe(3);
    expect(info.headers).toEqual(['Ad', 'Soyad', '2023', '2024', '2025']);
    // Below a row of words that names a field, a row with years among its headers that names more.
    const rows = [
      { rowNumber: 1, cells: ['Bağışçı', 'Açıklama'] },
      { rowNumber: 2, cells: ['Bağışçı', 'Tutar', 'Tarih', '2024', '2025'] },
      { rowNumber: 3, cells: ['Ali Veli', '100,00', '01.02.2024', '1', '2'] },
    ];
    expect(chooseHeaderRow(rows)).toMatchObject({ rowNumber: 2, collection: 'donations', matched: 3 });
  });

  it('keeps the first non-blank row when no row names a field', () => {
    const rows = [
      { rowNumber: 1, cells: ['Kod', 'Değer'] },
      { rowNumber: 2, cells: ['A', 'B'] },
    ];
    expect(chooseHeaderRow(rows)).toMatchObject({ rowNumber: 1, matched: 0 });
    // A title above headers that name no field: the first non-blank row, as before.
    expect(chooseHeaderRow([{ rowNumber: 2, cells: [null] }, { rowNumber: 3, cells: ['Liste'] }, { rowNumber: 4, cells: ['Kod', 'Renk'] }])).toMatchObject({ rowNumber: 3 });
    expect(chooseHeaderRow([{ rowNumber: 1, cells: [] }])).toBeNull();
  });

  it('does not take a data row for headers: a later row must name more fields', () => {
    const rows = [
      { rowNumber: 1, cells: ['Ad Soyad', 'Tutar', 'Not'] },
      { rowNumber: 2, cells: ['Ali', 'Gelir', 'Açıklama'] },
    ];
    expect(chooseHeaderRow(rows)).toMatchObject({ rowNumber: 1 });
  });
});
