// The workbook reader on packages written here part by part, as other tools write them
// (LibreOffice, openpyxl, Google Sheets, the OpenXML SDK), and on hostile ones: zip bombs, lying
// directories, cells beyond Excel's grid, tables past their limits.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { SharedStrings, SharedStringsLimitError } from './sharedStrings';
import { excelSerialToDate } from './xlsxCells';
import { scanSheetXml } from './xlsxRows';
import type { SourceRow } from './sourceTypes';
import { inspectSource } from './source';
import { allRows, makeZip, refusal, tempDir } from '../testFiles.test-util';
import { hostileFiles } from '../hostileFiles.test-util';

const tmp = tempDir();
afterAll(() => tmp.remove());

const NS = 'http://schemas.openxmlformats.org';
const MAIN = `${NS}/spreadsheetml/2006/main`;

interface BookSpec {
  sheets: { name: string; rows: string }[];
  sharedStrings?: string[];
  /** Raw <si> bodies, for rich text and phonetic runs. */
  sharedStringsXml?: string;
  /** Custom number formats (id → code) and the numFmtId of each cell style. */
  numFmts?: Record<number, string>;
  cellStyles?: number[];
  date1904?: boolean;
  /** Element prefix for every part, as the OpenXML SDK writes "x:". */
  prefix?: string;
  /** Put the shared strings after the sheets in the archive. */
  stringsLast?: boolean;
}

