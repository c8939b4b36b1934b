// The rows of a worksheet's XML (<sheetData>), scanned as UTF-8 bytes a chunk of whole rows at
// a time. Cells become plain values as Excel shows them: numbers, dates (a number under a date
// format), booleans, text (shared, inline, or a formula's string), error text (#N/A); a formula
// gives its cached result, or nothing when it has none. A row whose numbers are all formulas, one
// of them a SUM (SUBTOTAL, COUNT…) over rows above it, is marked as a totals row (formulaTotals).
import { excelSerialToDate } from './xlsxCells';
import type { SharedStrings } from './sharedStrings';
import { MAX_CELL_CHARS, type CellValue, type SourceRow } from './sourceTypes';
import { GT, LT, SLASH, bytesAt, findByte, isNameByte, rootPrefix, runsText, tagBytes, textOf } from './xmlBytes';

/** Excel's own limits: a reference beyond them is not a sheet Excel wrote or could open. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** The sheet's XML is broken where the scanner looks (a value not closed, the sheet cut short). */
export class SheetFormatError extends Error {}

/** The sheet claims a cell outside Excel's grid. */
export class SheetDimensionError extends Error {
  constructor(
    message: string,
    readonly messageTr: string,
  ) {
    super(message);
  }
}

/** A cell's text is longer than MAX_CELL_CHARS: refused, naming where. */
export class CellTooLongError extends Error {
  constructor(
    readonly row: number,
    readonly column: number,
  ) {
    super(`cell ${columnName(column)}${row} is longer than ${MAX_CELL_CHARS.toLocaleString('en')} characters`);
  }
}

/** 0 → A, 16383 → XFD. */
export function columnName(column: number): string {
  let name = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(0x41 + ((n - 1) % 26)) + name;
  return name;
}

const enum CellType {
  Number,
  Shared,
  InlineString,
  FormulaString,
  Boolean,
  Error,
  IsoDate,
}

const Q = 0x22;
const APOS = 0x27;

export interface SheetContext {
  sharedStrings: SharedStrings;
  /** Per cell style: its number format shows a date. */
  dateStyles: boolean[];
  date1904: boolean;
  /** Cells from this column on (0-based) are left out, never held: past the header, nothing maps to them. */
  maxColumns?: number;
}

/** A shared-string cell whose string the table had not reached yet when its row was scanned. */
interface Pending {
  row: number;
  cells: CellValue[];
  column: number;
  index: number;
}

export class SheetScanner {
  private prefix: Uint8Array | null = null;
  private prefixText = '';
  private isClose: Uint8Array = tagBytes('</is>');
  private vClose: Uint8Array = tagBytes('</v>');
  private sheetDataEnd: Uint8Array = tagBytes('</sheetData>');
  private sheetDataEmpty: Uint8Array = tagBytes('<sheetData/>');
  private sheetDataOpen: Uint8Array = tagBytes('<sheetData');
  private sawRow = false;
  /** </sheetData> was met: the rest of the part (merged ranges, links…) is of no interest. */
  ended = false;
  private rowClose: Uint8Array = tagBytes('</row>');
  private lastRow = 0;
  /** Unresolved shared strings of the rows scanned since the last resolve(). */
  private pending: Pending[] = [];
  private maxPending = -1;
  /** Shared formulas (by si) whose master sums rows above it: their other cells are written without text. */
  private readonly sharedTotals = new Map<number, boolean>();

  constructor(private readonly ctx: SheetContext) {}

  /** The part's element prefix is known, so rows can be found. */
  get ready(): boolean {
    return this.prefix !== null;
  }

