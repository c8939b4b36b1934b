// Cell rules shared by the workbook reader's parts: date formats, date serials, empty cells.
import type { CellValue } from './sourceTypes';

/** Excel's own limit on a number format's length; a longer one is not Excel's, and not a date. */
const MAX_FORMAT_CHARS = 255;

/** A number format shows a date or time when it has date/time letters outside quotes and [..]. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt || fmt.length > MAX_FORMAT_CHARS) return false;
  const bare = fmt.replace(/\[[^\]]*\]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return /[ymdhsb]/i.test(bare) && !/^general$/i.test(bare.trim());
}

const MS_PER_DAY = 86_400_000;
/** Serial 25569 is 1970-01-01 in the 1900 system; the 1904 system starts 1462 days later. */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  const days = serial - 25569 + (date1904 ? 1462 : 0);
  return new Date(Math.round(days * MS_PER_DAY));
}

/** The cell is worth reading: not null and not an empty string. */
export function isFilled(v: CellValue): boolean {
  return v !== null && v !== undefined && v !== '';
}
