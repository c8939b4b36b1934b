// Money and numbers as staff type them. Money becomes integer minor units (kuruş, cents).
import type { CellValue, NumberStyle } from './types';
import { foldTr } from './text';

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

/** Digits with separators → sign, integer digits and fraction digits; null when malformed. */
function parseDecimalText(text: string, style: NumberStyle): Decimal | null {
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
  if (typeof v === 'number') {
    const minor = numberToMinor(v);
    return minor === null ? null : { minor, currency: null };
  }
  if (typeof v !== 'string') return null;
  let s = v.trim();
  let currency: string | null = null;
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
  const d = parseDecimalText(s, style);
  const minor = d && toMinor(d);
  return minor === null || minor === undefined ? null : { minor, currency };
}

/** '1.234,56', '1,234.56', '₺ 1.250,50', '1250 TL', 12.5 … → integer minor units; null if malformed. */
export function parseMoney(v: CellValue, style: NumberStyle): number | null {
  return parseMoneyWithCurrency(v, style)?.minor ?? null;
}

/** A whole number, with thousands separators allowed ('1.234' in tr style); null otherwise. */
export function parseInteger(v: CellValue, style: NumberStyle): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : null;
  if (typeof v !== 'string') return null;
  const d = parseDecimalText(v.trim(), style);
  if (!d || !/^0*$/.test(d.frac)) return null;
  const n = Number(d.int);
  if (!Number.isSafeInteger(n)) return null;
  return d.negative && n !== 0 ? -n : n;
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