  /**
   * Scans the whole rows of b (up to the end of its last </row>, or everything when `final`),
   * pushing those with a cell to `out`. Returns where the unscanned rest begins.
   */
  scan(b: Buffer, final: boolean, out: SourceRow[]): number {
    if (this.prefix === null) {
      const p = rootPrefix(b) ?? (final ? '' : null);
      if (p === null) return 0; // the root element's name is not all here yet
      this.prefix = tagBytes(p);
      this.prefixText = p;
      this.rowClose = tagBytes(`</${p}row>`);
      this.isClose = tagBytes(`</${p}is>`);
      this.vClose = tagBytes(`</${p}v>`);
      this.sheetDataEnd = tagBytes(`</${p}sheetData>`);
      this.sheetDataEmpty = tagBytes(`<${p}sheetData/>`);
      this.sheetDataOpen = tagBytes(`<${p}sheetData`);
    }
    const end = b.indexOf(this.sheetDataEnd);
    if (end !== -1) {
      this.ended = true;
      this.scanRange(b, 0, end, out);
      return b.length;
    }
    if (final) {
      // A part with no <sheetData> at all (a chart sheet's) has no rows; one cut short is broken.
      const opened = this.sawRow || b.indexOf(this.sheetDataOpen) !== -1;
      if (opened && b.indexOf(this.sheetDataEmpty) === -1) throw new SheetFormatError('the sheet\'s XML ends before its rows do');
      this.ended = true;
      return b.length;
    }
    const last = b.lastIndexOf(this.rowClose);
    if (last === -1) return 0;
    this.sawRow = true;
    const to = last + this.rowClose.length;
    this.scanRange(b, 0, to, out);
    return to;
  }

  /** The number of the row that b (the unscanned rest of the sheet) starts with, as far as b tells. */
  rowAt(b: Buffer): number {
    const prefix = this.prefix;
    const open = prefix ? Buffer.concat([tagBytes('<'), prefix, tagBytes('row')]) : tagBytes('<row');
    const at = b.subarray(0, 4096).indexOf(open);
    if (at !== -1) {
      const gt = findByte(b, GT, at, Math.min(b.length, at + 4096));
      const v = gt === -1 ? -1 : attributeValue(b, at + open.length, gt, 0x72);
      if (v !== -1) {
        const r = digits(b, v, findByte(b, b[v - 1] as number, v, gt));
        if (r >= 1) return r;
      }
    }
    return this.lastRow + 1;
  }

  /** Shared strings the last scans could not resolve: read the table that far, then resolve. */
  async resolve(): Promise<void> {
    if (this.pending.length === 0) return;
    const sst = this.ctx.sharedStrings;
    await sst.ensure(this.maxPending);
    // An empty text stays null here: the row's length was fixed when it was scanned.
    for (const p of this.pending) {
      const text = sst.get(p.index);
      if (text !== null && text.length > MAX_CELL_CHARS) throw new CellTooLongError(p.row, p.column);
      p.cells[p.column] = text || null;
    }
    this.pending = [];
    this.maxPending = -1;
  }

