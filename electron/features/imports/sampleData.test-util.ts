// Realistic beneficiary rows as Turkish office staff type them, for tests and the benchmark:
// deterministic (seeded), with a chosen share of rows broken in the ways real files are broken.
import ExcelJS from 'exceljs';
import { makeTcKimlik } from '../../../shared/domain/fixtures.test-util';

export const BENEFICIARY_HEADERS = [
  'Adı Soyadı',
  'T.C. Kimlik No',
  'Cep Telefonu',
  'E-posta',
  'Doğum Tarihi',
  'İl',
  'İlçe',
  'Adres',
  'Hane Nüfusu',
  'Aylık Gelir (TL)',
  'Kategori',
  'Durum',
];

const FIRST = ['Ayşe', 'Mehmet', 'Fatma', 'Mustafa', 'Emine', 'Ahmet', 'Hatice', 'Ali', 'Zeynep', 'Hüseyin', 'Şükrü', 'Gülşen', 'İbrahim', 'Özlem', 'Çağrı', 'Ümran'];
const LAST = ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan', 'Kılıç', 'Aslan', 'Çetin', 'Kara', 'Koç'];
const CITIES = [['istanbul', 'Kadıköy'], ['Ankara', 'Çankaya'], ['İzmir', 'Karşıyaka'], ['Iğdır', 'Merkez'], ['şanlıurfa', 'Eyyübiye'], ['Gaziantep', 'Şahinbey'], ['Van', 'İpekyolu'], ['Muş', 'Malazgirt']] as const;
const CATEGORIES = ['Yetim', 'Yaşlı', 'Engelli', 'Öğrenci', 'Mülteci', 'Diğer'];
const STATUSES = ['Aktif', 'Pasif', 'Beklemede'];
const STREETS = ['Atatürk Cad.', 'Cumhuriyet Mah. Gül Sok.', 'İnönü Bulvarı', 'Çarşı İçi', 'Şehit Ömer Sok.'];

/** Small fast PRNG (mulberry32): the same seed gives the same file. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A unique valid TC Kimlik No for row i. */
export function tcFor(i: number): string {
  return makeTcKimlik(String(100000000 + i * 7));
}

export interface SampleRowOptions {
  /** Share of rows with one deliberate error (0..1). */
  invalidShare?: number;
}

/**
 * Row i of a beneficiaries file (cells in BENEFICIARY_HEADERS order), Turkish style: decimal
 * commas, dd.MM.yyyy dates. Returns the cells and whether the row was broken on purpose.
 */
export function beneficiaryRow(i: number, r: () => number, opts: SampleRowOptions = {}): { cells: string[]; broken: boolean } {
  const [city, district] = pick(r, CITIES);
  const income = Math.floor(r() * 3_000_000);
  const cells = [
    `${pick(r, FIRST)} ${pick(r, LAST)}`,
    tcFor(i),
    `05${pad(30 + Math.floor(r() * 25))} ${pad(Math.floor(r() * 1000), 3)} ${pad(Math.floor(r() * 100))} ${pad(Math.floor(r() * 100))}`,
    `kisi${i}@ornek.com.tr`,
    `${pad(1 + Math.floor(r() * 28))}.${pad(1 + Math.floor(r() * 12))}.${1940 + Math.floor(r() * 65)}`,
    city,
    district,
    `${pick(r, STREETS)} No:${1 + Math.floor(r() * 120)}`,
    String(1 + Math.floor(r() * 9)),
    `${Math.floor(income / 100).toLocaleString('de-DE')},${pad(income % 100)}`,
    pick(r, CATEGORIES),
    pick(r, STATUSES),
  ];
  const broken = r() < (opts.invalidShare ?? 0);
  if (broken) {
    switch (i % 4) {
      case 0:
        cells[1] = cells[1]!.slice(0, 10) + String((Number(cells[1]!.slice(10)) + 1) % 10); // checksum
        break;
      case 1:
        cells[4] = '31.02.1985'; // no such date
        break;
      case 2:
        cells[0] = ''; // required
        break;
      default:
        cells[5] = 'Atlantis'; // not a province
    }
  }
  return { cells, broken };
}

/** One CSV line as Turkish Excel writes it (';', quotes only when needed). */
export function csvLine(cells: string[], delimiter = ';'): string {
  return cells.map((c) => (c.includes(delimiter) || c.includes('"') || c.includes('\n') ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter);
}

/**
 * Writes `rows` sample beneficiaries as Excel writes them: shared strings, birth dates as date
 * cells (dd.mm.yyyy), incomes as numbers.
 */
export async function writeBeneficiaryWorkbook(filename: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Liste');
  ws.addRow(BENEFICIARY_HEADERS).commit();
  const r = prng(rows + 1);
  for (let i = 0; i < rows; i++) {
    const cells: (string | number | Date)[] = beneficiaryRow(i, r, { invalidShare: 0.05 }).cells;
    const [d, m, y] = String(cells[4]).split('.').map(Number);
    if (d && m && y && !(m === 2 && d > 28)) cells[4] = new Date(Date.UTC(y, m - 1, d));
    cells[8] = Number(cells[8]);
    const row = ws.addRow(cells);
    row.getCell(5).numFmt = 'dd.mm.yyyy';
    row.commit();
  }
  await wb.commit();
}
