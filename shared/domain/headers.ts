// Suggesting which spreadsheet column feeds which field.
import type { CollectionName } from './types';
import { getSpec } from './collections';
import { foldCompact, foldTr, levenshtein } from './text';

export interface HeaderSuggestion {
  header: string;
  field: string | null;
  /** 1 for an exact (folded) alias match, 0.75..1 for a fuzzy one, 0 when unmatched. */
  confidence: number;
}

export const FUZZY_THRESHOLD = 0.75;
// Below this many letters one typo changes too much ("Tür" vs "Tur" is fine, "İl" vs "Al" is not).
const MIN_FUZZY_LENGTH = 5;

function similarity(header: string, alias: string): number {
  const a = foldCompact(header);
  const b = foldCompact(alias);
  if (!a || !b) return 0;
  if (a === b) return 1;
  let best = 0;
  if (Math.min(a.length, b.length) >= MIN_FUZZY_LENGTH) {
    best = 1 - levenshtein(a, b) / Math.max(a.length, b.length);
  }
  // Word overlap (Dice) catches extra or reordered words: "Soyadı Adı", "Cep Telefonu No".
  const wa = new Set(foldTr(header).split(' '));
  const wb = new Set(foldTr(alias).split(' '));
  if (wa.size > 1 || wb.size > 1) {
    let common = 0;
    for (const w of wa) if (wb.has(w)) common++;
    best = Math.max(best, (2 * common) / (wa.size + wb.size));
  }
  // A fuzzy match never reads as certain.
  return Math.min(best, 0.99);
}

/**
 * For each header, the field it most likely holds. Every field goes to at most one header: the
 * most confident pairs are taken first, ties go to the leftmost header.
 */
export function suggestMapping(collection: CollectionName, headers: string[]): HeaderSuggestion[] {
  const fields = getSpec(collection).fields;
  const candidates: { h: number; field: string; confidence: number }[] = [];
  headers.forEach((header, h) => {
    if (typeof header !== 'string') return;
    for (const f of fields) {
      let best = 0;
      for (const alias of f.aliases) best = Math.max(best, similarity(header, alias));
      if (best >= FUZZY_THRESHOLD) candidates.push({ h, field: f.key, confidence: best });
    }
  });
  candidates.sort((x, y) => y.confidence - x.confidence || x.h - y.h);
  const result: HeaderSuggestion[] = headers.map((header) => ({ header, field: null, confidence: 0 }));
  const taken = new Set<string>();
  for (const c of candidates) {
    const slot = result[c.h];
    if (!slot || slot.field !== null || taken.has(c.field)) continue;
    slot.field = c.field;
    slot.confidence = Math.round(c.confidence * 1000) / 1000;
    taken.add(c.field);
  }
  return result;
}

/** Required fields (spec order) that no header is mapped to. mapping: header → field key or null. */
export function missingRequiredFields(collection: CollectionName, mapping: Record<string, string | null>): string[] {
  const mapped = new Set(Object.values(mapping).filter((v): v is string => typeof v === 'string'));
  return getSpec(collection)
    .fields.filter((f) => f.required && !mapped.has(f.key))
    .map((f) => f.key);
}