  private scanRange(b: Buffer, from: number, to: number, out: SourceRow[]): void {
    const prefix = this.prefix!;
    const pl = prefix.length;
    const { sharedStrings, dateStyles, date1904 } = this.ctx;
    const maxColumns = this.ctx.maxColumns ?? MAX_COLUMNS;
    let cells: CellValue[] | null = null;
    let rowNumber = 0;
    let lastColumn = -1;
    let maxColumn = -1;
    /** The last column with a value left out (past maxColumns), or -1. */
    let dropped = -1;
    // The cell being read.
    let inCell = false;
    let column = 0;
    let style = 0;
    let type = CellType.Number;
    let hasFormula = false;
    /** The cell's formula sums rows above it (totalsFormula). */
    let totalsCell = false;
    /** The row has a formula summing rows above it / a number typed in (no formula). */
    let rowTotals = false;
    let rowTypedNumber = false;
    let vFrom = -1;
    let vTo = -1;
    let inline: string | null = null;

    let i = from;
    while (i < to) {
      const lt = findByte(b, LT, i, to);
      if (lt === -1) break;
      const closing = b[lt + 1] === SLASH;
      const nameAt = lt + (closing ? 2 : 1);
      if (pl > 0 && !bytesAt(b, nameAt, prefix)) {
        i = lt + 1;
        continue;
      }
      const n0 = b[nameAt + pl];
      const n1 = b[nameAt + pl + 1];
      if (closing) {
        // </c>: the cell is complete.
        if (n0 === 0x63 && n1 === GT) {
          if (inCell && cells !== null && column >= maxColumns) {
            if (vFrom !== -1 || inline !== null) dropped = column;
          } else if (inCell && cells !== null) {
            const value = this.cellValue(b, type, vFrom, vTo, inline, hasFormula, style, dateStyles, date1904, sharedStrings, cells, column, rowNumber);
            if (typeof value === 'string' && value.length > MAX_CELL_CHARS) throw new CellTooLongError(rowNumber, column);
            if (value !== undefined) {
              cells[column] = value;
              if (column > maxColumn) maxColumn = column;
            }
            if (type === CellType.Number && vFrom !== -1) {
              if (!hasFormula) rowTypedNumber = true;
              else if (totalsCell) rowTotals = true;
            }
          }
          inCell = false;
          i = nameAt + pl + 2;
          continue;
        }
        // </row>
        if (n0 === 0x72 && n1 === 0x6f && b[nameAt + pl + 2] === 0x77 && b[nameAt + pl + 3] === GT) {
          if (inCell) throw new SheetFormatError(`a cell of row ${rowNumber} is not closed`);
          if (cells !== null && (maxColumn >= 0 || dropped >= 0)) {
            const row = finishRow(rowNumber, cells, maxColumn, dropped);
            if (rowTotals && !rowTypedNumber) row.formulaTotals = true;
            out.push(row);
          }
          cells = null;
          i = nameAt + pl + 4;
          continue;
        }
        i = nameAt;
        continue;
      }
      const gt = findByte(b, GT, nameAt, to);
      if (gt === -1) break;
      const selfClosing = b[gt - 1] === SLASH;
      const afterName = b[nameAt + pl + 1];
      if (n0 === 0x63 && !isNameByte(afterName)) {
        // <c r="B2" s="3" t="s">
        if (cells === null) {
          i = gt + 1;
          continue;
        }
        if (inCell) throw new SheetFormatError(`a cell of row ${rowNumber} is not closed`);
        column = lastColumn + 1;
        style = 0;
        type = CellType.Number;
        hasFormula = false;
        totalsCell = false;
        vFrom = -1;
        inline = null;
        for (let a = nameAt + pl + 1; a < gt; a++) {
          const c = b[a];
          if (c === Q || c === APOS) {
            a = findByte(b, c, a + 1, gt);
            if (a === -1) break;
            continue;
          }
          if (b[a + 1] !== 0x3d || (b[a - 1] !== 0x20 && b[a - 1] !== 0x09 && b[a - 1] !== 0x0a && b[a - 1] !== 0x0d)) continue;
          const quote = b[a + 2];
          if (quote !== Q && quote !== APOS) continue;
          const vStart = a + 3;
          const vEnd = findByte(b, quote, vStart, gt);
          if (vEnd === -1) break;
          if (c === 0x72) column = columnOf(b, vStart, vEnd, column);
          else if (c === 0x73) style = digits(b, vStart, vEnd);
          else if (c === 0x74) type = typeOf(b, vStart, vEnd);
          a = vEnd;
        }
        lastColumn = column;
        inCell = !selfClosing;
        i = gt + 1;
        continue;
      }
      if (n0 === 0x76 && !isNameByte(afterName)) {
        // <v>value</v>
        if (selfClosing) {
          vFrom = vTo = gt + 1;
          i = gt + 1;
          continue;
        }
        vFrom = gt + 1;
        vTo = findByte(b, LT, vFrom, to);
        if (vTo === -1 || !bytesAt(b, vTo, this.vClose)) throw new SheetFormatError(`a value in row ${rowNumber} is not closed`);
        i = vTo + this.vClose.length;
        continue;
      }
      if (n0 === 0x66 && !isNameByte(afterName)) {
        hasFormula = true; // <f>…</f> or a shared formula's <f t="shared" si="0"/>
        if (inCell && cells !== null && column < maxColumns) totalsCell = this.formulaTotals(b, nameAt + pl + 1, gt, selfClosing, to, rowNumber);
        i = gt + 1;
        continue;
      }
      if (n0 === 0x69 && n1 === 0x73 && !isNameByte(b[nameAt + pl + 2])) {
        // <is>…</is>: an inline string, possibly in rich-text runs
        if (selfClosing) {
          inline = '';
          i = gt + 1;
          continue;
        }
        const end = b.indexOf(this.isClose, gt + 1);
        const stop = end === -1 || end > to ? to : end;
        inline = runsText(b, gt + 1, stop, this.prefixText);
        i = stop;
        continue;
      }
      if (n0 === 0x72 && n1 === 0x6f && b[nameAt + pl + 2] === 0x77 && !isNameByte(b[nameAt + pl + 3])) {
        // <row r="12" …>
        let r = this.lastRow + 1;
        const at = attributeValue(b, nameAt + pl + 3, gt, 0x72);
        if (at !== -1) r = digits(b, at, findByte(b, b[at - 1] as number, at, gt));
        if (!(r >= 1 && r <= MAX_ROWS)) throw new SheetDimensionError(`row ${r} is beyond Excel's ${MAX_ROWS.toLocaleString('en')} rows`, `${r}. satır Excel'in ${MAX_ROWS.toLocaleString('tr')} satır sınırının ötesinde`);
        this.lastRow = rowNumber = r;
        lastColumn = -1;
        maxColumn = -1;
        dropped = -1;
        rowTotals = rowTypedNumber = false;
        cells = selfClosing ? null : [];
        i = gt + 1;
        continue;
      }
      i = gt + 1;
    }
  }

