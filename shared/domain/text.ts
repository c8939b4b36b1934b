// Text helpers shared by header matching, option matching and record parsing.
import type { CellValue } from './types';

// Letters NFD does not decompose; everything else loses its accent through NFD below.
const UNDECOMPOSED: Record<string, string> = { ı: 'i', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss' };

// Currency units that staff append to headers ("Aylık Gelir TL"); dropped when other words remain.
const UNIT_WORDS = new Set(['tl', 'try', 'ytl']);

/**
 * Fold a header or label for comparison: Turkish lower-casing (İ→i, I→ı), diacritics removed
 * (ı→i too), dots/apostrophes/hyphens dropped so "T.C." equals "TC", other punctuation turned into
 * spaces, a trailing unit such as "(TL)" dropped, whitespace collapsed.
 */
export function foldTr(s: string): string {
  return foldTrCached(s);
}

function foldTrUncached(s: string): string {
  // Without Intl, 'İ'.toLowerCase() gives i + U+0307; the combining-mark strip below repairs that.
  let t = s.normalize('NFC').toLocaleLowerCase('tr-TR');
  const unitless = t.replace(/(\s*(\([^()]*\)|\[[^[\]]*\]))+\s*$/u, '');
  if (/[\p{L}\p{N}]/u.test(unitless)) t = unitless;
  t = t.normalize('NFD').replace(/\p{M}/gu, '');
  t = t.replace(/[ıøæœß]/g, (c) => UNDECOMPOSED[c] ?? c);
  t = t.replace(/[.'’`´\-‐–]/g, '');
  t = t.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const words = t.split(' ');
  if (words.length > 1 && UNIT_WORDS.has(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
}

// Header suggestion folds every header against every alias; the same few hundred strings recur.
const foldTrCached = memoByString(foldTrUncached);

/**
 * foldTr(s)'s words (none when it folds to nothing). Text of ASCII letters, digits and
 * punctuation and Turkish letters (nearly every name and label in a file) is folded here in one
 * pass, without foldTr's Unicode passes: a checked file folds a cell of every row (its names,
 * the first text for notDataKind); anything else goes through foldTr. The array is shared with
 * the next call for the same text: not to be changed.
 */
export function foldedWords(s: string): readonly string[] {
  // The same cell is often folded twice in a row (a name opens the row and is the name key).
  if (s !== lastFolded.text) lastFolded = { text: s, words: plainFoldedWords(s) ?? foldTr(s).split(' ').filter((w) => w !== '') };
  return lastFolded.words;
}

let lastFolded: { text: string | undefined; words: readonly string[] } = { text: undefined, words: [] };

// Per code unit below U+0180, what plain folding makes of it: the letter or digit it becomes,
// or one of these. Dots, apostrophes and hyphens are dropped; other printable ASCII separates
// words; brackets (they may hold a unit foldTr drops), control characters and other letters need
// foldTr's rules.
const DROP = -1;
const SEPARATE = -2;
const NOT_PLAIN = -3;
const PLAIN_FOLD = new Int16Array(0x180).fill(NOT_PLAIN);
for (let c = 32; c < 127; c++) PLAIN_FOLD[c] = c === 40 || c === 41 || c === 91 || c === 93 ? NOT_PLAIN : SEPARATE;
for (let c = 48; c <= 57; c++) PLAIN_FOLD[c] = c;
for (let c = 97; c <= 122; c++) PLAIN_FOLD[c] = c;
for (let c = 65; c <= 90; c++) PLAIN_FOLD[c] = c + 32;
[...'çÇğĞıIİöÖşŞüÜâÂîÎûÛ'].forEach((ch, i) => (PLAIN_FOLD[ch.charCodeAt(0)] = 'ccggiiioossuuaaiiuu'.charCodeAt(i)));
for (const ch of ".'`´-") PLAIN_FOLD[ch.charCodeAt(0)] = DROP;
/** The dropped characters beyond U+0180: ’ ‐ –. */
const isDroppedHigh = (c: number): boolean => c === 0x2019 || c === 0x2010 || c === 0x2013;

/** foldTr's words for text of ASCII letters, digits and punctuation and Turkish letters; null for anything else. */
function plainFoldedWords(s: string): string[] | null {
  const count = foldPlain(s);
  if (count < 0) return null;
  const words: string[] = [];
  const { codes, bounds } = FOLDED;
  for (let w = 0; w < count; w++) words.push(String.fromCharCode(...codes.subarray(bounds[w], bounds[w + 1])));
  return words;
}

/**
 * The last plain fold (foldPlain) as code units: the words' letters and digits back to back in
 * `codes` (all ASCII), word w being codes[bounds[w]] up to bounds[w + 1] (bounds[0] is 0). Read
 * it straight after the call: the next fold writes over it.
 */
export const FOLDED = { text: undefined as string | undefined, count: -1, codes: new Uint8Array(64), bounds: new Int32Array(32) };

const UNIT_CODES = [...UNIT_WORDS].map((w) => [...w].map((ch) => ch.charCodeAt(0)));

/**
 * foldedWords(s) for plain text, written as code units into FOLDED rather than made strings: the
 * check folds a name in every row only to compare and hash its words. Returns the word count,
 * or -1 when `s` is not plain (foldedWords then takes foldTr's way).
 */
export function foldPlain(s: string): number {
  if (s === FOLDED.text) return FOLDED.count;
  if (s.length > FOLDED.codes.length) FOLDED.codes = new Uint8Array(s.length * 2);
  if (s.length + 1 >= FOLDED.bounds.length) FOLDED.bounds = new Int32Array(s.length + 2);
  const { codes, bounds } = FOLDED;
  let n = 0;
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const f = c < 0x180 ? (PLAIN_FOLD[c] as number) : isDroppedHigh(c) ? DROP : NOT_PLAIN;
    if (f >= 0) codes[n++] = f;
    else if (f === SEPARATE) {
      if (n > (bounds[count] as number)) bounds[++count] = n;
    } else if (f === NOT_PLAIN) {
      FOLDED.text = s;
      FOLDED.count = -1;
      return -1;
    }
  }
  if (n > (bounds[count] as number)) bounds[++count] = n;
  if (count > 1 && isUnitWord(codes, bounds[count - 1] as number, bounds[count] as number)) count--;
  FOLDED.text = s;
  FOLDED.count = count;
  return count;
}

function isUnitWord(codes: Uint8Array, start: number, end: number): boolean {
  return UNIT_CODES.some((w) => w.length === end - start && w.every((c, k) => codes[start + k] === c));
}

/** foldTr without spaces: "Adı Soyadı", "AdıSoyadı" and "adi_soyadi" compare equal. */
export function foldCompact(s: string): string {
  return foldTr(s).replace(/ /g, '');
}

/**
 * Memo of a pure string function for values that repeat down a column (cities, enum labels):
 * cleared when it grows past `limit`, so a column of unique junk cannot hold memory. In front of
 * the map, a table of the last text seen at a slot picked from its length and end characters: a
 * cell is a new string in every row, and comparing it with the one there costs less than hashing
 * it for the map (the hashing and lookups of a row's city and two enum cells were ~3 % of
 * checking it).
 */
export function memoByString<T>(fn: (s: string) => T, limit = 2048): (s: string) => T {
  // A power of two (the slot is masked); a constant here, as memos are made while the module loads.
  const RECENT_SLOTS = 256;
  let cache = new Map<string, T>();
  const recentKeys: (string | undefined)[] = new Array(RECENT_SLOTS).fill(undefined);
  const recentValues: T[] = new Array(RECENT_SLOTS);
  return (s: string): T => {
    const n = s.length;
    const slot = (n * 31 + s.charCodeAt(0) * 7 + s.charCodeAt(n - 1)) & (RECENT_SLOTS - 1);
    if (recentKeys[slot] === s) return recentValues[slot] as T;
    let value = cache.get(s);
    if (value === undefined && !cache.has(s)) {
      value = fn(s);
      if (cache.size >= limit) cache = new Map();
      cache.set(s, value);
    }
    recentKeys[slot] = s;
    recentValues[slot] = value as T;
    return value as T;
  };
}

// Below U+0300 every code point is NFC-stable and none is a combining mark, so NFC is identity.
const FIRST_NON_TRIVIAL_NFC = 0x300;

/** True when s has only characters below U+0300 and none of the whitespace \s matches except ' '. */
function plainSingleSpaced(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  if (s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32) return false;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= FIRST_NON_TRIVIAL_NFC || (c >= 9 && c <= 13) || c === 0xa0) return false;
    if (c === 32) {
      if (prevSpace) return false;
      prevSpace = true;
    } else prevSpace = false;
  }
  return true;
}

/**
 * True for characters that trim() never removes: the cheap ranges below U+1680 that hold printable
 * ASCII and Latin letters (Turkish included), not the whole complement of whitespace.
 */
function surelyNotSpace(c: number): boolean {
  return (c > 32 && c < 0xa0) || (c > 0xa0 && c < 0x1680);
}

/** s.trim(), without calling it when both end characters surely stay (nearly every cell). */
export function trimmed(s: string): string {
  return surelyNotSpace(s.charCodeAt(0)) && surelyNotSpace(s.charCodeAt(s.length - 1)) ? s : s.trim();
}

/** Null, undefined, NaN and whitespace-only strings are "missing" cells. */
export function isBlank(v: CellValue): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') {
    // A first character that is not whitespace settles it without trimming.
    if (surelyNotSpace(v.charCodeAt(0))) return false;
    return v.trim() === '';
  }
  if (typeof v === 'number') return Number.isNaN(v);
  return false;
}

