// Matching a row that lacks its natural key (a person without a TC Kimlik No, a donation
// without a receipt number) to a stored record by a fallback rule, as CiviCRM's and Salesforce
// NPSP's importers do: beneficiaries by normalised name + birth date or name + phone, donations
// by donor + amount + date within ± N days. The server runs the lookups (convex/lib/importBatch,
// one index range per rule); this module holds what both sides agree on.
import { foldTr } from './text';
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
  return (plainNameWords(name) ?? foldTr(name).split(' ')).filter((w) => w !== '').sort().join(' ');
}

// personNameKey runs for every row of a checked file (possible duplicates), where foldTr's
// normalisations cost as much as parsing the row: names written only in the letters below are
// folded here in one pass, with foldTr's result (records.test compares the two).
const PLAIN_FOLD = new Map([...'çÇğĞıIİöÖşŞüÜâÂîÎûÛ'].map((ch, i) => [ch.charCodeAt(0), 'ccggiiioossuuaaiiuu'[i]!]));
const DROPPED = new Set([...".'’`´-‐–"].map((ch) => ch.charCodeAt(0)));
const UNIT_WORDS = new Set(['tl', 'try', 'ytl']);

/** foldTr(name)'s words for a name of ASCII letters, digits and punctuation and Turkish letters; null for anything else. */
function plainNameWords(name: string): string[] | null {
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) word += name[i];
    else if (c >= 65 && c <= 90 && c !== 73) word += String.fromCharCode(c + 32);
    else if (PLAIN_FOLD.has(c)) word += PLAIN_FOLD.get(c);
    else if (DROPPED.has(c)) continue;
    // Brackets may hold a unit foldTr drops; control characters and other letters need its rules.
    else if (c >= 32 && c < 127 && c !== 40 && c !== 41 && c !== 91 && c !== 93) {
      if (word !== '') words.push(word);
      word = '';
    } else return null;
  }
  if (word !== '') words.push(word);
  if (words.length > 1 && UNIT_WORDS.has(words[words.length - 1] ?? '')) words.pop();
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

/**
 * Per rule of POSSIBLE_DUPLICATE_RULES[collection], the text two rows share when that rule takes
 * them for one person ("ayse yilmaz|1980-03-12"), or undefined when a field is missing or wrong.
 */
export function possibleDuplicateKeys(
  collection: CollectionName,
  record: Readonly<Record<string, StoredValue | undefined>>,
  wrong: (field: string) => boolean,
): (string | undefined)[] {
  const nameField = MATCH_NAME_FIELD[collection];
  let nameKey: string | undefined; // folded once for every rule that has the name
  return (POSSIBLE_DUPLICATE_RULES[collection] ?? []).map((rule) => {
    const parts: string[] = [];
    for (const field of MATCH_RULE_FIELDS[rule]) {
      const v = record[field];
      if (!present(v) || wrong(field)) return undefined;
      parts.push(field === nameField ? (nameKey ??= personNameKey(String(v))) : String(v));
    }
    return parts[0] === '' ? undefined : `${rule}|${parts.join('|')}`;
  });
}

/** ISO date `iso` moved by `days` (UTC calendar days). */
export function shiftIsoDate(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
