// How stored values read on screen (Records page, the import wizard's grid and diffs, inbox, audit)
// and in the Turkish Excel export. It relies on how values are stored: dates ISO yyyy-mm-dd,
// phones E.164, money in minor units, enums as their values.
//
// Conventions, in both UI languages unless said otherwise (README "Display formats"):
// - dates dd.MM.yyyy, times HH:mm (24 h): the staff work in Turkey with Turkish forms, bank
//   statements and excel-tr exports, all day-first with dots; English staff read the same papers,
//   and a slash form (05/01/2025) would be misread month-first by US-trained readers;
// - Turkish mobiles as dialled in Turkey, 0532 123 45 67;
// - numbers and money follow the language, since a decimal comma reads as a thousands separator to
//   an English reader: tr 1.234,56 ₺, en ₺1,234.56.
import { getField, optionLabel } from './collections';
import { parseDate } from './dates';
import { formatMoney } from './money';
import { normalizeTurkishMobile } from './phone';
import { isYkn } from './tckimlik';
import type { CollectionName, FieldSpec, Lang } from './types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const E164_TR_MOBILE = /^\+90(5\d{2})(\d{3})(\d{2})(\d{2})$/;

/** 'yyyy-mm-dd' → 'dd.MM.yyyy'; null for anything else. */
export function dottedDate(iso: string): string | null {
  const m = ISO_DATE.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : null;
}

/** '+905321234567' → '0532 123 45 67'; null for anything but a stored Turkish mobile number. */
export function nationalPhone(e164: string): string | null {
  const m = E164_TR_MOBILE.exec(e164);
  return m ? `0${m[1]} ${m[2]} ${m[3]} ${m[4]}` : null;
}

/** A stored date for reading; text that is not an ISO date is shown as it is. */
export function displayDate(iso: string): string {
  return dottedDate(iso) ?? iso;
}

