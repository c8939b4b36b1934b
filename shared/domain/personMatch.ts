// Matching a row that lacks its natural key (a person without a TC Kimlik No, a donation
// without a receipt number) to a stored record by a fallback rule, as CiviCRM's and Salesforce
// NPSP's importers do: beneficiaries by normalised name + birth date or name + phone, donations
// by donor + amount + date within ± N days. The server runs the lookups (convex/lib/importBatch,
// one index range per rule); this module holds what both sides agree on.
import { FOLDED, foldPlain, foldedWords } from './text';
import type { CollectionName, StoredValue } from './types';

/** How a keyless row found its record (the dry run says it). */
export const MATCH_RULES = ['nameBirthDate', 'namePhone', 'donorAmountDate'] as const;
export type MatchRule = (typeof MATCH_RULES)[number];

/** The name field whose normalised key (stored as `nameKey`) the fallback rules look up. */
export const MATCH_NAME_FIELD: Partial<Record<CollectionName, string>> = { beneficiaries: 'fullName', donations: 'donorName' };

/** Most days either side a keyless donation's date may be from its stored record's. */
export const MAX_MATCH_DAYS = 31;

/**
 * A person's name as the fallback rules compare it: Turkish folding (İ/ı/ş/ğ…), punctuation
 * dropped, words sorted, so "AYŞE YILMAZ", "Ayse Yilmaz" and "Yılmaz, Ayşe" are one key.
 */
export function personNameKey(name: string): string {
  return personNameWords(name).join(' ');
}

/** personNameKey's words, in its order (the check hashes them for every row of a file, unjoined); not to be changed. */
export function personNameWords(name: string): readonly string[] {
  const folded = foldedWords(name);
  let i = 1;
  while (i < folded.length && (folded[i - 1] as string) <= (folded[i] as string)) i++;
  if (i >= folded.length) return folded;
  // Sorted as sort() would (by code units), on a copy (the folded words are shared): a name has
  // two or three words, for which calling sort() costs more than the sorting.
  const words = folded.slice();
  for (; i < words.length; i++) {
    const w = words[i] as string;
    let j = i;
    for (; j > 0 && (words[j - 1] as string) > w; j--) words[j] = words[j - 1] as string;
    words[j] = w;
  }
  return words;
}

/** The fields each fallback rule compares. */
export const MATCH_RULE_FIELDS: Readonly<Record<MatchRule, readonly string[]>> = {
  nameBirthDate: ['fullName', 'birthDate'],
  namePhone: ['fullName', 'phone'],
  donorAmountDate: ['donorName', 'amount', 'date'],
};

/** The fallback rules of each collection that has some, in the order the server tries them. */
export const MATCH_RULES_OF: Partial<Record<CollectionName, readonly MatchRule[]>> = {
  beneficiaries: ['nameBirthDate', 'namePhone'],
  donations: ['donorAmountDate'],
};

/** The collection's fallback rules whose every field `has` (a row's values, or a mapping's fields). */
export function usableMatchRules(collection: CollectionName, has: (field: string) => boolean): MatchRule[] {
  return (MATCH_RULES_OF[collection] ?? []).filter((rule) => MATCH_RULE_FIELDS[rule].every(has));
}

const present = (v: StoredValue | undefined): boolean => v !== undefined && v !== '';

/**
 * Whether a row without its natural key has what a fallback rule needs (so its missing key is
 * not an error until the lookup has found no record).
 */
export function canMatchWithoutKey(collection: CollectionName, record: Readonly<Record<string, StoredValue | undefined>>): boolean {
  return usableMatchRules(collection, (field) => present(record[field])).length > 0;
}

/**
 * Rows of one file that may be the same person under another spelling (issue #23 item 6): the
 * rules that compare a person's own details, never a donor's gift. A warning, not an error.
 */
export const POSSIBLE_DUPLICATE_RULES: Partial<Record<CollectionName, readonly MatchRule[]>> = {
  beneficiaries: ['nameBirthDate', 'namePhone'],
};

/** ISO date `iso` moved by `days` (UTC calendar days). */
export function shiftIsoDate(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The word order plainPersonNameOrder found: word numbers of FOLDED, personNameWords' order. */
export const NAME_ORDER = { words: new Int32Array(16) };

/**
 * personNameWords without making strings, for plain text (foldPlain): the word count, the words
 * being FOLDED's, in the order NAME_ORDER.words gives (the check hashes every row's name this
 * way); -1 when the name is not plain text. Read straight after the call, as FOLDED.
 */
export function plainPersonNameOrder(name: string): number {
  const count = foldPlain(name);
  if (count < 0) return -1;
  if (count > NAME_ORDER.words.length) NAME_ORDER.words = new Int32Array(count);
  const order = NAME_ORDER.words;
  // Insertion sort by code units, as sort() orders the words: a name has two or three.
  for (let i = 0; i < count; i++) {
    let j = i;
    for (; j > 0 && foldedWordAfter(order[j - 1] as number, i); j--) order[j] = order[j - 1] as number;
    order[j] = i;
  }
  return count;
}

/** Whether FOLDED's word a sorts after its word b. */
function foldedWordAfter(a: number, b: number): boolean {
  const { codes, bounds } = FOLDED;
  const aStart = bounds[a] as number;
  const bStart = bounds[b] as number;
  const aLength = (bounds[a + 1] as number) - aStart;
  const bLength = (bounds[b + 1] as number) - bStart;
  for (let k = 0; k < aLength && k < bLength; k++) {
    const d = (codes[aStart + k] as number) - (codes[bStart + k] as number);
    if (d !== 0) return d > 0;
  }
  return aLength > bLength;
}
