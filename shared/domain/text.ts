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

/** foldTr without spaces: "Adı Soyadı", "AdıSoyadı" and "adi_soyadi" compare equal. */
export function foldCompact(s: string): string {
  return foldTr(s).replace(/ /g, '');
}

/** Null, undefined, NaN and whitespace-only strings are "missing" cells. */
export function isBlank(v: CellValue): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
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
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Multi-line text: NFC, line ends unified, trailing spaces per line and outer blank space removed. */
export function normalizeMultiline(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+$/u, ''))
    .join('\n')
    .trim();
}

/** Length in Unicode code points, so an emoji or a combining-free Turkish letter counts once. */
export function textLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
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
