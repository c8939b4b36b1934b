// What kind of value a column holds, from its first cells: the evidence header matching
// (headers.ts) weighs. Kept apart from it so that reading headers alone (the CLI's inspect, the
// record-type guess) loads no phone or date rules.
import type { CellValue } from './types';
import type { ValueKind } from './headerWords';
import { cellToText, isBlank } from './text';
import { isValidTcKimlik } from './tckimlik';
import { normalizeTurkishMobile } from './phone';
import { parseDate } from './dates';
import { isValidEmail } from './email';
import { parseMoney } from './money';

// A column shows a kind of value when this share of its non-blank sample cells is of that kind.
const EVIDENCE_SHARE = 0.8;
const EVIDENCE_CELLS = 50;

const asText = (v: CellValue) => (typeof v === 'string' ? v.trim() : cellToText(v));

/** The kind of value most of a column's cells hold; null when none does (or the column is empty). */
export function columnValueKind(values: readonly CellValue[]): ValueKind | null {
  const cells: CellValue[] = [];
  for (const v of values) {
    if (!isBlank(v)) cells.push(v);
    if (cells.length >= EVIDENCE_CELLS) break;
  }
  if (cells.length === 0) return null;
  const share = (test: (v: CellValue) => boolean) => cells.filter(test).length / cells.length >= EVIDENCE_SHARE;
  if (share((v) => isValidTcKimlik(asText(v)))) return 'nationalId';
  if (share((v) => normalizeTurkishMobile(asText(v)) !== null)) return 'phone';
  if (share((v) => v instanceof Date || (typeof v === 'string' && parseDate(v) !== null))) return 'date';
  if (share((v) => typeof v === 'string' && isValidEmail(v.trim()))) return 'email';
  if (share((v) => typeof v === 'number' || (typeof v === 'string' && parseMoney(v, 'tr') !== null))) return 'number';
  return null;
}

/** columnValueKind for each of `columns` columns of these rows. */
export function columnValueKinds(columns: number, rows: readonly (readonly CellValue[])[]): (ValueKind | null)[] {
  return Array.from({ length: columns }, (_, c) => columnValueKind(rows.map((r) => r[c])));
}
