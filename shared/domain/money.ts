// Money and numbers as staff type them. Money becomes integer minor units (kuruş, cents).
import type { CellValue, NumberStyle } from './types';
import { foldTr, trimmed } from './text';

// Symbols and codes accepted around an amount ("₺ 1.250,50", "1.250,50 TL", "$100").
const CURRENCY_WORDS: Record<string, string> = {
  try: 'TRY',
  tl: 'TRY',
  ytl: 'TRY',
  lira: 'TRY',
  'turk lirasi': 'TRY',
  usd: 'USD',
  dolar: 'USD',
  dollar: 'USD',
  'abd dolari': 'USD',
  'us dollar': 'USD',
  eur: 'EUR',
  euro: 'EUR',
  avro: 'EUR',
  gbp: 'GBP',
  sterlin: 'GBP',
  'ingiliz sterlini': 'GBP',
  'pound sterling': 'GBP',
  pound: 'GBP',
};
const CURRENCY_SYMBOLS: Record<string, string> = { '₺': 'TRY', $: 'USD', 'US$': 'USD', '€': 'EUR', '£': 'GBP' };

/** TL, ₺, YTL, TRY → TRY; USD/$; EUR/€; GBP/£ (case-insensitive, Turkish names too); else null. */
export function normalizeCurrency(s: string): string | null {
  if (typeof s !== 'string') return null;
  const t = s.trim();
  const bySymbol = CURRENCY_SYMBOLS[t] ?? CURRENCY_SYMBOLS[t.toUpperCase()];
  if (bySymbol) return bySymbol;
  return CURRENCY_WORDS[foldTr(t)] ?? null;
}

const MARKER = String.raw`(₺|\$|€|£|[A-Za-z]{2,3})`;
const PREFIX = new RegExp(String.raw`^${MARKER}\s*(?=[-+\d.,])`);
const SUFFIX = new RegExp(String.raw`(?<=[\d.,])\s*${MARKER}\.?$`);

interface Decimal {
  negative: boolean;
  int: string;
  frac: string;
}

// Separators may be grouped with any space, incl. the no-break spaces Excel and LibreOffice use.
const SPACES = /[\s\u00a0\u202f']/g;

function validGroups(intPart: string, sep: string): boolean {
  const groups = intPart.split(sep);
  const [first, ...rest] = groups;
  if (!first || !/^\d{1,3}$/.test(first) || (first.startsWith('0') && rest.length > 0)) return false;
  return rest.every((g) => /^\d{3}$/.test(g));
}

/**
 * validGroups(s.slice(start, end), sep) without slicing: the first group 1–3 digits (no leading 0
 * when more follow), every later group exactly 3. The range holds only digits and `sep`.
 */
function validGroupsIn(s: string, start: number, end: number, sep: number): boolean {
  let groupStart = start;
  let first = true;
  for (let i = start; i <= end; i++) {
    if (i < end && s.charCodeAt(i) !== sep) continue;
    const len = i - groupStart;
    if (first) {
      if (len < 1 || len > 3 || (s.charCodeAt(start) === 48 && i < end)) return false;
      first = false;
    } else if (len !== 3) return false;
    groupStart = i + 1;
  }
  return true;
}

const DOT = 46;
const COMMA = 44;

/** Where the parts of a plain amount lie in its text (indices into the text, sign included). */
interface PlainLayout {
  negative: boolean;
  /** First digit, after the sign. */
  start: number;
  /** Char code of the thousands separator, 0 when none. */
  thousands: number;
  /** Index of the decimal mark, -1 when none. */
  decimalAt: number;
}

/**
 * Reads text of only digits, '.' and ',' after an optional sign (nearly every cell) into `out`, by
 * char codes: 'plain' when well formed, null when malformed, undefined for any other text, which
 * the general parseDecimalText handles. `out` is the caller's, so no object is allocated per cell.
 */
function readPlainLayout(text: string, style: NumberStyle, out: PlainLayout): 'plain' | null | undefined {
  const end = text.length;
  let start = 0;
  let negative = false;
  const c0 = text.charCodeAt(0);
  if (c0 === 45 || c0 === 43) {
    negative = c0 === 45;
    start = 1;
  }
  let dots = 0;
  let commas = 0;
  let lastDot = -1;
  let lastComma = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT) {
      dots++;
      lastDot = i;
    } else if (c === COMMA) {
      commas++;
      lastComma = i;
    } else if (c < 48 || c > 57) return undefined;
  }
  if (start === end) return null;
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(end - 1);
  if (first === DOT || first === COMMA || last === DOT || last === COMMA) return null;
  let thousands = 0;
  let decimalAt = -1;
  if (dots > 0 && commas > 0) {
    const decimalIsDot = lastDot > lastComma;
    if ((decimalIsDot ? dots : commas) !== 1) return null;
    thousands = decimalIsDot ? COMMA : DOT;
    decimalAt = decimalIsDot ? lastDot : lastComma;
  } else if (dots + commas > 1) {
    thousands = dots > 0 ? DOT : COMMA;
  } else if (dots + commas === 1) {
    const sep = dots ? DOT : COMMA;
    const at = dots ? lastDot : lastComma;
    // Only "1.234" / "1,234" are ambiguous; they follow the file's style.
    const couldBeThousands = end - at - 1 === 3 && validGroupsIn(text, start, end, sep);
    const styleThousands = style === 'tr' ? DOT : COMMA;
    if (couldBeThousands && sep === styleThousands) thousands = sep;
    else decimalAt = at;
  }
  if (thousands !== 0 && !validGroupsIn(text, start, decimalAt >= 0 ? decimalAt : end, thousands)) return null;
  out.negative = negative;
  out.start = start;
  out.thousands = thousands;
  out.decimalAt = decimalAt;
  return 'plain';
}

