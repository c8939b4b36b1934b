// Rows of an office list that are not records (issue #23): a totals row (TOPLAM, GENEL TOPLAM,
// ARA TOPLAM…, or numbers that are SUM formulas over the rows above, as the workbook reader marks
// them) and the signature footer (Hazırlayan, Onaylayan…). Known from the row itself, so the check,
// the dry run and the run, which each read the file, agree on them without passing a list around;
// the user can still take a row back (the check's overlay keeps it; it is then checked as any row).
import { FOLDED, foldPlain, foldedWords, isBlank } from './text';
import type { CellValue, Localized } from './types';

export type NotDataKind = 'total' | 'footer';

/** Folded words (foldTr) that open a totals row. */
const TOTAL_WORDS = ['toplam', 'genel toplam', 'ara toplam', 'toplamlar', 'yekun', 'total', 'grand total', 'subtotal', 'sub total'];
/** Folded words that open a signature or preparer line under a list. */
const FOOTER_WORDS = ['hazirlayan', 'hazirlayanlar', 'onaylayan', 'duzenleyen', 'kontrol eden', 'tasdik eden', 'imza', 'kase imza', 'prepared by', 'approved by'];

/** The first words of the phrases above: a row whose text opens with none of them is no totals or signature row. */
const OPENING_WORDS = new Set([...TOTAL_WORDS, ...FOOTER_WORDS].map((w) => w.split(' ')[0] ?? ''));
const OPENING_CODES = [...OPENING_WORDS].map((w) => Uint8Array.from(w, (ch) => ch.charCodeAt(0)));

/** The first non-blank cell, when it is text; null when the row's first value is no text. */
function firstText(cells: readonly CellValue[]): string | null {
  for (const c of cells) {
    if (c === null || c === undefined || (typeof c === 'string' && isBlank(c))) continue;
    return typeof c === 'string' ? c : null;
  }
  return null;
}

/**
 * Whether the text's first folded word is one of OPENING_WORDS. Nearly every row opens with a
 * name that is none: its plain fold (foldPlain) is compared as code units, without making strings.
 */
function opensWithOpeningWord(text: string): boolean {
  const count = foldPlain(text);
  if (count < 0) return OPENING_WORDS.has(foldedWords(text)[0] ?? '');
  if (count === 0) return false;
  const { codes, bounds } = FOLDED;
  const length = bounds[1] as number;
  next: for (const word of OPENING_CODES) {
    if (word.length !== length) continue;
    for (let k = 0; k < length; k++) if (codes[k] !== word[k]) continue next;
    return true;
  }
  return false;
}

/** Whether the folded text is one of the words, or starts with one followed by more words. */
const opensWith = (text: string, words: readonly string[]) => words.some((w) => text === w || text.startsWith(`${w} `));

/** A row as the readers give it; formulaTotals is set by the workbook reader (sheetScanner). */
export interface NotDataRow {
  cells: readonly CellValue[];
  /** Every number in the row is a formula, one of them a SUM (SUBTOTAL, COUNT…) over rows above it. */
  formulaTotals?: boolean;
}

/**
 * 'total' or 'footer' when the row's first value is text opening with a totals or signature word
 * ("TOPLAM", "Genel Toplam:", "Hazırlayan: …"), or its numbers are totals formulas; null for a
 * row that may be a record. A name such as "Toplamoğlu" is not a totals word (whole words only).
 */
export function notDataKind(row: NotDataRow): NotDataKind | null {
  if (row.formulaTotals) return 'total';
  const first = firstText(row.cells);
  if (first === null || !opensWithOpeningWord(first)) return null;
  const text = foldedWords(first).join(' ');
  if (opensWith(text, TOTAL_WORDS)) return 'total';
  if (opensWith(text, FOOTER_WORDS)) return 'footer';
  return null;
}

export const NOT_DATA_LABELS: Record<NotDataKind, Localized> = {
  total: { tr: 'toplam satırı', en: 'totals row' },
  footer: { tr: 'imza/hazırlayan satırı', en: 'signature line' },
};