/** A workbook package from its parts, as a writer other than Excel would put it together. */
function book(spec: BookSpec): Buffer {
  const p = spec.prefix ?? '';
  const x = p ? `xmlns:${p.slice(0, -1)}="${MAIN}"` : `xmlns="${MAIN}"`;
  const parts: Record<string, string> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${NS}/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  };
  const rels = spec.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  rels.push(`<Relationship Id="rIdS" Type="${NS}/officeDocument/2006/relationships/styles" Target="styles.xml"/>`);
  if (spec.sharedStrings || spec.sharedStringsXml) rels.push(`<Relationship Id="rIdT" Type="${NS}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`);
  parts['xl/workbook.xml'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}workbook ${x} xmlns:r="${NS}/officeDocument/2006/relationships">` +
    `<${p}workbookPr${spec.date1904 ? ' date1904="1"' : ''}/><${p}sheets>` +
    spec.sheets.map((s, i) => `<${p}sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    `</${p}sheets></${p}workbook>`;
  parts['xl/_rels/workbook.xml.rels'] = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS}/package/2006/relationships">${rels.join('')}</Relationships>`;
  const fmts = Object.entries(spec.numFmts ?? {}).map(([id, code]) => `<${p}numFmt numFmtId="${id}" formatCode="${code}"/>`);
  parts['xl/styles.xml'] =
    `<?xml version="1.0" encoding="UTF-8"?><${p}styleSheet ${x}><${p}numFmts count="${fmts.length}">${fmts.join('')}</${p}numFmts>` +
    `<${p}cellStyleXfs count="1"><${p}xf numFmtId="14"/></${p}cellStyleXfs>` + // not a cell style: must not count
    `<${p}cellXfs>${(spec.cellStyles ?? [0]).map((id) => `<${p}xf numFmtId="${id}" applyNumberFormat="1"/>`).join('')}</${p}cellXfs></${p}styleSheet>`;
  const strings = (): void => {
    const body = spec.sharedStringsXml ?? (spec.sharedStrings ?? []).map((t) => `<${p}si><${p}t xml:space="preserve">${t}</${p}t></${p}si>`).join('');
    if (spec.sharedStrings || spec.sharedStringsXml) parts['xl/sharedStrings.xml'] = `<?xml version="1.0" encoding="UTF-8"?>\n<${p}sst ${x}>${body}</${p}sst>`;
  };
  if (!spec.stringsLast) strings();
  spec.sheets.forEach((s, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${x}><${p}dimension ref="A1"/><${p}sheetData>${s.rows}</${p}sheetData>` +
      `<${p}mergeCells count="1"><${p}mergeCell ref="A9:B9"/></${p}mergeCells></${p}worksheet>`;
  });
  if (spec.stringsLast) strings();
  return makeZip(parts);
}

async function readBook(name: string, zip: Buffer, sheet?: string) {
  const file = tmp.write(name, zip);
  const info = await inspectSource(file, sheet ? { sheet } : {});
  return { info, rows: await allRows(file, info) };
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('workbooks from other writers', () => {
  it('LibreOffice: shared strings, a custom date format, booleans, formulas with cached results', async () => {
    const { info, rows } = await readBook(
      'libreoffice.xlsx',
      book({
        sharedStrings: ['Adı Soyadı', 'Doğum Tarihi', 'Aktif', 'Tutar', 'Şahin Çelik', 'Tom &amp; Jerry'],
        numFmts: { 164: 'DD.MM.YYYY' },
        cellStyles: [0, 164, 4],
        sheets: [
          {
            name: 'Sayfa1',
            rows:
              '<row r="1" spans="1:4"><c r="A1" s="0" t="s"><v>0</v></c><c r="B1" s="0" t="s"><v>1</v></c><c r="C1" s="0" t="s"><v>2</v></c><c r="D1" s="0" t="s"><v>3</v></c></row>' +
              '<row r="2" spans="1:4"><c r="A2" s="0" t="s"><v>4</v></c><c r="B2" s="1" t="n"><v>31106</v></c><c r="C2" s="0" t="b"><v>1</v></c><c r="D2" s="2"><f aca="false">1234.56*2</f><v>2469.12</v></c></row>' +
              '<row r="3" spans="1:4"><c r="A3" t="s"><v>5</v></c><c r="B3" s="1"><f>B2+1</f><v>31107</v></c><c r="C3" t="b"><v>0</v></c><c r="D3" s="2"><f>D2*0</f><v>0</v></c></row>',
          },
        ],
      }),
    );
    expect(info.headers).toEqual(['Adı Soyadı', 'Doğum Tarihi', 'Aktif', 'Tutar']);
    expect(rows).toEqual([
      { rowNumber: 2, cells: ['Şahin Çelik', utc(1985, 2, 28), true, 2469.12] },
      { rowNumber: 3, cells: ['Tom & Jerry', utc(1985, 3, 1), false, 0] },
    ]);
  });

  it('openpyxl: inline strings (rich runs joined), ISO dates, entities, formulas without a cached result', async () => {
    const { rows } = await readBook(
      'openpyxl.xlsx',
      book({
        sheets: [
          {
            name: 'Sheet',
            rows:
              '<row r="1"><c r="A1" t="inlineStr"><is><t>Ad</t></is></c><c r="B1" t="inlineStr"><is><t>Tarih</t></is></c><c r="C1" t="inlineStr"><is><t>Not</t></is></c><c r="D1" t="inlineStr"><is><t>Toplam</t></is></c></row>' +
              '<row r="2"><c r="A2" t="inlineStr"><is><t>Ay&#351;e &lt;Y&gt;</t></is></c><c r="B2" t="d"><v>2024-02-29T00:00:00</v></c>' +
              '<c r="C2" t="inlineStr"><is><r><rPr><b/></rPr><t>Kalın</t></r><r><t xml:space="preserve"> metin</t></r></is></c><c r="D2"><f>SUM(A1:A2)</f><v></v></c></row>' +
              '<row r="3"><c r="A3" t="inlineStr"><is><t/></is></c><c r="B3" t="d"><v>1999-12-31</v></c><c r="E3" t="e"><v>#N/A</v></c></row>',
          },
        ],
      }),
    );
    expect(rows).toEqual([
      { rowNumber: 2, cells: ['Ayşe <Y>', utc(2024, 2, 29), 'Kalın metin', null] },
      { rowNumber: 3, cells: [null, utc(1999, 12, 31), null, null, '#N/A'] },
    ]);
  });

  it('Google Sheets: empty styled cells, decimal serials, phonetic guides left out, shared strings stored after the sheet', async () => {
    const { info, rows } = await readBook(
      'google.xlsx',
      book({
        stringsLast: true,
        sharedStringsXml:
          '<si><t>İsim</t></si><si><t>Kayıt</t></si><si><t>Sayı</t></si>' +
          '<si><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si><si/><si><t>Kars</t></si>',
        numFmts: { 165: 'd.m.yyyy' },
        cellStyles: [0, 165, 0],
        sheets: [
          {
            name: 'Sayfa1',
            rows:
              '<row r="1"><c r="A1" s="2" t="s"><v>0</v></c><c r="B1" s="2" t="s"><v>1</v></c><c r="C1" s="2" t="s"><v>2</v></c></row>' +
              '<row r="2"><c r="A2" s="2" t="s"><v>3</v></c><c r="B2" s="1"><v>45351.0</v></c><c r="C2" s="2"><v>1.0E3</v></c><c r="D2" s="2"/></row>' +
              '<row r="3"><c r="A3" s="2" t="s"><v>4</v></c><c r="B3" s="2"/><c r="C3" s="2"><v>-0.5</v></c></row>' +
              '<row r="4"><c r="A4" t="s"><v>5</v></c></row>',
          },
        ],
      }),
    );
    expect(info.headers).toEqual(['İsim', 'Kayıt', 'Sayı']);
    expect(rows).toEqual([
      { rowNumber: 2, cells: ['東京', utc(2024, 2, 29), 1000] },
      { rowNumber: 3, cells: [null, null, -0.5] }, // <si/> is an empty string: no value
      { rowNumber: 4, cells: ['Kars'] },
    ]);
  });

  it('OpenXML SDK: prefixed elements, rows and cells without references, 1904 dates', async () => {
    const { info, rows } = await readBook(
      'sdk.xlsx',
      book({
        prefix: 'x:',
        date1904: true,
        sharedStrings: ['Kod', 'Tarih', 'Değer'],
        cellStyles: [0, 14],
        sheets: [
          {
            name: 'Veri',
            rows:
              '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c></x:row>' +
              '<x:row><x:c t="inlineStr"><x:is><x:t>A-1</x:t></x:is></x:c><x:c s="1"><x:v>29645</x:v></x:c><x:c><x:v>12</x:v></x:c></x:row>' +
              '<x:row r="5"><x:c r="B5" s="1"><x:v>0</x:v></x:c><x:c><x:v>7</x:v></x:c></x:row>',
          },
        ],
      }),
    );
    expect(info.headers).toEqual(['Kod', 'Tarih', 'Değer']);
    expect(rows).toEqual([
      { rowNumber: 2, cells: ['A-1', utc(1985, 3, 1), 12] },
      { rowNumber: 5, cells: [null, utc(1904, 1, 1), 7] },
    ]);
  });

  it('a chart sheet as the first tab is passed over; a sheet without rows is empty, not broken', async () => {
    const zip = book({ sheets: [{ name: 'Grafik', rows: '' }, { name: 'Boş', rows: '' }, { name: 'Veri', rows: header }] });
    // The first tab's part becomes a chart sheet: no <sheetData> at all.
    const parts = unzipParts(zip);
    parts['xl/worksheets/sheet1.xml'] = `<?xml version="1.0"?><chartsheet xmlns="${MAIN}"><sheetPr/><drawing r:id="rId1"/></chartsheet>`;
    const file = tmp.write('grafik.xlsx', makeZip(parts));
    const info = await inspectSource(file);
    expect(info).toMatchObject({ sheets: ['Grafik', 'Boş', 'Veri'], sheet: 'Veri', headers: ['Ad'] });
    expect((await refusal(() => inspectSource(file, { sheet: 'Grafik' }))).code).toBe('empty');
    expect((await refusal(() => inspectSource(file, { sheet: 'Boş' }))).code).toBe('empty');
  });

  it('a big shared-strings table is read as far as the rows need it, in any order of reference', async () => {
    const strings = Array.from({ length: 40_000 }, (_, i) => `Kişi ${i} ğüşıöç`);
    let sheetRows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>39999</v></c></row>';
    for (let r = 2; r <= 3000; r++) sheetRows += `<row r="${r}"><c r="A${r}" t="s"><v>${(r * 7919) % 40_000}</v></c><c r="B${r}" t="s"><v>${40_000 - r}</v></c></row>`;
    const { info, rows } = await readBook('buyuk-tablo.xlsx', book({ sharedStrings: strings, sheets: [{ name: 'S', rows: sheetRows }] }));
    expect(info.headers).toEqual(['Kişi 0 ğüşıöç', 'Kişi 39999 ğüşıöç']);
    expect(rows).toHaveLength(2999);
    rows.forEach((row, i) => {
      const r = i + 2;
      expect(row.cells).toEqual([strings[(r * 7919) % 40_000], strings[40_000 - r]]);
    });
  });
});

/** The parts of a ZIP written by makeZip (deflated entries, sizes in the local headers). */
function unzipParts(zip: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  for (let p = 0; zip.readUInt32LE(p) === 0x04034b50; ) {
    const packed = zip.readUInt32LE(p + 18);
    const nameLength = zip.readUInt16LE(p + 26);
    const name = zip.toString('utf8', p + 30, p + 30 + nameLength);
    const start = p + 30 + nameLength + zip.readUInt16LE(p + 28);
    out[name] = inflateRawSync(zip.subarray(start, start + packed)).toString('utf8');
    p = start + packed;
  }
  return out;
}

/** The ZIP with one entry's figures in the central directory changed. */
function patchDirectory(zip: Buffer, entry: string, patch: { size?: number; flags?: number }): Buffer {
  const out = Buffer.from(zip);
  for (let p = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p !== -1; p = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)) {
    const nameLength = out.readUInt16LE(p + 28);
    if (out.toString('utf8', p + 46, p + 46 + nameLength) !== entry) continue;
    if (patch.size !== undefined) out.writeUInt32LE(patch.size, p + 24);
    if (patch.flags !== undefined) out.writeUInt16LE(patch.flags, p + 8);
    return out;
  }
  throw new Error(`no entry ${entry}`);
}

const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>Ad</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Ali</t></is></c></row>';

describe('hostile workbooks are refused clearly, within bounded memory', () => {
  it('a zip bomb (a sheet inflating a thousand times its size) is refused before it is inflated', async () => {
    const zip = book({ sheets: [{ name: 'S', rows: header + ' '.repeat(24 * 1024 * 1024) }] });
    expect(zip.length).toBeLessThan(100 * 1024); // 24 MiB of sheet packed into a few dozen KiB
    const err = await refusal(() => inspectSource(tmp.write('bomba.xlsx', zip)));
    expect(err.code).toBe('unsafe_archive');
    expect(err.messageEn).toContain('bomba.xlsx');
    expect(err.messageEn).toContain('zip bomb');
    expect(err.messageEn).toContain('250 times');
    expect(err.messageTr).toContain('zip bombası');
    expect(err.messageTr).toContain('bomba.xlsx');
  });

  it('a directory that declares an absurd size is refused before inflating', async () => {
    const zip = patchDirectory(book({ sheets: [{ name: 'S', rows: header }] }), 'xl/worksheets/sheet1.xml', { size: 0xfff00000 });
    const err = await refusal(() => inspectSource(tmp.write('dev.xlsx', zip)));
    expect(err.code).toBe('unsafe_archive');
    expect(err.messageEn).toContain('2048 MiB');
  });

  it('an entry that inflates past the size its directory declares is stopped there', async () => {
    const rows = header + `<row r="3"><c r="A3" t="inlineStr"><is><t>${randomBytes(3 * 1024 * 1024).toString('base64')}</t></is></c></row>`;
    const zip = patchDirectory(book({ sheets: [{ name: 'S', rows }] }), 'xl/worksheets/sheet1.xml', { size: 4000 });
    const err = await refusal(async () => {
      const file = tmp.write('yalanci.xlsx', zip);
      await allRows(file, await inspectSource(file));
    });
    expect(err.code).toBe('unsafe_archive');
    expect(err.messageEn).toContain('more than the size its directory declares');
  });

  it('a row longer than any real row (1 MiB, as a CSV record) is refused, naming it', async () => {
    const cells = Array.from({ length: 60 }, (_, i) => `<c t="inlineStr"><is><t>${i}${randomBytes(15_000).toString('base64')}</t></is></c>`);
    const zip = book({ sheets: [{ name: 'S', rows: `${header}<row r="7">${cells.join('')}</row>` }] });
    const err = await refusal(async () => {
      const file = tmp.write('uzun-satir.xlsx', zip);
      await allRows(file, await inspectSource(file));
    });
    expect(err.code).toBe('record_too_long');
    expect(err.messageEn).toContain('Row 7 of "uzun-satir.xlsx" is longer than 1 MiB');
  });

  it('cells beyond Excel\'s grid are refused; a declared full-grid dimension alone is not', async () => {
    const wide = await refusal(() => readBook('genis.xlsx', book({ sheets: [{ name: 'S', rows: '<row r="1"><c r="XFE1"><v>1</v></c></row>' }] })));
    expect(wide.code).toBe('corrupt');
    expect(wide.messageEn).toContain('XFE1');
    expect(wide.messageTr).toContain('sütun sınırının');
    const tall = await refusal(() => readBook('uzun.xlsx', book({ sheets: [{ name: 'S', rows: header + '<row r="1048577"><c r="A1048577"><v>1</v></c></row>' }] })));
    expect(tall.code).toBe('corrupt');
    expect(tall.messageEn).toContain('1048577');
    // XFD1048576 is the last cell Excel has: allowed.
    const { rows } = await readBook('son-hucre.xlsx', book({ sheets: [{ name: 'S', rows: header + '<row r="1048576"><c r="C1048576"><v>5</v></c></row>' }] }));
    expect(rows.at(-1)).toEqual({ rowNumber: 1_048_576, cells: [null, null, 5] });
  });

  it('a sheet cut short, an encrypted entry: corrupt, naming the file', async () => {
    const cut = book({ sheets: [{ name: 'S', rows: header }] });
    const parts = { ...cutParts(), 'xl/worksheets/sheet1.xml': `<worksheet xmlns="${MAIN}"><sheetData>${header}<row r="3"><c r="A3"><v>1</v></c>` };
    const short = await refusal(async () => {
      const file = tmp.write('kesik.xlsx', makeZip(parts));
      await allRows(file, await inspectSource(file));
    });
    expect(short.code).toBe('corrupt');
    expect(short.messageEn).toContain('kesik.xlsx');
    const locked = await refusal(() => inspectSource(tmp.write('kilitli.xlsx', patchDirectory(cut, 'xl/worksheets/sheet1.xml', { flags: 1 }))));
    expect(locked.code).toBe('corrupt');
    expect(locked.messageEn).toContain('encrypted');
  });

  it('the shared-strings table stops at its limits', async () => {
    const xml = Buffer.from(`<sst xmlns="${MAIN}">${'<si><t>abc</t></si>'.repeat(100)}</sst>`);
    async function* source() {
      for (let i = 0; i < xml.length; i += 7) yield xml.subarray(i, i + 7);
    }
    const byCount = new SharedStrings(source(), { strings: 50, bytes: 1 << 20 });
    const err = await byCount.ensure(99).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SharedStringsLimitError);
    expect((err as Error).message).toContain('more than 50 strings');
    const byBytes = new SharedStrings(source(), { strings: 1000, bytes: 150 });
    await expect(byBytes.ensure(99)).rejects.toThrow(/MiB of text/);
    const within = new SharedStrings(source());
    await within.ensure(99);
    expect([within.count, within.get(99), within.get(100)]).toEqual([100, 'abc', null]);
  });
});

describe('small parts built to make a regex backtrack (workbook, relationships, styles)', () => {
  const small = hostileFiles().filter((f) => /^(rels|workbook|styles)-/.test(f.name));
  it.each(small.map((f) => [f.name, f] as const))('%s is read in one pass, or refused naming the part', async (name, f) => {
    const file = tmp.write(name, f.bytes());
    if (f.expect) {
      const err = await refusal(() => inspectSource(file));
      expect(err.code).toBe('unsafe_archive');
      expect(err.messageEn).toMatch(f.expect);
      expect(err.messageTr).toMatch(f.expect);
    } else {
      const info = await inspectSource(file);
      expect(info.headers).toEqual(['Ad Soyad', 'TC Kimlik No', 'İl']);
      expect(await allRows(file, info)).toHaveLength(1);
    }
  });
});

describe('rows out to column XFD', () => {
  it('a header that wide is refused naming its width; data cells past the header are never held', async () => {
    const xfd = Array.from({ length: 50 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>${i}</v></c></row>`).join('');
    const wide = await refusal(() => readBook('xfd.xlsx', book({ sheets: [{ name: 'S', rows: xfd }] })));
    expect(wide.code).toBe('too_wide');
    expect(wide.messageEn).toContain('(row 1) of "xfd.xlsx" is 16384 columns wide; at most 500');

    const data = Array.from({ length: 50 }, (_, i) => `<row r="${i + 3}"><c r="A${i + 3}" t="inlineStr"><is><t>k${i}</t></is></c><c r="XFD${i + 3}"><v>${i}</v></c></row>`).join('');
    const { info, rows } = await readBook('xfd-veri.xlsx', book({ sheets: [{ name: 'S', rows: header + data }] }));
    expect(info.headers).toEqual(['Ad']);
    expect(rows).toHaveLength(51);
    // One header column plus the few stray ones kept: not 16,384.
    for (const r of rows) expect(r.cells.length).toBeLessThanOrEqual(1);
    expect(rows[1]).toEqual({ rowNumber: 3, cells: ['k0'], width: 16_384 });
  });
});