  /**
   * Whether the <f> element whose attributes are b[from, gt) sums rows above `row`: its text (read
   * up to MAX_FORMULA_SCAN bytes), or for a shared formula's other cells, what its master's was.
   */
  private formulaTotals(b: Buffer, from: number, gt: number, selfClosing: boolean, to: number, row: number): boolean {
    const si = attributeValue(b, from, gt, 0x73, 0x69); // si="…"
    const shared = si === -1 ? NaN : digits(b, si, findByte(b, b[si - 1] as number, si, gt));
    if (selfClosing) return Number.isNaN(shared) ? false : (this.sharedTotals.get(shared) ?? false);
    const end = findByte(b, LT, gt + 1, Math.min(to, gt + 1 + MAX_FORMULA_SCAN));
    const totals = isTotalsFormula(b.toString('latin1', gt + 1, end === -1 ? Math.min(to, gt + 1 + MAX_FORMULA_SCAN) : end), row);
    if (!Number.isNaN(shared) && this.sharedTotals.size < MAX_SHARED_FORMULAS) this.sharedTotals.set(shared, totals);
    return totals;
  }

  /** The value of a finished cell; undefined for a cell that holds nothing (only a style). */
  private cellValue(
    b: Buffer,
    type: CellType,
    vFrom: number,
    vTo: number,
    inline: string | null,
    hasFormula: boolean,
    style: number,
    dateStyles: boolean[],
    date1904: boolean,
    sst: SharedStrings,
    cells: CellValue[],
    column: number,
    row: number,
  ): CellValue | undefined {
    // An empty text is no value (a blank cell), as the reader before this one had it.
    if (vFrom === -1) {
      if (inline !== null && !hasFormula) return inline === '' ? undefined : inline;
      return hasFormula ? null : undefined;
    }
    switch (type) {
      case CellType.Shared: {
        let index = digits(b, vFrom, vTo);
        if (Number.isNaN(index)) index = parseInt(b.toString('latin1', vFrom, vTo), 10); // e.g. " 5 
        if (index < sst.count) return emptyAsNone(sst.get(index));
        this.pending.push({ row, cells, column, index });
        if (index > this.maxPending) this.maxPending = index;
        return null;
      }
      case CellType.InlineString:
        return emptyAsNone(textOf(b, vFrom, vTo));
      case CellType.FormulaString:
        return hasFormula ? textOf(b, vFrom, vTo) : emptyAsNone(textOf(b, vFrom, vTo));
      case CellType.Boolean:
        return parseInt(b.toString('latin1', vFrom, vTo), 10) !== 0;
      case CellType.Error:
        return b.toString('latin1', vFrom, vTo);
      case CellType.IsoDate:
        return isoDate(b.toString('latin1', vFrom, vTo));
      default: {
        const n = numberOf(b, vFrom, vTo);
        if (!Number.isFinite(n)) return null;
        return dateStyles[style] === true ? excelSerialToDate(n, date1904) : n;
      }
    }
  }
}