// Scratch for readPlainLayout; its readers use it before any other call could refill it.
const layout: PlainLayout = { negative: false, start: 0, thousands: 0, decimalAt: -1 };

/** parseDecimalText for a plain amount (see readPlainLayout); undefined for any other text. */
function parsePlainDecimal(text: string, style: NumberStyle): Decimal | null | undefined {
  const read = readPlainLayout(text, style, layout);
  if (!read) return read;
  const { negative, start, thousands, decimalAt } = layout;
  const intEnd = decimalAt >= 0 ? decimalAt : text.length;
  let int = text.slice(start, intEnd);
  if (thousands !== 0) int = int.split(thousands === DOT ? '.' : ',').join('');
  return { negative, int, frac: decimalAt >= 0 ? text.slice(decimalAt + 1) : '' };
}

// Below 10^15 a digit-by-digit sum is exact, so it equals Number() of the digits.
const MAX_EXACT_DIGITS = 15;

/**
 * toMinor(parseDecimalText(text)) for a plain amount, computed from the char codes without
 * building the digit strings; undefined for any other text.
 */
function plainMinor(text: string, style: NumberStyle): number | null | undefined {
  const read = readPlainLayout(text, style, layout);
  if (!read) return read;
  const { negative, start, thousands, decimalAt } = layout;
  const end = text.length;
  const fracDigits = decimalAt >= 0 ? end - decimalAt - 1 : 0;
  if (fracDigits > 2) return null;
  const intEnd = decimalAt >= 0 ? decimalAt : end;
  let int = 0;
  let digits = 0;
  for (let i = start; i < intEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === thousands) continue;
    int = int * 10 + (c - 48);
    digits++;
  }
  if (digits > MAX_EXACT_DIGITS) {
    const d = parsePlainDecimal(text, style) as Decimal;
    return toMinor(d);
  }
  let frac = 0;
  if (fracDigits > 0) frac = (text.charCodeAt(decimalAt + 1) - 48) * 10;
  if (fracDigits > 1) frac += text.charCodeAt(decimalAt + 2) - 48;
  // The same floating-point steps as toMinor, on the same exact operands.
  const minor = int * 100 + frac;
  if (!Number.isSafeInteger(minor)) return null;
  return negative && minor !== 0 ? -minor : minor;
}

/** Digits with separators → sign, integer digits and fraction digits; null when malformed. */
function parseDecimalText(text: string, style: NumberStyle): Decimal | null {
  const plain = parsePlainDecimal(text, style);
  if (plain !== undefined) return plain;
  let s = text.replace(SPACES, '');
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s)) return null;
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  let thousands: string | null = null;
  let decimal: string | null = null;
  if (dots > 0 && commas > 0) {
    decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    thousands = decimal === '.' ? ',' : '.';
    if (s.split(decimal).length - 1 !== 1) return null;
  } else if (dots + commas > 1) {
    thousands = dots > 0 ? '.' : ','; // "1.234.567": only thousands separators
  } else if (dots + commas === 1) {
    const sep = dots ? '.' : ',';
    const [intPart = '', fracPart = ''] = s.split(sep);
    const couldBeThousands = fracPart.length === 3 && validGroups(`${intPart}${sep}${fracPart}`, sep);
    // Only "1.234" / "1,234" are ambiguous; they follow the file's style.
    const styleThousands = style === 'tr' ? '.' : ',';
    if (couldBeThousands && sep === styleThousands) thousands = sep;
    else decimal = sep;
  }
  let intPart = s;
  let frac = '';
  if (decimal) {
    const i = s.lastIndexOf(decimal);
    intPart = s.slice(0, i);
    frac = s.slice(i + 1);
    if (!/^\d+$/.test(frac) || intPart === '') return null;
  }
  if (thousands) {
    if (!validGroups(intPart, thousands)) return null;
    intPart = intPart.split(thousands).join('');
  }
  if (!/^\d+$/.test(intPart)) return null;
  return { negative, int: intPart, frac };
}

function toMinor(d: Decimal): number | null {
  if (d.frac.length > 2) return null;
  const minor = Number(d.int) * 100 + Number(d.frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(minor)) return null;
  return d.negative && minor !== 0 ? -minor : minor;
}

