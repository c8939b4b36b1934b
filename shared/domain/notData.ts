// Rows of an office list that are not records (issue #23): a totals row (TOPLAM, GENEL TOPLAM,
// ARA TOPLAM…, or numbers that are SUM formulas over the rows above, as the workbook reader marks
// them) and the signature footer (Hazırlayan, Onaylayan…). Known from the row itself, so the check,
// the dry run and the run, which each read the file, agree on them without passing a list around;
// the user can still take a row back (the check's overlay keeps it; it is then checked as any row).
import { foldedWords, isBlank } from './text';
import type { CellValue, Localized } from './types';

export type NotDataKind = 'total' | 'footer';

/** Folded words (foldTr) that open a totals row. */
const TOTAL_WORDS = ['toplam', 'genel toplam', 'ara toplam', 'toplamlar', 'yekun', 'total', 'grand total', 'subtotal', 'sub total'];
/** Folded words that open a signature or preparer line under a list. */
const FOOTER_WORDS = ['hazirlayan', 'hazirlayanlar', 'onaylayan', 'duzenleyen', 'kontrol eden', 'tasdik eden', 'imza', 'kase imza', 'prepared by', 'approved by'];

/** The first words of the phrases above: a row whose text opens with none of them is no totals or signature row. */
const OPENING_WORDS = new Set([...TOTAL_WORDS, ...FOOTER_WORDS].map((w) => w.split(' ')[0]));

/** The words of the first non-blank cell that is text, folded; null when the row's first value is no text. */
function firstWords(cells: readonly CellValue[]): readonly string[] | null {
  for (const c of cells) {
    if (c === null || c === undefined || (typeof c === 'string' && isBlank(c))) continue;
    return typeof c === 'string' ? foldedWords(c) : null;
  }
  return null;
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
  const words = firstWords(row.cells);
  // Nearly every row opens with a name: its first word settles it, without joining the rest.
  if (words === null || !OPENING_WORDS.has(words[0] ?? '')) return null;
  const text = words.join(' ');
  if (opensWith(text, TOTAL_WORDS)) return 'total';
  if (opensWith(text, FOOTER_WORDS)) return 'footer';
  return null;
}

export const NOT_DATA_LABELS: Record<NotDataKind, Localized> = {
  total: { tr: 'toplam satırı', en: 'totals row' },
  footer: { tr: 'imza/hazırlayan satırı', en: 'signature line' },
};
