// Our own XLSX writer read back by other programs: exceljs's streaming reader and LibreOffice
// (converted headless to flat ODS, whose cells carry their value types) must see the same values
// with the same types: numbers, dates, text. 1,200 rows, so the receipt column outgrows the
// shared-strings bound and the rest of it is written inline, and the receipt and amount columns'
// cell tables fill up and are dropped (mostly misses) for the last rows.
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportToFile } from './exportToFile';
import { FAKE_EXPORT_ID, fakeRecordGateway } from './fakeRecordGateway.test-util';
import type { ExportRecord } from './recordWriter';
import { SHARED_PER_COLUMN, xmlText } from './xlsxWriter';
import { ZipWriter } from './zipWriter';

type Cell = string | number | Date | null;
const ROWS = 1200;
const NAMES = ['Şükrü Öğüt', 'İlkay Işık', 'Çağrı Güneş'];
const NOTES = ['=HYPERLINK("http://x","y")', '  boşluk iki yanda  ', 'satır 1\nsatır 2; "alıntı", -5', '<b>&amp;</b>'];
const day = (i: number) => new Date(Date.UTC(2025, 0, 1 + (i % 365)));

function donation(i: number): ExportRecord {
  return {
    _id: `d${i}`,
    _creationTime: i,
    receiptNo: `MK-${i}`,
    donorName: NAMES[i % NAMES.length],
    amount: 10_000 + i * 37,
    currency: 'TRY',
    date: day(i).toISOString().slice(0, 10),
    method: i % 2 === 0 ? 'havale' : undefined,
    donorNationalId: '17291716060',
    status: 'tamamlandi',
    notes: NOTES[i],
  };
}

const HEADERS = ['Makbuz No', 'Bağışçı Adı', 'Tutar', 'Para Birimi', 'Tarih', 'Ödeme Şekli', 'Bağış Türü', 'Bağışçı TC Kimlik No', 'Bağışçı Telefon', 'Bağışçı E-posta', 'Durum', 'Notlar'];

/** A row as a spreadsheet shows it: labels, money as decimals, dates, the formula rule applied; empty cells at the end dropped. */
function expectedRow(i: number): Cell[] {
  const notes = NOTES[i] === undefined ? null : NOTES[i]!.startsWith('=') ? `'${NOTES[i]}` : NOTES[i]!;
  return trimEnd([`MK-${i}`, NAMES[i % NAMES.length]!, (10_000 + i * 37) / 100, 'TRY', day(i), i % 2 === 0 ? 'Havale/EFT' : null, null, '17291716060', null, null, 'Tamamlandı', notes]);
}

function trimEnd(cells: Cell[]): Cell[] {
  const out = [...cells];
  while (out.length && out.at(-1) === null) out.pop();
  return out;
}

async function exportXlsx(): Promise<string> {
  const target = join(mkdtempSync(join(tmpdir(), 'xlsx-readback-')), 'bağışlar.xlsx');
  const gateway = fakeRecordGateway({ total: ROWS, record: donation });
  await exportToFile(gateway, { exportId: FAKE_EXPORT_ID, filters: { collection: 'donations' }, format: 'xlsx', target }, { pageSize: 500 });
  return target;
}

/** Every row through exceljs's streaming reader (shared strings cached, as a large file is read). */
async function readWithExceljsStream(file: string): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = (row.values as unknown[]).slice(1).map((v) => (v === undefined ? null : (v as Cell)));
      rows.push(trimEnd(Array.from(values, (v) => v ?? null)));
    }
  }
  return rows;
}

const soffice = ['soffice', 'libreoffice'].find((cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0);

const decode = (s: string) =>
  s
    .replace(/<text:s(?: text:c="(\d+)")?\/>/g, (_, n: string | undefined) => ' '.repeat(Number(n ?? 1)))
    .replace(/<text:line-break\/>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** LibreOffice's reading: the workbook converted to flat ODS, cells typed by office:value-type. */
function readWithLibreOffice(file: string): Cell[][] {
  const out = mkdtempSync(join(tmpdir(), 'xlsx-lo-'));
  // A profile of its own, so parallel runs never share (or lock) one.
  const profile = pathToFileURL(join(out, 'profile')).href;
  execFileSync(soffice!, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'fods', '--outdir', out, file], { stdio: 'ignore', timeout: 150_000 });
  const xml = readFileSync(join(out, 'bağışlar.fods'), 'utf8');
  const table = xml.slice(xml.indexOf('<table:table '), xml.indexOf('</table:table>'));
  const rows: Cell[][] = [];
  for (const [, rowXml] of table.matchAll(/<table:table-row[^>]*>([\s\S]*?)<\/table:table-row>/g)) {
    const cells: Cell[] = [];
    for (const m of rowXml!.matchAll(/<table:table-cell((?:\s+[\w:-]+="[^"]*")*)\s*(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)) {
      const attrs = Object.fromEntries([...m[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, k, v]) => [k!, v!]));
      const repeat = Number(attrs['table:number-columns-repeated'] ?? 1);
      const paragraphs = [...(m[2] ?? '').matchAll(/<text:p>([\s\S]*?)<\/text:p>/g)].map(([, p]) => decode(p!));
      const type = attrs['office:value-type'];
      const value: Cell =
        type === 'float' ? Number(attrs['office:value']) : type === 'date' ? new Date(`${attrs['office:date-value']!.slice(0, 10)}T00:00:00Z`) : type === 'string' ? paragraphs.join('\n') : null;
      for (let k = 0; k < Math.min(repeat, 64); k++) cells.push(value);
    }
    const row = trimEnd(cells);
    if (row.length) rows.push(row);
  }
  return rows;
}

describe('XLSX read back by other programs', { timeout: 240_000 }, () => {
  it('exceljs streaming: the same values with their types (numbers, dates, text), shared and inline strings alike', async () => {
    const file = await exportXlsx();
    const rows = await readWithExceljsStream(file);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows.length).toBe(ROWS + 1);
    expect(ROWS).toBeGreaterThan(SHARED_PER_COLUMN);
    for (let i = 0; i < ROWS; i++) expect(rows[i + 1], `row ${i + 2}`).toEqual(expectedRow(i));
    // Types as exceljs reports them: a number, a date, an ID kept as text.
    expect(typeof rows[1]![2]).toBe('number');
    expect(rows[1]![4]).toBeInstanceOf(Date);
    expect(typeof rows[1]![7]).toBe('string');
  });

  it.skipIf(!soffice)('LibreOffice (headless, when installed): the same values and types', async () => {
    const file = await exportXlsx();
    const rows = readWithLibreOffice(file);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows.length).toBe(ROWS + 1);
    for (let i = 0; i < ROWS; i++) expect(rows[i + 1], `row ${i + 2}`).toEqual(expectedRow(i));
  });
});

