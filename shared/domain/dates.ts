// Calendar dates as ISO 'yyyy-mm-dd'. Invalid dates (31.02.1985) are rejected, never rolled over.
import type { CellValue } from './types';
import { trimmed } from './text';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

/** ISO date from parts, or null when the day does not exist. */
export function isoFromParts(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${y >= 1000 ? String(y) : pad(y, 4)}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`;
}

/** True for a real calendar date written exactly as 'yyyy-mm-dd'. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && isoFromParts(Number(m[1]), Number(m[2]), Number(m[3])) === s;
}

/** Today in the machine's local calendar (staff are in Turkey; Convex runs in UTC). */
export function todayIso(now: Date = new Date()): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const MS_PER_DAY = 86_400_000;
// Excel's day 0 is 1899-12-31, but it counts a 29 Feb 1900 that never was (serial 60), so from
// serial 61 on the effective epoch is 1899-12-30.
const EPOCH_BEFORE_BUG = Date.UTC(1899, 11, 31);
const EPOCH_AFTER_BUG = Date.UTC(1899, 11, 30);
const LAST_SERIAL = 2_958_465; // 9999-12-31

/** Excel 1900-system serial (fraction = time of day, ignored) → ISO date; serial 60 → null. */
export function excelSerialToIso(serial: number): string | null {
  if (typeof serial !== 'number' || !Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  if (day < 1 || day > LAST_SERIAL || day === 60) return null;
  const epoch = day < 60 ? EPOCH_BEFORE_BUG : EPOCH_AFTER_BUG;
  return new Date(epoch + day * MS_PER_DAY).toISOString().slice(0, 10);
}

const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})([./-])(\d{1,2})\2(\d{4})(${TIME})$`);
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([./-])(\d{1,2})\2(\d{1,2})(${TIME})$`);

const digitAt = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
};

/**
 * The common d.M.yyyy / dd.MM.yyyy (also / and -) without a time, read without a regex; undefined
 * when s has another shape, so the general patterns decide.
 */
function plainDayFirst(s: string): string | null | undefined {
  const n = s.length;
  if (n < 8 || n > 10) return undefined;
  let i = 0;
  let day = digitAt(s, i++);
  if (day < 0) return undefined;
  let d = digitAt(s, i);
  if (d >= 0) {
    day = day * 10 + d;
    i++;
  }
  const sep = s.charCodeAt(i++);
  if (sep !== 46 && sep !== 47 && sep !== 45) return undefined; // . / -
  let month = digitAt(s, i++);
  if (month < 0) return undefined;
  d = digitAt(s, i);
  if (d >= 0) {
    month = month * 10 + d;
    i++;
  }
  if (s.charCodeAt(i++) !== sep || n - i !== 4) return undefined;
  let year = 0;
  for (; i < n; i++) {
    d = digitAt(s, i);
    if (d < 0) return undefined;
    year = year * 10 + d;
  }
  return isoFromParts(year, month, day);
}

/**
 * A date cell → 'yyyy-mm-dd'. Text: d.M.yyyy, dd.MM.yyyy, dd/MM/yyyy, dd-MM-yyyy, yyyy-MM-dd
 * (an optional time of day is dropped); Date objects by their UTC parts (XLSX readers hand out UTC
 * midnight); numbers as Excel serials. With dateOnly, values carrying a time of day are refused.
 */
export function parseDate(v: CellValue, opts: { dateOnly?: boolean } = {}): string | null {
  if (v instanceof Date) {
    const t = v.getTime();
    if (Number.isNaN(t)) return null;
    if (opts.dateOnly && t % MS_PER_DAY !== 0) return null;
    return isoFromParts(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  }
  if (typeof v === 'number') {
    if (opts.dateOnly && !Number.isInteger(v)) return null;
    return excelSerialToIso(v);
  }
  if (typeof v !== 'string') return null;
  const s = trimmed(v);
  const plain = plainDayFirst(s);
  if (plain !== undefined) return plain;
  let m = DAY_FIRST.exec(s);
  if (m) {
    if (opts.dateOnly && m[5]) return null;
    return isoFromParts(Number(m[4]), Number(m[3]), Number(m[1]));
  }
  m = YEAR_FIRST.exec(s);
  if (m) {
    if (opts.dateOnly && m[5]) return null;
    return isoFromParts(Number(m[1]), Number(m[3]), Number(m[4]));
  }
  return null;
}
