import type { CellValue } from './source-types';

/**
 * Turns what exceljs's streaming reader puts in a cell into a plain CellValue: formulas give their
 * cached result, rich text and hyperlinks their text, error cells their error text (#N/A …).
 */
export function toCellValue(value: unknown, numFmt: string | undefined, date1904: boolean): CellValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return null;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) {
    return (v.richText as Array<{ text?: unknown }>).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
  }
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v.result;
    // The streaming reader leaves date-formatted formula results as serial numbers.
    if (typeof result === 'number' && Number.isFinite(result) && isDateFormat(numFmt)) {
      return excelSerialToDate(result, date1904);
    }
    return toCellValue(result, numFmt, date1904);
  }
  if (typeof v.error === 'string') return v.error;
  if ('text' in v) return toCellValue(v.text, numFmt, date1904);
  return null; // e.g. an unresolved shared-string index
}

/** A number format shows a date or time when it has date/time letters outside quotes and [..]. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
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