/** A float from an XLSX cell → minor units, rounding half away from zero on its decimal form. */
function numberToMinor(n: number): number | null {
  if (!Number.isFinite(n)) return null;
  const abs = Math.abs(n);
  if (abs < 0.005) return 0;
  // 15 significant digits undo binary noise (1.005 is stored as 1.00499999…).
  const text = abs.toPrecision(15);
  if (text.includes('e')) return null;
  const [intPart = '0', fracPart = ''] = text.split('.');
  const frac = fracPart.padEnd(3, '0');
  let minor = Number(intPart) * 100 + Number(frac.slice(0, 2));
  if (Number(frac[2]) >= 5) minor += 1;
  if (!Number.isSafeInteger(minor)) return null;
  return n < 0 ? -minor : minor;
}

/** Money cell → minor units plus the currency written beside it (null when none was written). */
export function parseMoneyWithCurrency(
  v: CellValue,
  style: NumberStyle,
): { minor: number; currency: string | null } | null {
  const plain = parsePlainMoney(v, style);
  if (plain !== undefined) return plain === null ? null : { minor: plain, currency: null };
  if (typeof v !== 'string') return null;
  let s = trimmed(v);
  let currency: string | null = null;
  if (!withoutMarker(s)) {
    const prefix = PREFIX.exec(s);
    if (prefix) {
      currency = normalizeCurrency(prefix[1] ?? '');
      if (!currency) return null;
      s = s.slice(prefix[0].length);
    } else {
      const suffix = SUFFIX.exec(s);
      if (suffix) {
        currency = normalizeCurrency(suffix[1] ?? '');
        if (!currency) return null;
        s = s.slice(0, suffix.index);
      }
    }
  }
  const minor = minorOf(parseDecimalText(s, style));
  return minor === null ? null : { minor, currency };
}

/** A currency marker can only sit where the text does not start with a digit or sign and end with a digit. */
function withoutMarker(s: string): boolean {
  const c0 = s.charCodeAt(0);
  const cn = s.charCodeAt(s.length - 1);
  return ((c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 43) && cn >= 48 && cn <= 57;
}

function minorOf(d: Decimal | null): number | null {
  return d && toMinor(d);
}

/**
 * parseMoneyWithCurrency(v, style)?.minor ?? null for a cell with no currency written beside it
 * (a number, or text that is only an amount), without allocating; undefined for any other cell.
 */
export function parsePlainMoney(v: CellValue, style: NumberStyle): number | null | undefined {
  if (typeof v === 'number') return numberToMinor(v);
  if (typeof v !== 'string') return undefined;
  const s = trimmed(v);
  return withoutMarker(s) ? plainMinor(s, style) : undefined;
}

/** '1.234,56', '1,234.56', '₺ 1.250,50', '1250 TL', 12.5 … → integer minor units; null if malformed. */
export function parseMoney(v: CellValue, style: NumberStyle): number | null {
  return parseMoneyWithCurrency(v, style)?.minor ?? null;
}

/** A whole number, with thousands separators allowed ('1.234' in tr style); null otherwise. */
export function parseInteger(v: CellValue, style: NumberStyle): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : null;
  if (typeof v !== 'string') return null;
  const t = trimmed(v);
  if (t.length > 0 && t.length <= MAX_EXACT_DIGITS) {
    const n = digitsValue(t); // the common "4"
    if (n >= 0) return n;
  }
  const d = parseDecimalText(t, style);
  if (!d || !/^0*$/.test(d.frac)) return null;
  const n = Number(d.int);
  if (!Number.isSafeInteger(n)) return null;
  return d.negative && n !== 0 ? -n : n;
}

/** Number(s) when s is only ASCII digits (at most MAX_EXACT_DIGITS of them), else -1. */
function digitsValue(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Which style the unambiguous samples vote for; ambiguous ('1.234', '100') and no votes → 'tr'. */
export function detectNumberStyle(samples: string[]): NumberStyle {
  let tr = 0;
  let intl = 0;
  for (const raw of samples) {
    if (typeof raw !== 'string') continue;
    const s = raw.replace(/[^\d.,]/g, '');
    const lastDot = s.lastIndexOf('.');
    const lastComma = s.lastIndexOf(',');
    if (lastDot >= 0 && lastComma >= 0) {
      if (lastComma > lastDot) tr++;
      else intl++;
      continue;
    }
    const sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
    if (!sep) continue;
    const parts = s.split(sep);
    if (parts.length > 2) {
      // Repeated separator can only be a thousands separator.
      if (sep === '.') tr++;
      else intl++;
    } else if ((parts[1] ?? '').length !== 3) {
      // A single separator not followed by exactly three digits is a decimal separator.
      if (sep === ',') tr++;
      else intl++;
    }
  }
  return intl > tr ? 'intl' : 'tr';
}

/** Minor units → plain decimal text without thousands separators: 123456 → '1234,56' / '1234.56'. */
export function formatMoney(minor: number, style: NumberStyle): string {
  const n = Math.round(minor);
  const abs = Math.abs(n);
  const text = `${Math.floor(abs / 100)}${style === 'tr' ? ',' : '.'}${String(abs % 100).padStart(2, '0')}`;
  return n < 0 ? `-${text}` : text;
}