describe('a shared string longer than a cell may be', () => {
  it('is not held whole: a cell using it is refused naming the cell, the strings after it are read', async () => {
    const strings = ['kısa', 'ş'.repeat(3 * 1024 * 1024), 'sonra', 'y'.repeat(40_000)];
    const xml = Buffer.from(`<sst xmlns="${MAIN}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`);
    async function* source() {
      for (let i = 0; i < xml.length; i += 128 * 1024) yield xml.subarray(i, i + 128 * 1024);
    }
    const table = new SharedStrings(source());
    await table.ensure(3);
    expect(table.count).toBe(4);
    expect([table.get(0), table.get(2)]).toEqual(['kısa', 'sonra']);
    // Kept only as far as needed to know it is too long.
    for (const i of [1, 3]) expect(table.get(i)!.length).toBeGreaterThan(32_767);
    expect(table.get(1)!.length).toBeLessThan(200_000);
    await table.close();

    for (const [ref, si] of [['B3', 1], ['C3', 3]] as const) {
      const rows = `${header}<row r="3"><c r="A3" t="s"><v>0</v></c><c r="${ref}" t="s"><v>${si}</v></c></row>`;
      const err = await refusal(() => readBook(`uzun-metin-${si}.xlsx`, book({ sheets: [{ name: 'S', rows }], sharedStringsXml: strings.map((s) => `<si><t>${s}</t></si>`).join('') })));
      expect(err.code).toBe('cell_too_long');
      expect(err.messageEn).toContain(`Row 3, column ${ref[0]}`);
      expect(err.messageTr).toContain(`3. satırındaki ${ref[0]} sütunu`);
    }
  });

  it('an inline cell longer than 32,767 characters is refused naming the cell; one of exactly 32,767 is read', async () => {
    const at = (n: number) => `${header}<row r="3"><c r="A3" t="inlineStr"><is><t>${'ğ'.repeat(n)}</t></is></c></row>`;
    const err = await refusal(() => readBook('uzun-hucre.xlsx', book({ sheets: [{ name: 'S', rows: at(32_768) }] })));
    expect(err.code).toBe('cell_too_long');
    expect(err.messageEn).toContain('Row 3, column A');
    const { rows } = await readBook('sinirda-hucre.xlsx', book({ sheets: [{ name: 'S', rows: at(32_767) }] }));
    expect(String(rows.at(-1)!.cells[0])).toHaveLength(32_767);
  });
});