describe('XLSX text and zip details', () => {
  it('escapes XML, writes characters XML cannot carry as _xHHHH_, and keeps a typed _xHHHH_ literal', () => {
    expect(xmlText('a<b>&"c"')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
    expect(xmlText('zil\u0007sesi')).toBe('zil_x0007_sesi');
    expect(xmlText('a_x0041_b')).toBe('a_x005F_x0041_b');
    expect(xmlText('düz metin, alt_çizgi')).toBe('düz metin, alt_çizgi');
  });

  it.skipIf(spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status !== 0)('a streamed entry past its buffer many times, in text, byte, ASCII and over-size pieces, reads back whole', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zip-chunks-')), 'z.zip');
    const out = createWriteStream(file);
    // A 4 KiB buffer instead of 1 MiB: the same code meets the buffer's end hundreds of times.
    const zip = new ZipWriter(out, { entryBuffer: 4096 });
    const sheet = await zip.startFile('sayfa.xml');
    const pieces = Array.from({ length: 64 }, (_, n) => Buffer.from(`<c r="Ğ${'x'.repeat(n)}">`, 'utf8'));
    const parts: string[] = [];
    // Pieces of each kind and of every length in a scrambled order, so each kind meets the buffer's end.
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) >>> 16) % n;
    for (let i = 0; i < 30_000; i++) {
      const kind = next(3);
      if (kind === 0) {
        const text = 'Şükrü Öğüt İğdır;'.slice(next(17));
        sheet.text(text);
        parts.push(text);
      } else if (kind === 1) {
        const digits = String(i).repeat(1 + next(12));
        sheet.ascii(digits);
        parts.push(digits);
      } else {
        const piece = pieces[next(64)]!;
        sheet.bytes(piece);
        parts.push(piece.toString('utf8'));
      }
      if (i % 10_000 === 0) {
        const long = 'ı'.repeat(3000 + i / 10);
        sheet.text(long);
        parts.push(long);
      }
      await sheet.ready();
    }
    const expected = parts.join('');
    await sheet.close();
    await zip.finish();
    await new Promise<void>((resolve) => out.once('close', () => resolve()));
    expect(spawnSync('unzip', ['-tq', file]).status).toBe(0);
    expect(execFileSync('unzip', ['-p', file, 'sayfa.xml'], { encoding: 'utf8', maxBuffer: 1 << 24 })).toBe(expected);
  });

  it.skipIf(spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status !== 0)('zip64 records where sizes and offsets pass the limit: Info-ZIP reads every entry back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip64-'));
    const file = join(dir, 'z.zip');
    const out = createWriteStream(file);
    // The limit lowered to 100 bytes: the streamed entry, later offsets and the directory are zip64.
    const zip = new ZipWriter(out, { zip64From: 100 });
    await zip.addFile('küçük.txt', 'merhaba');
    const big = await zip.startFile('büyük.txt');
    const line = 'Şükrü Öğüt;17291716060;İstanbul\n';
    for (let i = 0; i < 200; i++) await big.write(line);
    await big.close();
    await zip.addFile('son.txt', 'son');
    await zip.finish();
    await new Promise<void>((resolve) => out.once('close', () => resolve()));
    expect(spawnSync('unzip', ['-tq', file], { encoding: 'utf8' }).status).toBe(0);
    expect(execFileSync('unzip', ['-p', file, 'büyük.txt'], { encoding: 'utf8' })).toBe(line.repeat(200));
    expect(execFileSync('unzip', ['-p', file, 'son.txt'], { encoding: 'utf8' })).toBe('son');
  });
});
