// Turkish mobile numbers: libphonenumber's verdict (phoneParse.ts), memoised.
// The mobile entry's CommonJS build has no Metadata class (the Electron bundle and check workers
// load it that way); core's has, in both module systems.
import { Metadata } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/mobile/metadata';
import { parseWithLibphonenumber } from './phoneParse';
import { trimmed } from './text';

// libphonenumber costs ~10 µs a number, so its verdict is memoised. Only three plain spellings
// are memoised, each naming a 10-digit national number N starting with 5: "0N", "N" and "+90N",
// with spaces, dashes, dots or parentheses between digits. The verdict is always libphonenumber's
// (for the first number with a given key); what the key keeps of N comes from libphonenumber's
// own TR mobile pattern: its branches end in at least four free digits (\d{4}, \d{7}), so at
// most the first six digits decide, and for most 3-digit prefixes (532…) the first three do.
// A prefix whose probes show otherwise is not memoised at all. phone.test.ts compares the memo
// with libphonenumber over many numbers.
const MAX_VERDICTS = 10_000;
/** Verdicts where six digits decide, by spelling and those digits. */
let verdicts = new Map<number, boolean>();
/** Verdicts where three digits decide, at spelling × 1000 + those digits: 0 unknown, 1 no, 2 yes (a table, as the ~3,000 keys are few). */
const byPrefix = new Uint8Array(4000);

/** Per 3-digit prefix: how many leading digits decide (3 or 6), 0 = do not memoise, -1 = not probed yet. */
const decidingDigits = new Int8Array(1000).fill(-1);
let mobilePattern: RegExp | null | undefined;

function mobileRegExp(): RegExp | null {
  if (mobilePattern === undefined) {
    try {
      // The class takes the metadata at run time; the mobile build's typings leave that out.
      const MetadataClass = Metadata as unknown as new (json: unknown) => {
        selectNumberingPlan(country: string): void;
        numberingPlan?: { type(t: string): { pattern(): string } | undefined };
      };
      const m = new MetadataClass(metadata);
      m.selectNumberingPlan('TR');
      const source = m.numberingPlan?.type('MOBILE')?.pattern();
      mobilePattern = source ? new RegExp(`^(?:${source})$`) : null;
    } catch {
      mobilePattern = null;
    }
  }
  return mobilePattern;
}

/** Probes the pattern over digits 4–6 and three different tails of a prefix (3,000 regex tests). */
function decidingDigitsOf(prefix3: number): number {
  let known = decidingDigits[prefix3] as number;
  if (known >= 0) return known;
  const re = mobileRegExp();
  known = 0;
  if (re) {
    let first: boolean | undefined;
    let uniform = true;
    let tailsFree = true;
    for (let mid = 0; mid < 1000 && tailsFree; mid++) {
      const head = `${prefix3}${String(mid).padStart(3, '0')}`;
      const v = re.test(`${head}0000`);
      if (re.test(`${head}5555`) !== v || re.test(`${head}9999`) !== v) tailsFree = false;
      if (first === undefined) first = v;
      else if (v !== first) uniform = false;
    }
    if (tailsFree) known = uniform ? 3 : 6;
  }
  decidingDigits[prefix3] = known;
  return known;
}

// Spellings: 1 = "0N", 2 = "N", 3 = "+90N"; 0 = anything else.
let nationalNumber = 0;

/** The spelling of `text` (0 when not plain); sets nationalNumber to N for a plain one. */
function plainShape(text: string): number {
  let digits = 0;
  let value = 0;
  let first = -1;
  let second = -1;
  let plus = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 0) first = c - 48;
      else if (digits === 1) second = c - 48;
      if (++digits > 12) return 0;
      value = value * 10 + (c - 48);
    } else if (c === 43 /* + */ && i === 0) plus = true;
    else if (c !== 32 && c !== 45 /* - */ && c !== 46 /* . */ && c !== 40 /* ( */ && c !== 41 /* ) */) return 0;
  }
  if (plus) {
    if (digits !== 12 || first !== 9 || second !== 0) return 0;
    nationalNumber = value - 900_000_000_000;
    return nationalNumber >= 5_000_000_000 && nationalNumber < 6_000_000_000 ? 3 : 0;
  }
  nationalNumber = value;
  if (digits === 11 && first === 0 && second === 5) return 1;
  if (digits === 10 && first === 5) return 2;
  return 0;
}

// Integer division of small integers (below 2^31): cheaper than Math.floor on doubles.
const digitCode = (x: number, unit: number): number => 48 + (((x / unit) | 0) % 10);

/**
 * `+90${n}` for a 10-digit national number n, from its digits: turning a number this large
 * (beyond small integers) into text costs more than the rest of the memoised path.
 */
function e164Of(n: number): string {
  const hi = (n / 100_000) | 0;
  const lo = n - hi * 100_000;
  return String.fromCharCode(
    43, 57, 48, // +90
    digitCode(hi, 10_000), digitCode(hi, 1000), digitCode(hi, 100), digitCode(hi, 10), digitCode(hi, 1),
    digitCode(lo, 10_000), digitCode(lo, 1000), digitCode(lo, 100), digitCode(lo, 10), digitCode(lo, 1),
  );
}

/** Any common spelling of a Turkish mobile number → '+905XXXXXXXXX'; null for anything else. */
export function normalizeTurkishMobile(s: string): string | null {
  if (typeof s !== 'string') return null;
  const text = trimmed(s);
  if (text === '' || text.length > 40) return null;
  const shape = plainShape(text);
  if (shape === 0) return parseWithLibphonenumber(text);
  const n = nationalNumber;
  const prefix3 = Math.floor(n / 10_000_000);
  const digits = decidingDigitsOf(prefix3);
  if (digits === 0) return parseWithLibphonenumber(text);
  if (digits === 3) {
    const at = shape * 1000 + prefix3;
    const known = byPrefix[at] as number;
    if (known !== 0) return known === 2 ? e164Of(n) : null;
    const result = parseWithLibphonenumber(text);
    byPrefix[at] = result === null ? 1 : 2;
    return result;
  }
  const key = shape * 10_000_000 + Math.floor(n / 10_000);
  const known = verdicts.get(key);
  if (known !== undefined) return known ? e164Of(n) : null;
  const result = parseWithLibphonenumber(text);
  if (verdicts.size >= MAX_VERDICTS) verdicts = new Map();
  verdicts.set(key, result !== null);
  return result;
}
