import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectSource, readRows } from './source';
import { completeUtf8Length, detectEncoding, sniffFile } from './sniff';
import { detectDelimiter, detectDialect, detectLineEnding } from './csvDialect';
import { FIXTURES, allRows, makeZip, refusal, tempDir, workbookParts } from '../testFiles.test-util';

const tmp = tempDir();
afterAll(() => tmp.remove());

const SHEET_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const sheetXml = (rows: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${SHEET_NS}"><sheetData>${rows}</sheetData></worksheet>`;

describe('refusals, each naming the file', () => {
  it('an empty file (0 bytes)', async () => {
    const err = await refusal(() => inspectSource(tmp.write('bos.csv', '')));
    expect(err.code).toBe('empty');
    expect(err.messageEn).toContain('bos.csv');
    expect(err.messageTr).toContain('bos.csv');
  });

  it('a file of only whitespace, only a BOM, or only blank records', async () => {
    for (const [name, data] of [
      ['spaces.csv', ' \r\n\t\r\n  '],
      ['bom-only.csv', Buffer.from([0xef, 0xbb, 0xbf])],
      ['delims.csv', ';;;\r\n;;;\r\n'],
    ] as const) {
      const err = await refusal(() => inspectSource(tmp.write(name, data)));
      expect(err.code, name).toBe('empty');
      expect(err.messageEn).toContain(name);
    }
  });

  it('a header without data rows', async () => {
    const err = await refusal(() => inspectSource(tmp.write('baslik.csv', 'Adı Soyadı;İl\r\n\r\n')));
    expect(err.code).toBe('header_only');
    expect(err.headers).toEqual(['Adı Soyadı', 'İl']);
    expect(err.messageTr).toContain('baslik.csv');
  });

  it('a random binary file is unsupported, whatever its extension', async () => {
    const err = await refusal(() => inspectSource(tmp.write('rastgele.csv', randomBytes(20_000))));
    expect(err.code).toBe('unsupported');
    expect(err.messageEn).toContain('rastgele.csv');
  });

  it('binary without NUL bytes but full of control characters is unsupported too', async () => {
    const bytes = Buffer.alloc(4096, 0x41);
    for (let i = 0; i < bytes.length; i += 7) bytes[i] = 0x01 + (i % 8);
    const err = await refusal(() => inspectSource(tmp.write('kontrol.dat', bytes)));
    expect(err.code).toBe('unsupported');
  });

  it('an OLE/CFB file (encrypted Office or old .xls) is password_protected, named .csv or not', async () => {
    const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const file = tmp.write('eski.csv', Buffer.concat([header, Buffer.alloc(504)]));
    const err = await refusal(() => inspectSource(file));
    expect(err.code).toBe('password_protected');
    expect(err.messageEn).toContain('password-protected');
    expect(err.messageTr).toContain('parola korumalı');
    expect(err.messageEn).toContain('eski.csv');
  });

  it('a file larger than maxBytes is too_large', async () => {
    const file = tmp.write('buyuk.csv', 'a;b\r\n' + '1;2\r\n'.repeat(1000));
    const err = await refusal(() => inspectSource(file, { maxBytes: 1000 }));
    expect(err.code).toBe('too_large');
    expect(err.messageEn).toContain('buyuk.csv');
    await expect(inspectSource(file, { maxBytes: 10_000 })).resolves.toMatchObject({ format: 'csv' });
  });

  it('a missing file is not_found, for inspect and for read', async () => {
    const file = tmp.path('yok.csv');
    const err = await refusal(() => inspectSource(file));
    expect(err.code).toBe('not_found');
    expect(err.messageEn).toContain('yok.csv');

    const present = tmp.write('sonra-silinecek.csv', 'a;b\r\n1;2\r\n');
    const info = await inspectSource(present);
    const gone = { ...info, file };
    const readErr = await refusal(() => allRows(file, gone));
    expect(readErr.code).toBe('not_found');
  });

  it('a ZIP that is not a workbook is unsupported', async () => {
    const file = tmp.write('arsiv.xlsx', makeZip({ 'readme.txt': 'merhaba', 'data/x.csv': 'a;b' }));
    const err = await refusal(() => inspectSource(file));
    expect(err.code).toBe('unsupported');
    expect(err.messageEn).toContain('arsiv.xlsx');
    expect(err.messageEn).toContain('not an Excel workbook');
  });

  it('a truncated workbook is corrupt', async () => {
    const book = readFileSync(join(FIXTURES, 'excelize', 'Book1.xlsx'));
    const file = tmp.write('yarim.xlsx', book.subarray(0, Math.floor(book.length / 2)));
    const err = await refusal(() => inspectSource(file));
    expect(err.code).toBe('corrupt');
    expect(err.messageTr).toContain('yarim.xlsx');
  });

  it('a workbook whose sheet XML is broken is corrupt, at inspect or while reading, without hanging', async () => {
    const broken = sheetXml(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Ad</t></is></c></row>' +
        '<row r="2"><c r="A2"><v>1</x></c></row><row r="3"><c r="A3"><v>2</v></c></row>',
    );
    const file = tmp.write('kirik.xlsx', makeZip(workbookParts(broken)));
    const err = await refusal(async () => {
      const info = await inspectSource(file);
      await allRows(file, info);
    });
    expect(err.code).toBe('corrupt');
    expect(err.messageEn).toContain('kirik.xlsx');
  });

  it('a workbook whose compressed data is damaged is corrupt, without hanging', async () => {
    let rows = '';
    for (let r = 1; r <= 200; r++) rows += `<row r="${r}"><c r="A${r}"><v>${(r * 7919) % 10007}</v></c></row>`;
    const zip = makeZip(workbookParts(sheetXml(rows)));
    // The sheet is the last entry, so its deflated data ends where the central directory starts.
    const cd = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const damaged = Buffer.from(zip);
    damaged.fill(0xff, cd - 300, cd - 100);
    const file = tmp.write('hasarli.xlsx', damaged);
    const err = await refusal(async () => {
      const info = await inspectSource(file);
      await allRows(file, info);
    });
    expect(err.code).toBe('corrupt');
    expect(err.messageEn).toContain('hasarli.xlsx');
  });
});

describe('workbook packages written by other tools', () => {
  it('reads sheet names with XML entities and inline strings', async () => {
    const rows =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Adı Soyadı</t></is></c><c r="B1" t="inlineStr"><is><t>Tutar</t></is></c></row>' +
      '<row r="3"><c r="A3" t="inlineStr"><is><t>Şahin Çelik</t></is></c><c r="B3"><v>1234.5</v></c></row>';
    const file = tmp.write('disaridan.dat', makeZip(workbookParts(sheetXml(rows))));
    const info = await inspectSource(file);
    expect(info).toMatchObject({ format: 'xlsx', sheets: ['Liste & Özet'], sheet: 'Liste & Özet' });
    expect(info.headers).toEqual(['Adı Soyadı', 'Tutar']);
    expect(await allRows(file, info)).toEqual([{ rowNumber: 3, cells: ['Şahin Çelik', 1234.5] }]);
  });

  it('content decides, not the extension: a CSV named .xlsx is read as CSV', async () => {
    const file = tmp.write('aslinda-csv.xlsx', 'Ad;İl\r\nAli;Kars\r\n');
    const info = await inspectSource(file);
    expect(info.format).toBe('csv');
    const batches: unknown[] = [];
    for await (const b of readRows(file, info)) batches.push(b);
    expect(batches).toEqual([[{ rowNumber: 2, cells: ['Ali', 'Kars'] }]]);
  });
});

describe('detection helpers', () => {
  it('detectEncoding: BOMs, strict UTF-8, then windows-1254', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), true)).toBe('utf-8-bom');
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0x00]), true)).toBe('utf-16le');
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x41]), true)).toBe('utf-16be');
    expect(detectEncoding(Buffer.from('Iğdır;Şahin'), true)).toBe('utf-8');
    expect(detectEncoding(Buffer.from([0x49, 0xf0, 0x64, 0xfd, 0x72]), true)).toBe('windows-1254'); // "Iğdır"
    expect(detectEncoding(Buffer.from([0x41, 0x00, 0x42]), true)).toBeNull();
    // A sample cut inside "ğ" is still UTF-8; the same bytes as a whole file are not.
    const cut = Buffer.from('abcğ').subarray(0, 4);
    expect(detectEncoding(cut, false)).toBe('utf-8');
    expect(detectEncoding(cut, true)).toBe('windows-1254');
  });

  it('completeUtf8Length drops only an incomplete trailing sequence', () => {
    const euro = Buffer.from('a€'); // 61 e2 82 ac
    expect(completeUtf8Length(euro)).toBe(4);
    expect(completeUtf8Length(euro.subarray(0, 3))).toBe(1);
    expect(completeUtf8Length(euro.subarray(0, 2))).toBe(1);
    expect(completeUtf8Length(Buffer.from('abc'))).toBe(3);
    const emoji = Buffer.from('x😀');
    expect(completeUtf8Length(emoji.subarray(0, 4))).toBe(1);
    expect(completeUtf8Length(emoji)).toBe(5);
  });

  it('detectDelimiter is consistent-count based and quote-aware', () => {
    expect(detectDelimiter('Ad;Gelir\n1.234,56;x\n2,5;y\n', true)).toBe(';');
    expect(detectDelimiter('a,b,c\n1,2,3\n', true)).toBe(',');
    expect(detectDelimiter('a\tb\n1\t2,5\n', true)).toBe('\t');
    expect(detectDelimiter('a|b\n1|2;3\n', true)).toBe('|');
    expect(detectDelimiter('a,b\n"1;2;3",x\n"4;5;6",y\n', true)).toBe(',');
    expect(detectDelimiter('Tek sütun\nx\n', true)).toBe(';');
  });

  it('detectLineEnding ignores line breaks inside quotes', () => {
    expect(detectLineEnding('a;"x\ny"\r\n1;2\r\n')).toBe('\r\n');
    expect(detectLineEnding('a;b\n1;2\n')).toBe('\n');
    expect(detectLineEnding('a;b')).toBeNull();
  });

  it('detectDialect reads on only when the start of the text does not settle the delimiter and line ending', () => {
    const rows = (n: number, line: string) => Array.from({ length: n }, () => line).join('\r\n');
    const many = `${rows(150, 'a,b;c;d')}\r\n`;
    let read = 0;
    const longer = (text: string) => () => {
      read++;
      return text;
    };
    // A hundred records in the start: the answer is the whole text's, without reading on.
    expect(detectDialect(many.slice(0, 2000), false, longer(many))).toEqual({ delimiter: ';', lineEnding: '\r\n' });
    expect(read).toBe(0);
    // Fewer: the longer text decides (its later records use ',').
    const late = `${rows(20, 'a;b')}\r\n${rows(150, 'a,b,c')}\r\n`;
    expect(detectDialect(late.slice(0, 120), false, longer(late))).toEqual({ delimiter: detectDelimiter(late, false), lineEnding: '\r\n' });
    expect(read).toBe(1);
    // A '\r' that ends the start may be half of '\r\n'.
    const crlf = `${rows(150, 'x;y')}\r\n`;
    expect(detectDialect(crlf.slice(0, 'x;y'.length + 1), false, longer(crlf)).lineEnding).toBe('\r\n');
    expect(read).toBe(2);
    // A file read whole is its own answer.
    expect(detectDialect('a|b\n1|2\n', true, longer(''))).toEqual({ delimiter: '|', lineEnding: '\n' });
    expect(read).toBe(2);
  });

  it('a big file with long records at its start still gets its delimiter from enough records', async () => {
    // Multi-line quoted notes of 3 KB each: the first 64 KiB hold some 20 records.
    const note = `"${'uzun açıklama '.repeat(200)}\nikinci satır"`;
    const lines = ['Ad,Not,Tutar', ...Array.from({ length: 40 }, (_, i) => `Kişi ${i},${note},1`), ...Array.from({ length: 60_000 }, (_, i) => `Kişi ${i},kısa,${i}`)];
    const file = tmp.write('uzun-notlar.csv', `${lines.join('\n')}\n`);
    const sniffed = await sniffFile(file);
    if (sniffed.kind !== 'text') throw new Error('not text');
    expect(sniffed.wholeFile).toBe(false);
    expect(sniffed.sample.length).toBeLessThan(70_000);
    expect(detectDialect(sniffed.sample, false, sniffed.longerSample)).toEqual({ delimiter: ',', lineEnding: '\n' });
    expect((await inspectSource(file)).delimiter).toBe(',');
  });
});
