// Which row of a sheet holds the headers, and which sheet of a workbook holds the records, when
// the user has not said: office lists put a cover sheet first, and a merged title, a date line
// and blank rows above the headers. The header row is the first row whose cells read as headers
// (two or more, nearly all text) and name the most fields of one record type (shared/domain header
// matching); the sheet is the one whose header row names the most fields. Nothing matching any
// field keeps the old rule: the first non-blank row of the first non-blank sheet.
import { mayNameField, suggestMapping } from '../../../../shared/domain/headers';
import { getSpec } from '../../../../shared/domain/collections';
import { COLLECTIONS } from '../../../../shared/domain/vocabularies';
import type { CollectionName, Localized } from '../../../../shared/domain/types';
import type { CellValue, SourceRow } from './sourceTypes';
import { isBlankSourceRow } from './xlsxRows';

/** Rows looked at for the header: titles and notes above it rarely take more. */
export const HEADER_SCAN_ROWS = 30;
// A row of headers is mostly text; a data row has numbers and dates among its cells.
const MIN_TEXT_SHARE = 0.8;

export interface HeaderChoice {
  rowNumber: number;
  cells: CellValue[];
  /** The record type whose fields the header names most, and how many columns it names. */
  collection: CollectionName | null;
  matched: number;
  /** Non-blank rows above the header (titles, dates, notes). */
  above: number;
}

const nonBlank = (cells: CellValue[]) => cells.filter((c) => c !== null && c !== undefined && !(typeof c === 'string' && c.trim() === ''));

/** Two or more cells, nearly all text: a row that could be headers. */
function headerLike(cells: CellValue[]): boolean {
  const filled = nonBlank(cells);
  if (filled.length < 2) return false;
  return filled.filter((c) => typeof c === 'string').length / filled.length >= MIN_TEXT_SHARE;
}

/** The most fields the row's cells could name (mayNameField). */
function mostNamed(cells: CellValue[]): number {
  let n = 0;
  for (const c of cells) if (typeof c === 'string' && mayNameField(c)) n++;
  return n;
}

/** The record type whose fields these header cells name most, and how many they name. */
export function bestMatch(cells: CellValue[]): { collection: CollectionName | null; matched: number } {
  const headers = cells.map((c) => (typeof c === 'string' ? c : ''));
  let best: { collection: CollectionName | null; matched: number } = { collection: null, matched: 0 };
  for (const c of COLLECTIONS) {
    const matched = suggestMapping(c, headers).filter((s) => s.field !== null).length;
    if (matched > best.matched) best = { collection: c, matched };
  }
  return best;
}

/**
 * The header row among a sheet's first rows (blank rows included or not); null when all are blank.
 * A later row wins over the first header-like one only by naming more fields; when no row names
 * a field, the first non-blank row is the header, as it always was.
 */
export function chooseHeaderRow(rows: readonly SourceRow[]): HeaderChoice | null {
  const filled = rows.filter((r) => !isBlankSourceRow(r));
  const first = filled[0];
  if (!first) return null;
  let best: HeaderChoice | null = null;
  const scanned = filled.slice(0, HEADER_SCAN_ROWS);
  for (let above = 0; above < scanned.length; above++) {
    const row = scanned[above]!;
    if (!headerLike(row.cells)) continue;
    // A row that cannot name more fields than the best so far is not matched at all: in a CSV
    // every cell is text, and matching each data row's names and addresses against every record
    // type's headers took most of the time a big file took to open.
    if (mostNamed(row.cells) <= (best?.matched ?? 0)) continue;
    const m = bestMatch(row.cells);
    if (!best || m.matched > best.matched) best = { rowNumber: row.rowNumber, cells: row.cells, ...m, above };
  }
  if (best && best.matched > 0) return best;
  return { rowNumber: first.rowNumber, cells: first.cells, collection: null, matched: 0, above: 0 };
}

/** Why this header row, in both languages. */
export function headerRowReason(choice: HeaderChoice, given: boolean): Localized {
  const n = choice.rowNumber;
  if (given) return { tr: `Başlık satırı ${n}: siz seçtiniz`, en: `Header row ${n}: chosen by you` };
  if (choice.matched === 0) return { tr: `Başlık satırı ${n}: ilk dolu satır`, en: `Header row ${n}: the first non-blank row` };
  const label = getSpec(choice.collection!).label;
  const above = choice.above > 0
    ? { tr: `; üstündeki ${choice.above} dolu satır başlık ya da not`, en: `; the ${choice.above} non-blank row${choice.above === 1 ? '' : 's'} above ${choice.above === 1 ? 'is a title or note' : 'are titles or notes'}` }
    : { tr: '', en: '' };
  return {
    tr: `Başlık satırı ${n}: ${choice.matched} sütunu ${label.tr} alanlarına uyan satır${above.tr}`,
    en: `Header row ${n}: its ${choice.matched} column${choice.matched === 1 ? '' : 's'} match ${label.en} fields${above.en}`,
  };
}

/** Why this sheet, in both languages; null for a text file. */
export function sheetReason(sheet: string, choice: HeaderChoice, opts: { given: boolean; sheets: number }): Localized {
  if (opts.given) return { tr: `“${sheet}” sayfası: siz seçtiniz`, en: `Sheet “${sheet}”: chosen by you` };
  if (choice.matched === 0 || choice.collection === null) {
    return { tr: `“${sheet}” sayfası: içinde veri olan ilk sayfa`, en: `Sheet “${sheet}”: the first sheet with data` };
  }
  const label = getSpec(choice.collection).label;
  if (opts.sheets === 1) return { tr: `“${sheet}” sayfası: dosyadaki tek sayfa`, en: `Sheet “${sheet}”: the only sheet` };
  return {
    tr: `“${sheet}” sayfası: başlıkları en çok ${label.tr} alanına uyan sayfa (${choice.matched} sütun)`,
    en: `Sheet “${sheet}”: its headers match the most ${label.en} fields (${choice.matched} columns)`,
  };
}