describe('a big shared-strings table', () => {
  it('keeps its newest pages in memory and reads older strings back from a spill file it removes', async () => {
    // ~2.5 MiB of text over pages of 1 MiB: long strings (one as long as a cell may be, entities
    // among them), then 200,000 short ones: the offsets of whole blocks of 65,536 strings go to
    // the spill file too.
    const strings = [
      ...Array.from({ length: 7000 }, (_, i) => (i === 3500 ? 'ü'.repeat(32_767) : `${i}:${'Çağ'.repeat(i % 200)}${i % 13 === 0 ? ' & ' : ''}`)),
      ...Array.from({ length: 200_000 }, (_, i) => `TC ${10_000_000_000 + i * 7}`),
    ];
    const xml = Buffer.from(`<sst xmlns="${MAIN}">${strings.map((s) => `<si><t>${s.replace(/&/g, '&amp;')}</t></si>`).join('')}</sst>`);
    async function* source() {
      for (let i = 0; i < xml.length; i += 100_000) yield xml.subarray(i, i + 100_000);
    }
    const spillDir = tmp.path('spill');
    mkdirSync(spillDir);
    // os.tmpdir() reads these on each call (TMPDIR on POSIX, TEMP and TMP on Windows).
    const vars = ['TMPDIR', 'TEMP', 'TMP'] as const;
    const before = vars.map((v) => process.env[v]);
    for (const v of vars) process.env[v] = spillDir;
    try {
      const table = new SharedStrings(source(), { strings: 300_000, bytes: 16 << 20, memoryPages: 1 });
      await table.ensure(strings.length - 1);
      // All of them out of order (a sorted sheet), then in order (whole pieces of the file read back).
      const order = strings.map((_, i) => (i * 7919) % strings.length);
      expect([...order, ...order.slice(0, 50)].map((i) => table.get(i))).toEqual([...order, ...order.slice(0, 50)].map((i) => strings[i]));
      expect(strings.map((_, i) => table.get(i))).toEqual(strings);
      await table.close();
      expect(readdirSync(spillDir)).toEqual([]);
    } finally {
      vars.forEach((v, i) => {
        if (before[i] === undefined) delete process.env[v];
        else process.env[v] = before[i];
      });
    }
  });
});

