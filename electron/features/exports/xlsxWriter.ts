// XLSX written by our own streaming writer: the sheet's XML is built row by row and deflated into
// the zip as it comes (zipWriter.ts), so memory stays flat at any row count. Cells are typed:
// money a number shown as #,##0.00, dates date cells shown as dd.mm.yyyy, everything else
// (national IDs and phones included) text, made formula-safe by xlsxCell. Text that repeats down
// a column (cities, categories, statuses) goes to a shared-strings table, a far shorter cell; the
// table is bounded (a column stops adding to it after SHARED_PER_COLUMN distinct texts, e.g.
// national IDs) and written after the sheet, and all other text is written inline.
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Lang } from '../../../shared/domain';
import { xlsxCell } from './cells';
import type { ExportColumn } from './columns';
import { storedValue, type ExportRecord, type RecordWriter } from './recordWriter';
import { ZipWriter, type EntryWriter } from './zipWriter';

export const MONEY_FORMAT = '#,##0.00';
export const DATE_FORMAT = 'dd.mm.yyyy';

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
export function sheetName(label: string): string {
  return label.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Cell styles (cellXfs indexes in styles.xml below).
const STYLE_MONEY = 1;
const STYLE_DATE = 2;
const STYLE_HEADER = 3;

const CONTENT_TYPES = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS = `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const STYLES = `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><numFmts count="2"><numFmt numFmtId="164" formatCode="${MONEY_FORMAT}"/><numFmt numFmtId="165" formatCode="${DATE_FORMAT}"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

// Characters XML 1.0 cannot carry are written as Excel's _xHHHH_ escapes, and a literal _xHHHH_ in
// the text has its underscore escaped so it reads back as typed.
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_x[0-9a-fA-F]{4}_/;
const ESCAPES = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_(?=x[0-9a-fA-F]{4}_)/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', _: '_x005F_' };

/** Text as XML character data (and attribute values). */
export function xmlText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(ESCAPES, (c) => ENTITIES[c] ?? `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/** A <t> element; spaces at either end are kept (Excel would drop them otherwise). */
function tElement(text: string): string {
  const space = text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32) ? ' xml:space="preserve"' : '';
  return `<t${space}>${xmlText(text)}</t>`;
}

/** An inline-string cell's XML after its reference. */
function inlineTail(text: string, style = ''): string {
  return `${style} t="inlineStr"><is>${tElement(text)}</is></c>`;
}

/** Distinct texts a column may add to the shared-strings table, and the longest text shared. */
export const SHARED_PER_COLUMN = 1000;
const SHARED_MAX_LENGTH = 100;
/** Misses after which a full column's cell table is judged (dropped when it hit less often). */
const MEMO_TRIAL = 100;

/** The shared-strings table: bounded by SHARED_PER_COLUMN per column. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly added: Int32Array;
  private refs = 0;

  constructor(columns: number) {
    this.added = new Int32Array(columns);
  }

  /** The text's index in the table, adding it while its column may; undefined: write it inline. */
  indexOf(column: number, text: string): number | undefined {
    // A column past its share holds mostly one-off texts (IDs, phones): not looked up any more,
    // which costs at most a repeat of its first texts written inline.
    if (this.added[column]! >= SHARED_PER_COLUMN) return undefined;
    let i = this.index.get(text);
    if (i === undefined && this.added[column]! < SHARED_PER_COLUMN && text.length <= SHARED_MAX_LENGTH) {
      i = this.index.size;
      this.index.set(text, i);
      this.added[column]!++;
    }
    if (i !== undefined) this.refs++;
    return i;
  }

  xml(): string {
    let items = '';
    for (const text of this.index.keys()) items += `<si>${tElement(text)}</si>`;
    return `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.refs}" uniqueCount="${this.index.size}">${items}</sst>`;
  }
}

const DAY_MS = 86_400_000;
/** Days from Excel's 1900 epoch to 1970-01-01, counting the 29 February 1900 Excel believes in. */
const EXCEL_EPOCH_DAYS = 25_569;

/**
 * A UTC-midnight date as an Excel serial day (1900 date system). Before 1 March 1900 Excel's
 * phantom leap day does not count yet; before 1900 there is no serial (null: written as text).
 */
