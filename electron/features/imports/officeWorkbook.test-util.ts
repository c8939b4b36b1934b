// A beneficiary list as Turkish offices keep it (issue #23): a cover sheet first; on the data sheet
// a two-line merged title, a blank row, upper-case headers, TC numbers and mobiles stored as
// numbers (the leading 0 lost), birth dates as date cells, a TOPLAM row with SUM formulas and a
// "Hazırlayan: …" footer. Written with exceljs as Excel would save it.
import ExcelJS from 'exceljs';
import { completeTcKimlik } from '../../../shared/domain';

export const OFFICE_HEADERS = ['SIRA NO', 'ADI SOYADI', 'T.C. KİMLİK NO', 'CEP TEL.', 'DOĞUM TARİHİ', 'İLİ', 'İLÇESİ', 'HANE SAYISI', 'AYLIK GELİR (TL)'];
export const OFFICE_SHEET = 'Yardım Listesi';
export const OFFICE_HEADER_ROW = 4;

const tc = (first9: string) => Number(completeTcKimlik(first9));
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const badChecksum = (first9: string) => {
  const good = completeTcKimlik(first9);
  return Number(good.slice(0, 10) + String((Number(good[10]) + 1) % 10));
};

/** The data rows (row 5 on); the comment names what is wrong where. */
export const OFFICE_PEOPLE: { row: number; cells: (string | number | Date)[] }[] = [
  { row: 5, cells: [1, 'Ayşe Yılmaz', tc('172917160'), 5321234567, day(1980, 3, 12), 'İstanbul', 'Kadıköy', 4, 8500] },
  { row: 6, cells: [2, 'Mehmet Demir', tc('234567891'), 5051112233, day(1975, 11, 2), 'Ankara', 'Çankaya', 3, 12000.5] },
  { row: 7, cells: [3, 'Fatma Kaya', badChecksum('345678912'), 5442223344, day(1990, 1, 30), 'İzmir', 'Bornova', 5, 6000] }, // TC checksum
  { row: 8, cells: [4, 'Ali Çelik', tc('456789123'), 5321, day(1968, 7, 7), 'Bursa', 'Osmangazi', 2, 9000] }, // phone
  { row: 9, cells: [5, 'Zeynep Şahin', tc('567891234'), 5363334455, day(2001, 5, 19), 'Konya', 'Selçuklu', 1, 0] },
  { row: 10, cells: [6, 'Hasan Öztürk', tc('678912345'), 5554445566, day(1959, 9, 9), 'Adana', 'Seyhan', 45, 7000] }, // household size
  { row: 11, cells: [7, 'Emine Aydın', tc('991234567'), 5075556677, day(1988, 12, 1), 'Gaziantep', 'Şahinbey', 6, 4500] }, // a YKN, valid
  { row: 12, cells: [8, 'Mustafa Arslan', tc('789123456'), 5426667788, day(1970, 2, 14), 'izmir', 'Karşıyaka', 3, 11000] },
];
/** Rows with an error, and the header of the column it is in. */
export const OFFICE_BAD_CELLS = [
  { row: 7, column: 'T.C. KİMLİK NO' },
  { row: 8, column: 'CEP TEL.' },
  { row: 10, column: 'HANE SAYISI' },
];
export const OFFICE_TOTAL_ROW = 13;
export const OFFICE_FOOTER_ROW = 15;

/** totalsLabel null: the totals row is known only by its SUM formulas (no TOPLAM word). */
export async function writeOfficeWorkbook(file: string, opts: { totalsLabel?: string | null } = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const cover = wb.addWorksheet('Kapak');
  cover.getCell('A1').value = 'KAFKASDER';
  cover.getCell('A3').value = '2024 Yılı Sosyal Yardım Listesi';
  cover.addRow([]);
  cover.addRow(['Tarih:', '05.01.2025']);
  cover.addRow(['Birim:', 'Sosyal Yardım']);

  const ws = wb.addWorksheet(OFFICE_SHEET);
  ws.getCell('A1').value = 'KAFKASDER KAFKAS DERNEKLERİ FEDERASYONU';
  ws.mergeCells('A1:I1');
  ws.getCell('A2').value = '2024 YILI GIDA YARDIMI ALAN AİLELER LİSTESİ';
  ws.mergeCells('A2:I2');
  // Row 3 stays blank.
  ws.getRow(OFFICE_HEADER_ROW).values = OFFICE_HEADERS;
  for (const p of OFFICE_PEOPLE) {
    ws.getRow(p.row).values = p.cells;
    ws.getCell(`E${p.row}`).numFmt = 'dd.mm.yyyy';
  }
  const first = OFFICE_PEOPLE[0]!.row;
  const last = OFFICE_PEOPLE.at(-1)!.row;
  const sum = (col: number) => OFFICE_PEOPLE.reduce((s, p) => s + (p.cells[col] as number), 0);
  const t = OFFICE_TOTAL_ROW;
  const label = opts.totalsLabel === undefined ? 'TOPLAM' : opts.totalsLabel;
  if (label !== null) {
    ws.getCell(`A${t}`).value = label;
    ws.mergeCells(`A${t}:G${t}`);
  }
  ws.getCell(`H${t}`).value = { formula: `SUM(H${first}:H${last})`, result: sum(7) };
  ws.getCell(`I${t}`).value = { formula: `SUM(I${first}:I${last})`, result: sum(8) };
  // Row 14 stays blank.
  ws.getCell(`A${OFFICE_FOOTER_ROW}`).value = 'Hazırlayan: Sosyal Yardım Birimi';
  ws.getCell(`F${OFFICE_FOOTER_ROW}`).value = 'Onaylayan: Dernek Başkanı';
  await wb.xlsx.writeFile(file);
}