/** A cell as text: XLSX numbers without exponent, dates as ISO yyyy-mm-dd (UTC parts). */
export function cellToText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Number.isNaN(v.getTime())) return '';
  return v.toISOString().slice(0, 10);
}

/** Single-line text: NFC, trimmed, inner whitespace collapsed to one space. */
export function normalizeLine(s: string): string {
  if (plainSingleSpaced(s)) return s; // most cells: nothing to change, no allocation
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Multi-line text: NFC, line ends unified, trailing spaces per line and outer blank space removed. */
export function normalizeMultiline(s: string): string {
  // One line with no edge space and no special whitespace comes out unchanged.
  if (plainOneLine(s)) return s;
  return s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+$/u, ''))
    .join('\n')
    .trim();
}

/** One line below U+0300 without \t\v\f\r\n or no-break space, not starting or ending with a space. */
function plainOneLine(s: string): boolean {
  const n = s.length;
  if (n === 0 || s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32) return n === 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= FIRST_NON_TRIVIAL_NFC || (c >= 9 && c <= 13) || c === 0xa0) return false;
  }
  return true;
}

/** Length in Unicode code points, so an emoji or a combining-free Turkish letter counts once. */
export function textLength(s: string): number {
  // A surrogate pair is one code point; a lone surrogate counts as one, as for..of does.
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
