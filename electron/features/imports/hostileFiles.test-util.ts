// Hostile files, generated as an attacker would build them (issue #22, "hostile files"): small
// workbook parts that made the old regexes backtrack for minutes, rows out to column XFD, 30 MB
// cells, UTF-16 with half a character. Shared by the CLI test (each must end with a clear
// message, leaving nothing in the temp folder) and bench/hostile (seconds and peak RSS per file).
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeZip, workbookParts } from './testFiles.test-util';

export interface HostileFile {
  name: string;
  /** What the attack is, for the bench's table. */
  what: string;
  /** What the CLI must print: a refusal naming what it refused, or (read normally) nothing in particular. */
  expect: RegExp | null;
  bytes: () => Buffer;
}

const NS = 'http://schemas.openxmlformats.org';
const MAIN = `${NS}/spreadsheetml/2006/main`;
const REL = `${NS}/officeDocument/2006/relationships`;

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
/** A beneficiaries header (so validate can guess the record type) and one valid data row. */
const HEADER = `<row r="1">${inline('A1', 'Ad Soyad')}${inline('B1', 'TC Kimlik No')}${inline('C1', 'İl')}</row>`;
const ROW2 = `<row r="2">${inline('A2', 'Ayşe Yılmaz')}${inline('B2', '10000000146')}${inline('C2', 'Kars')}</row>`;

function sheet(rows: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;
}

function workbook(parts: Record<string, string | Buffer>): Buffer {
  return makeZip({ ...workbookParts(sheet(HEADER + ROW2)), ...parts });
}

/** Text that packs about 8:1, well under the reader's zip-bomb ratio (a run of one letter would be refused as a bomb). */
function lowEntropyText(length: number): Buffer {
  const out = randomBytes(length);
  for (let i = 0; i < length; i++) out[i] = (out[i] as number) & 1 ? 0x61 : 0x62;
  return out;
}

export function hostileFiles(): HostileFile[] {
  return [
    {
      name: 'rels-attribute-run.xlsx',
      what: '_rels/.rels: one tag with a 900 KiB attribute run (old regex: hours)',
      expect: /longer than 64 KiB|64 KiB'den uzun/,
      bytes: () => workbook({ '_rels/.rels': `<Relationships xmlns="${NS}/package/2006/relationships"><Relationship ${'a'.repeat(900 * 1024)}/></Relationships>` }),
    },
    {
      name: 'rels-many-runs.xlsx',
      what: '_rels/.rels: 15 tags of 60 KiB word runs each (old regex: minutes), read normally',
      expect: null,
      bytes: () =>
        workbook({
          '_rels/.rels':
            `<Relationships xmlns="${NS}/package/2006/relationships">` +
            `${`<Relationship ${'b'.repeat(60 * 1024)}/>`.repeat(15)}` +
            `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        }),
    },
    {
      name: 'workbook-sheets-900k.xlsx',
      what: 'xl/workbook.xml: 900 KiB of unclosed <sheets> (old regex: minutes), read normally',
      expect: null,
      bytes: () =>
        workbook({
          'xl/workbook.xml':
            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${'<sheets>'.repeat(115_000)}` +
            `<sheets><sheet name="Liste" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        }),
    },
    {
      name: 'workbook-sheets-7mib.xlsx',
      what: 'xl/workbook.xml: 7.5 MiB of <sheets> packed into a few KB (old regex: ~25 min)',
      expect: /more than 1 MiB|1 MiB sınırını/,
      bytes: () => workbook({ 'xl/workbook.xml': `<workbook xmlns="${MAIN}">${'<sheets>'.repeat(983_040)}</workbook>` }),
    },
    {
      name: 'styles-cellxfs.xlsx',
      what: 'xl/styles.xml: 900 KiB of unclosed <cellXfs>, a format code of 60,000 "[" (old regex: minutes), read normally',
      expect: null,
      bytes: () =>
        workbook({
          'xl/_rels/workbook.xml.rels':
            `<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
            `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
          'xl/styles.xml':
            `<styleSheet xmlns="${MAIN}"><numFmts><numFmt numFmtId="164" formatCode="${'['.repeat(60_000)}"/></numFmts>` +
            `${'<cellXfs>'.repeat(100_000)}<xf numFmtId="164"/></styleSheet>`,
        }),
    },
    {
      name: 'xfd-rows.xlsx',
      what: '60,000 rows, one cell each at column XFD (once: a 4.9 GB check store)',
      expect: /16384 columns wide|16384 sütun genişliğinde/,
      bytes: () => makeZip(workbookParts(sheet(Array.from({ length: 60_000 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>${i}</v></c></row>`).join('')))),
    },
    {
      name: 'xfd-data.xlsx',
      what: 'a real header, then 60,000 rows each with a cell at column XFD, read normally',
      expect: null,
      bytes: () =>
        makeZip(
          workbookParts(
            sheet(HEADER + Array.from({ length: 60_000 }, (_, i) => `<row r="${i + 2}">${inline(`A${i + 2}`, `Kişi ${i}`)}<c r="XFD${i + 2}"><v>${i}</v></c></row>`).join('')),
          ),
        ),
    },
    {
      name: 'cells-30mb-inline.xlsx',
      what: 'two rows with a 30 MB inline text cell each (once: 1.9 GB RSS, then a crash)',
      expect: /Row 3 of "cells-30mb-inline\.xlsx" is longer than 1 MiB|3\. satırı 1 MiB sınırından uzun/,
      bytes: () => {
        const cell = lowEntropyText(30 * 1024 * 1024);
        const row = (r: number) => Buffer.concat([Buffer.from(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>`), cell, Buffer.from('</t></is></c></row>')]);
        const xml = Buffer.concat([Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${HEADER}${ROW2}`), row(3), row(4), Buffer.from('</sheetData></worksheet>')]);
        return makeZip({ ...workbookParts(''), 'xl/worksheets/sheet1.xml': xml });
      },
    },
    {
      name: 'cells-30mb-shared.xlsx',
      what: 'a 30 MB shared string used by a cell',
      expect: /Row 3, column A of "cells-30mb-shared\.xlsx" is longer than 32,767|3\. satırındaki A sütunu/,
      bytes: () => {
        const sst = Buffer.concat([Buffer.from(`<sst xmlns="${MAIN}"><si><t>`), lowEntropyText(30 * 1024 * 1024), Buffer.from('</t></si></sst>')]);
        return makeZip({
          ...workbookParts(sheet(`${HEADER}${ROW2}<row r="3"><c r="A3" t="s"><v>0</v></c></row>`)),
          'xl/_rels/workbook.xml.rels':
            `<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
            `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
          'xl/sharedStrings.xml': sst,
        });
      },
    },
    {
      name: 'utf16-lone-surrogate.csv',
      what: 'UTF-16LE with half a character in a name (once: written as U+FFFD)',
      expect: /Row 3, column 1 of "utf16-lone-surrogate\.csv"|3\. satırındaki 1\. sütunda/,
      bytes: () =>
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from('Ad Soyad;TC Kimlik No;İl\r\nAyşe Yılmaz;10000000146;Kars\r\nZey', 'utf16le'),
          Buffer.from([0x3d, 0xd8]), // U+D83D, the first half of an emoji, alone
          Buffer.from('nep Kaya;10000000078;Ardahan\r\n', 'utf16le'),
        ]),
    },
  ];
}

/** Writes every hostile file into dir; returns their paths by name. */
export function writeHostileFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of hostileFiles()) {
    const path = join(dir, f.name);
    writeFileSync(path, f.bytes());
    out.set(f.name, path);
  }
  return out;
}