export function excelSerial(date: Date): number | null {
  const serial = date.getTime() / DAY_MS + EXCEL_EPOCH_DAYS;
  if (!Number.isFinite(serial) || serial < 2) return null;
  return serial < 61 ? serial - 1 : serial;
}

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function xlsxWriter(
  out: Writable,
  columns: readonly ExportColumn[],
  options: { lang: Lang; sheet: string; signal?: AbortSignal },
): RecordWriter {
  const zip = new ZipWriter(out, { signal: options.signal });
  const letters = columns.map((_, i) => columnLetters(i));
  const keys = columns.map((c) => c.field.key);
  const styles = columns.map((c) => (c.field.type === 'money' ? ` s="${STYLE_MONEY}"` : c.field.type === 'date' ? ` s="${STYLE_DATE}"` : ''));
  const shared = new SharedStrings(columns.length);
  // A cell's XML after its reference, as bytes, per column and stored value: values repeat down a
  // column (cities, categories, statuses), so each is typed, made formula-safe, looked up and
  // encoded once. Bounded like the shared strings: a column keeps SHARED_PER_COLUMN values, and a
  // full one that mostly misses (IDs, phones, amounts, birth dates) is dropped, since hashing each
  // fresh text to look it up then costs more than it saves.
  const tails: (Map<string | number, Uint8Array> | undefined)[] = columns.map(() => new Map());
  const hits = new Int32Array(columns.length);
  /** Misses once the column's table is full. */
  const misses = new Int32Array(columns.length);
  const cellStarts = letters.map((l) => Buffer.from(`<c r="${l}`, 'latin1'));
  let rowNumber = 0;
  let sheet: EntryWriter | undefined;

  /** A cell's XML after `<c r="A1"`. */
  const cellTail = (i: number, value: Exclude<ReturnType<typeof xlsxCell>, null>): string => {
    if (typeof value === 'number') return Number.isFinite(value) ? `${styles[i]}><v>${value}</v></c>` : inlineTail(String(value));
    if (value instanceof Date) {
      const serial = excelSerial(value);
      // A date Excel cannot hold as a serial stays readable as text.
      return serial === null ? inlineTail(value.toISOString().slice(0, 10)) : ` s="${STYLE_DATE}"><v>${serial}</v></c>`;
    }
    const index = shared.indexOf(i, value);
    return index === undefined ? inlineTail(value) : ` t="s"><v>${index}</v></c>`;
  };

  /** One row's XML, straight into the sheet's bytes. */
  const writeRow = (sheet: EntryWriter, record: ExportRecord) => {
    rowNumber++;
    // The row's number and the quote closing a cell's reference, as every cell repeats them.
    const ref = `${rowNumber}"`;
    sheet.ascii('<row r="');
    sheet.ascii(ref);
    sheet.ascii('>');
    for (let i = 0; i < columns.length; i++) {
      const stored = storedValue(record, keys[i]!);
      if (stored === undefined || stored === '') continue;
      const memo = tails[i];
      const known = memo?.get(stored);
      if (known !== undefined) {
        hits[i]!++;
        sheet.bytes(cellStarts[i]!);
        sheet.ascii(ref);
        sheet.bytes(known);
        continue;
      }
      const value = xlsxCell(columns[i]!.field, stored, options.lang);
      if (value === null) continue;
      const tail = cellTail(i, value);
      if (memo) {
        if (memo.size < SHARED_PER_COLUMN) memo.set(stored, Buffer.from(tail, 'utf8'));
        else if (++misses[i]! >= MEMO_TRIAL && hits[i]! < misses[i]!) tails[i] = undefined;
      }
      sheet.bytes(cellStarts[i]!);
      sheet.ascii(ref);
      sheet.text(tail);
    }
    sheet.ascii('</row>');
  };

  const start = async () => {
    const name = xmlText(sheetName(options.sheet));
    await zip.addFile('[Content_Types].xml', CONTENT_TYPES);
    await zip.addFile('_rels/.rels', ROOT_RELS);
    await zip.addFile('xl/workbook.xml', `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`);
    await zip.addFile('xl/_rels/workbook.xml.rels', WORKBOOK_RELS);
    await zip.addFile('xl/styles.xml', STYLES);
    sheet = await zip.startFile('xl/worksheets/sheet1.xml');
    const widths = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.min(40, Math.max(12, c.header.length + 2))}" customWidth="1"/>`).join('');
    rowNumber = 1;
    // The header row stays in view (frozen) and bold.
    const header = columns.map((c, i) => `<c r="${letters[i]}1"${inlineTail(c.header, ` s="${STYLE_HEADER}"`)}`).join('');
    await sheet.write(
      `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
        (columns.length ? `<cols>${widths}</cols>` : '') +
        `<sheetData><row r="1">${header}</row>`,
    );
  };

  return {
    async writeRows(rows) {
      if (!sheet) await start();
      for (const record of rows as ExportRecord[]) {
        writeRow(sheet!, record);
        const full = sheet!.ready();
        if (full) await full;
      }
    },
    async finish() {
      if (!sheet) await start();
      await sheet!.write('</sheetData></worksheet>');
      await sheet!.close();
      await zip.addFile('xl/sharedStrings.xml', shared.xml());
      await zip.finish();
      await finished(out);
    },
  };
}