/** Enough of a formula's text to see its function and first ranges. */
const MAX_FORMULA_SCAN = 512;
/** Shared formulas remembered per sheet: a hostile sheet cannot make the map grow without end. */
const MAX_SHARED_FORMULAS = 10_000;
const TOTALS_FUNCTION = /^\s*=?\s*(?:_xlfn\.)?(?:SUM|SUBTOTAL|AGGREGATE|SUMIFS?|SUMPRODUCT|COUNTA?|AVERAGE|MIN|MAX)\s*\(/i;
const RANGE = /\$?[A-Z]{1,3}\$?(\d{1,7}):\$?[A-Z]{1,3}\$?(\d{1,7})/gi;

/** A SUM-like formula over a range of two or more rows that ends above `row` ("SUM(H5:H12)" in row 13). */
export function isTotalsFormula(text: string, row: number): boolean {
  if (!TOTALS_FUNCTION.test(text)) return false;
  for (const m of text.matchAll(RANGE)) {
    const a = Number(m[1]);
    const z = Number(m[2]);
    if (a !== z && Math.max(a, z) < row) return true;
  }
  return false;
}

function emptyAsNone(text: string | null): string | undefined {
  return text === '' || text === null ? undefined : text;
}

function finishRow(rowNumber: number, cells: CellValue[], maxColumn: number, dropped: number): SourceRow {
  for (let c = 0; c <= maxColumn; c++) if (cells[c] === undefined) cells[c] = null;
  cells.length = maxColumn + 1;
  if (dropped > maxColumn) return { rowNumber, cells, width: dropped + 1 };
  return { rowNumber, cells };
}

/** Start of the value of the attribute named by one byte (e.g. r), or two (si), in b[from, to), or -1. */
function attributeValue(b: Buffer, from: number, to: number, name: number, name2?: number): number {
  const eq = name2 === undefined ? 1 : 2;
  for (let a = from; a < to; a++) {
    const c = b[a];
    if (c === Q || c === APOS) {
      a = findByte(b, c, a + 1, to);
      if (a === -1) return -1;
      continue;
    }
    if (c !== name || (name2 !== undefined && b[a + 1] !== name2)) continue;
    if (b[a + eq] === 0x3d && (b[a + eq + 1] === Q || b[a + eq + 1] === APOS) && !isNameByte(b[a - 1])) return a + eq + 2;
  }
  return -1;
}

function digits(b: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = (b[i] as number) - 0x30;
    if (d < 0 || d > 9) return from === i ? NaN : n;
    n = n * 10 + d;
  }
  return n;
}

/** 0-based column of a reference like "AB12"; letters beyond XFD are refused. */
function columnOf(b: Buffer, from: number, to: number, fallback: number): number {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const c = (b[i] as number) | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
    if (col > MAX_COLUMNS) {
      const ref = b.toString('latin1', from, Math.min(to, from + 16));
      throw new SheetDimensionError(`cell ${ref} is beyond Excel's ${MAX_COLUMNS.toLocaleString('en')} columns`, `${ref} hücresi Excel'in ${MAX_COLUMNS.toLocaleString('tr')} sütun sınırının ötesinde`);
    }
  }
  return i === from ? fallback : col - 1;
}

function typeOf(b: Buffer, from: number, to: number): CellType {
  const len = to - from;
  switch (b[from]) {
    case 0x73: // s, str
      return len === 1 ? CellType.Shared : CellType.FormulaString;
    case 0x69: // inlineStr
      return CellType.InlineString;
    case 0x62: // b
      return CellType.Boolean;
    case 0x65: // e
      return CellType.Error;
    case 0x64: // d
      return CellType.IsoDate;
    default:
      return CellType.Number;
  }
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A number as written: plain decimals of up to 15 digits are read from the bytes (an exact
 * integer divided by a power of ten rounds as parseFloat does); anything else goes to parseFloat.
 */
function numberOf(b: Buffer, from: number, to: number): number {
  let i = from;
  const negative = b[i] === 0x2d;
  if (negative) i++;
  let n = 0;
  let count = 0;
  let scale = -1;
  for (; i < to; i++) {
    const c = b[i] as number;
    if (c === 0x2e && scale === -1) {
      scale = 0;
      continue;
    }
    const d = c - 0x30;
    if (d < 0 || d > 9) return parseFloat(b.toString('latin1', from, to));
    n = n * 10 + d;
    count++;
    if (scale !== -1) scale++;
  }
  if (count === 0 || count > 15) return parseFloat(b.toString('latin1', from, to));
  const value = scale > 0 ? n / (POW10[scale] as number) : n;
  return negative ? -value : value;
}

/** A t="d" cell: an ISO 8601 date or date-time, read as UTC like every other date here. */
function isoDate(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?/.exec(text.trim());
  if (!m) return null;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms));
  return Number.isNaN(date.getTime()) ? null : date;
}
