// How one stored value becomes a cell in each format. Stored values follow shared/domain/README.md: money in
// minor units, dates ISO yyyy-mm-dd, phones E.164, enums as values.
import { dottedDate, formatMoney, nationalPhone, type FieldSpec, type Lang, type StoredValue } from '../../../shared/domain';
import { neutralizeFormula } from '../../core/formulaSafe';

// Only the phone field's own validated shape is exempt from the formula rule: "+" and digits
// alone cannot reach a function or another cell.
const PLAIN_E164 = /^\+\d{8,15}$/;

/**
 * A stored phone as Turkish staff write it, '0532 123 45 67' (the display rule). Excel keeps it as
 * text (the spaces stop number recognition, and no leading '+' makes it a formula), and the
 * importer's normalizeTurkishMobile maps it back to the same E.164. Anything else falls back to
 * the formula rule.
 */
export function phoneForExcel(e164: string): string {
  return nationalPhone(e164) ?? neutralizeFormula(e164);
}

/** 'yyyy-mm-dd' → 'dd.MM.yyyy' (the display rule; anything else is passed through as text). */
export function isoToDotted(iso: string): string {
  return dottedDate(iso) ?? neutralizeFormula(iso);
}

/** 'yyyy-mm-dd' → a Date at UTC midnight, which exceljs stores as that whole Excel day. */
export function isoToUtcDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** Minor units → a decimal number (123456 → 1234.56); integer/100 prints back exactly. */
export function minorToDecimal(minor: number): number {
  return minor / 100;
}

function optionText(field: FieldSpec, value: string, lang: Lang): string {
  return field.options?.find((o) => o.value === value)?.label[lang] ?? value;
}

export type CsvStyle = 'excel-tr' | 'csv';

/**
 * A CSV cell's text before quoting. excel-tr is for people in Turkish Excel: labels, decimal
 * comma, dd.MM.yyyy, national phone form. csv is for programs: values, dot decimal, ISO dates.
 *
 * National IDs are written as their 11 digits in both. Excel reads them as a number, but 11 digits
 * still fit its General format (it switches to scientific notation from 12), and an ID never
 * starts with 0, so nothing is lost on screen or on re-import; the `="…"` trick would put a
 * formula in the file, which the injection rule exists to avoid.
 */
export function csvCell(field: FieldSpec, value: StoredValue | undefined, style: CsvStyle, lang: Lang): string {
  if (value === undefined || value === null || value === '') return '';
  switch (field.type) {
    case 'money':
      return typeof value === 'number' ? formatMoney(value, style === 'excel-tr' ? 'tr' : 'intl') : neutralizeFormula(String(value));
    case 'integer':
      return typeof value === 'number' ? String(value) : neutralizeFormula(String(value));
    case 'date':
      return style === 'excel-tr' ? isoToDotted(String(value)) : neutralizeFormula(String(value));
    case 'phone':
      if (style === 'excel-tr') return phoneForExcel(String(value));
      return PLAIN_E164.test(String(value)) ? String(value) : neutralizeFormula(String(value));
    case 'enum':
      return neutralizeFormula(style === 'excel-tr' ? optionText(field, String(value), lang) : String(value));
    default:
      return neutralizeFormula(String(value));
  }
}

/** An XLSX cell value: numbers and dates typed, text as text (neutralised; phones exempt). */
export function xlsxCell(field: FieldSpec, value: StoredValue | undefined, lang: Lang): string | number | Date | null {
  if (value === undefined || value === null || value === '') return null;
  switch (field.type) {
    case 'money':
      return typeof value === 'number' ? minorToDecimal(value) : neutralizeFormula(String(value));
    case 'integer':
      return typeof value === 'number' ? value : neutralizeFormula(String(value));
    case 'date':
      return isoToUtcDate(String(value)) ?? neutralizeFormula(String(value));
    case 'phone':
      // A text cell shows '+905…' as written; Excel never evaluates a stored string.
      return PLAIN_E164.test(String(value)) ? String(value) : neutralizeFormula(String(value));
    case 'enum':
      return neutralizeFormula(optionText(field, String(value), lang));
    default:
      // National IDs stay text cells, so Excel never turns them into numbers.
      return neutralizeFormula(String(value));
  }
}

/** A JSON value: ISO text as stored, money as a decimal number, missing as null. No spreadsheet, no quoting. */
export function jsonValue(field: FieldSpec, value: StoredValue | undefined): string | number | null {
  if (value === undefined || value === null || value === '') return null;
  if (field.type === 'money' && typeof value === 'number') return minorToDecimal(value);
  return value;
}