/** A stored phone for reading; numbers other than Turkish mobiles stay in their E.164 form. */
export function displayPhone(e164: string): string {
  return nationalPhone(e164) ?? e164;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A moment (ms since epoch) in this PC's time zone: 'dd.MM.yyyy HH:mm', with ':ss' when asked (audit). */
export function displayDateTime(ms: number, opts: { seconds?: boolean } = {}): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}${opts.seconds ? `:${pad2(d.getSeconds())}` : ''}`;
  return `${pad2(d.getDate())}.${pad2(d.getMonth() + 1)}.${d.getFullYear()} ${time}`;
}

const GROUP: Record<Lang, string> = { tr: '.', en: ',' };
const DECIMAL: Record<Lang, string> = { tr: ',', en: '.' };

function groupThousands(digits: string, sep: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** A whole number with the language's thousands separator: tr 12.345, en 12,345. */
export function displayInteger(n: number, lang: Lang): string {
  if (!Number.isSafeInteger(n)) return String(n);
  const text = groupThousands(String(Math.abs(n)), GROUP[lang]);
  return n < 0 ? `-${text}` : text;
}

const CURRENCY_SYMBOLS: Record<string, string> = { TRY: '₺', USD: '$', EUR: '€', GBP: '£' };

/**
 * Minor units as an amount: tr '1.234,56 ₺', en '₺1,234.56'. The decimals come from formatMoney,
 * the rule the excel-tr export and the importer's number reading share; only grouping is added.
 * An unknown currency code is written out (tr '1.234,56 CHF', en 'CHF 1,234.56'); none gives the bare amount.
 */
export function displayMoney(minor: number, currency: string | undefined, lang: Lang): string {
  const plain = formatMoney(minor, lang === 'tr' ? 'tr' : 'intl');
  const negative = plain.startsWith('-');
  const [whole = '', fraction = ''] = (negative ? plain.slice(1) : plain).split(DECIMAL[lang]);
  const amount = `${groupThousands(whole, GROUP[lang])}${DECIMAL[lang]}${fraction}`;
  const sign = negative ? '-' : '';
  if (!currency) return `${sign}${amount}`;
  const symbol = CURRENCY_SYMBOLS[currency];
  if (lang === 'tr') return `${sign}${amount} ${symbol ?? currency}`;
  return symbol ? `${sign}${symbol}${amount}` : `${sign}${currency} ${amount}`;
}

/** The currency a money field's value is in: its sibling field's value, or the field's fixed one. */
function currencyOf(field: FieldSpec, record: Readonly<Record<string, unknown>>): string | undefined {
  if (field.currencyField) {
    const c = record[field.currencyField];
    return typeof c === 'string' && c !== '' ? c : undefined;
  }
  return field.fixedCurrency;
}

/**
 * One stored value as a person reads it: enum labels, grouped money with its currency (from the
 * record's currency field), dotted dates, national phone numbers, grouped integers; empty for a
 * missing value. `record` is the stored record the value belongs to (for the currency).
 */
export function displayFieldValue(
  collection: CollectionName,
  field: FieldSpec,
  value: unknown,
  lang: Lang,
  record: Readonly<Record<string, unknown>> = {},
): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.type) {
    case 'enum':
      return optionLabel(collection, field.key, String(value), lang);
    case 'money':
      return typeof value === 'number' ? displayMoney(value, currencyOf(field, record), lang) : String(value);
    case 'integer':
      return typeof value === 'number' ? displayInteger(value, lang) : String(value);
    case 'date':
      return displayDate(String(value));
    case 'phone':
      return displayPhone(String(value));
    case 'nationalId':
      return withYknLabel(String(value), lang);
    default:
      return String(value);
  }
}

/** "99123456789 (YKN, yabancı kimlik no)": a foreign resident's number says so; a TC number as is. */
export function withYknLabel(id: string, lang: Lang): string {
  if (!isYkn(id)) return id;
  return `${id} (${lang === 'tr' ? 'YKN, yabancı kimlik no' : 'YKN, foreign resident ID'})`;
}

/**
 * One side of a change (a dry run's diff, a record's history): the field's display form, the
 * stored value as is for a field the collection no longer has, a dash where the record had none.
 */
export function displayStored(collection: CollectionName, field: string, value: string | number | null, lang: Lang): string {
  const spec = getField(collection, field);
  const text = spec ? displayFieldValue(collection, spec, value, lang) : value === null ? '' : String(value);
  return text === '' ? '—' : text;
}

/**
 * A cell of a file being imported, for the check grid: a date or phone cell that will be stored
 * shows as the stored value would (05.01.2025, 0532 123 45 67), so what staff check is what they
 * will see in Records; anything else, or a value that does not read, shows as written.
 */
export function displayFileCell(field: FieldSpec | undefined, cell: string | number | boolean | null | undefined): string {
  if (cell === null || cell === undefined) return '';
  const text = String(cell);
  if (field?.type === 'date' && typeof cell === 'string') {
    const iso = parseDate(cell);
    if (iso) return displayDate(iso);
  }
  if (field?.type === 'phone' && typeof cell !== 'boolean') {
    const e164 = normalizeTurkishMobile(text);
    if (e164) return displayPhone(e164);
  }
  return text;
}

/** A mobile number stored as a number, its leading 0 lost (5321234567). */
const MOBILE_WITHOUT_ZERO = /^5\d{9}$/;

/** A number with a fraction, grouped in the language's way: tr 12.000,50, en 12,000.50 (one decimal is padded to two). */
function displayDecimal(n: number, lang: Lang): string {
  const text = String(Math.abs(n));
  if (text.includes('e')) return String(n);
  const [whole = '', fraction = ''] = text.split('.');
  const sign = n < 0 ? '-' : '';
  return `${sign}${groupThousands(whole, GROUP[lang])}${DECIMAL[lang]}${fraction.padEnd(2, '0')}`;
}

/**
 * A raw cell of a file being imported (the sheet-and-header step's preview, the check grid) in
 * Turkish display formats. With the column's field (mapped, or suggested by its header): dates and
 * phones as they will be stored (displayFileCell), amounts 1.234,56, counts grouped. With none,
 * by the value's shape: a workbook date dd.MM.yyyy, a mobile stored as a number (5321234567) with
 * its 0 back (0532 123 45 67), a fraction 1.234,56; whole numbers as written (a row number, a
 * postal code, an 11-digit ID), text as written.
 */
export function displayImportCell(field: FieldSpec | undefined, cell: string | number | boolean | null | undefined, lang: Lang): string {
  if (cell === null || cell === undefined) return '';
  if (field) {
    if (typeof cell === 'number' && field.type === 'money') return displayMoney(Math.round(cell * 100), undefined, lang);
    if (typeof cell === 'number' && field.type === 'integer' && Number.isInteger(cell)) return displayInteger(cell, lang);
    if (field.type === 'nationalId' && typeof cell !== 'boolean') return withYknLabel(String(cell), lang);
    return displayFileCell(field, cell);
  }
  if (typeof cell === 'string') return (ISO_DATE.test(cell) ? dottedDate(cell) : null) ?? cell;
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell)) return displayDecimal(cell, lang);
    const e164 = MOBILE_WITHOUT_ZERO.test(String(cell)) ? normalizeTurkishMobile(String(cell)) : null;
    return e164 ? displayPhone(e164) : String(cell);
  }
  return String(cell);
}