function cutParts(): Record<string, string> {
  return {
    '_rels/.rels': `<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="${NS}/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  };
}

describe('pieces of XML cut anywhere read the same', () => {
  /** The bytes in pieces of `size`, as the inflater may hand them over. */
  async function* pieces(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }

  async function read(sheet: Buffer, strings: Buffer, size: number): Promise<SourceRow[]> {
    const sharedStrings = new SharedStrings(pieces(strings, size)[Symbol.asyncIterator]());
    const out: SourceRow[] = [];
    for await (const rows of scanSheetXml(pieces(sheet, size), { sharedStrings, dateStyles: [false, true], date1904: false })) out.push(...rows);
    return out;
  }

  for (const prefix of ['', 'x:']) {
    it(`sheet and shared strings${prefix ? ' with prefixed elements' : ''}, in pieces of 1 to 97 bytes`, async () => {
      const p = prefix;
      const x = p ? `xmlns:x="${MAIN}"` : `xmlns="${MAIN}"`;
      const words = ['Ad', 'Şahin &amp; Çelik', 'İğdır', '', 'Kars', 'Öğrenci'];
      const strings = Buffer.from(
        `<?xml version="1.0"?>\n<${p}sst ${x}>` +
          words.map((w) => (w ? `<${p}si><${p}t>${w}</${p}t></${p}si>` : `<${p}si/>`)).join('') +
          `<${p}si><${p}r><${p}t>Zen</${p}t></${p}r><${p}r><${p}t xml:space="preserve">gin</${p}t></${p}r></${p}si></${p}sst>`,
      );
      let rows = '';
      for (let r = 1; r <= 40; r++) {
        rows +=
          `<${p}row r="${r}"><${p}c r="A${r}" t="s"><${p}v>${r % 7}</${p}v></${p}c><${p}c r="B${r}" s="1"><${p}v>${30000 + r}</${p}v></${p}c>` +
          `<${p}c r="C${r}" t="inlineStr"><${p}is><${p}t>Satır ${r} ğ</${p}t></${p}is></${p}c><${p}c r="D${r}"><${p}f>1+1</${p}f><${p}v>${r / 8}</${p}v></${p}c>` +
          (r % 5 === 0 ? `<${p}c r="F${r}" t="b"><${p}v>1</${p}v></${p}c>` : '') +
          `</${p}row>` +
          (r % 9 === 0 ? `<${p}row r="${r}" spans="1:2"/>` : '');
      }
      const sheet = Buffer.from(`<?xml version="1.0"?>\n<${p}worksheet ${x}><${p}sheetData>${rows}</${p}sheetData><${p}mergeCells/></${p}worksheet>`);
      const whole = await read(sheet, strings, sheet.length + strings.length);
      expect(whole).toHaveLength(40);
      expect(whole[5]).toEqual({ rowNumber: 6, cells: ['Zengin', excelSerialToDate(30006, false), 'Satır 6 ğ', 6 / 8] });
      expect(whole.map((r) => r.cells[0]).slice(0, 7)).toEqual(['Şahin & Çelik', 'İğdır', null, 'Kars', 'Öğrenci', 'Zengin', 'Ad']); // row 3: the empty string
      expect(whole[4]!.cells).toHaveLength(6);
      for (const size of [...Array.from({ length: 64 }, (_, i) => i + 1), 89, 97]) expect(await read(sheet, strings, size)).toEqual(whole);
    });
  }
});

describe('rows of totals formulas', () => {
  async function rowsOf(sheetData: string): Promise<SourceRow[]> {
    async function* one(b: Buffer) {
      yield b;
    }
    const sharedStrings = new SharedStrings(null);
    const out: SourceRow[] = [];
    const xml = Buffer.from(`<worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData></worksheet>`);
    for await (const rows of scanSheetXml(one(xml), { sharedStrings, dateStyles: [false], date1904: false })) out.push(...rows);
    return out;
  }
  const person = (r: number) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Kişi ${r}</t></is></c><c r="B${r}"><v>${r}</v></c><c r="C${r}"><f>SUM(A${r}:B${r})</f><v>${r}</v></c></row>`;

  it('marks a row whose numbers are all formulas, one summing the rows above (a shared formula too), and nothing else', async () => {
    const rows = await rowsOf(
      [2, 3, 4].map(person).join('') +
        // The totals row: SUM over the rows above in B, its copy across (a shared formula) in C.
        '<row r="5"><c r="B5"><f t="shared" ref="B5:C5" si="0">SUM(B2:B4)</f><v>9</v></c><c r="C5"><f t="shared" si="0"/><v>9</v></c></row>' +
        // A number typed beside a sum: a record, not totals.
        '<row r="6"><c r="A6"><v>7</v></c><c r="B6"><f>SUM(B2:B4)</f><v>9</v></c></row>' +
        // A formula that is no sum over rows above (a running figure of the same row, a product).
        '<row r="7"><c r="B7"><f>B6*2</f><v>18</v></c><c r="C7"><f>SUM(A7:B7)</f><v>18</v></c></row>' +
        '<row r="8"><c r="B8"><f>_xlfn.SUBTOTAL(9,$B$2:$B$7)</f><v>45</v></c></row>',
    );
    expect(rows.filter((r) => r.formulaTotals).map((r) => r.rowNumber)).toEqual([5, 8]);
  });

  it('reads only a formula\'s first bytes: a hostile, endless formula costs nothing more', async () => {
    const long = 'SUM(B2:B3)' + '+1'.repeat(200_000);
    const rows = await rowsOf(`${person(2)}${person(3)}<row r="4"><c r="B4"><f>${long}</f><v>1</v></c></row>`);
    expect(rows.at(-1)).toMatchObject({ rowNumber: 4, formulaTotals: true });
  });
});
