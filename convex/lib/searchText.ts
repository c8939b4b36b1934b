// The text the Records page search matches against. Stored per record (field `searchText`) so a
// single search index covers the name plus the identifying numbers, and folded so that staff can
// type "ayse" or "AYŞE" and still find "Ayşe". The query is folded the same way.
import { MATCH_NAME_FIELD, personNameKey } from '../../shared/domain/personMatch';
import type { CollectionName } from '../../shared/domain/types';

export const SEARCH_FIELDS: Record<CollectionName, readonly string[]> = {
  beneficiaries: ['fullName', 'nationalId', 'phone', 'district'],
  donations: ['donorName', 'receiptNo', 'donorPhone'],
  financeRecords: ['documentNo', 'counterparty', 'description', 'category'],
};

/** Lower-case with Turkish dotted/dotless i folded to plain i, diacritics and punctuation dropped. */
export function foldForSearch(text: string): string {
  return text
    .replace(/İ/g, 'i')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function buildSearchText(
  collection: CollectionName,
  record: Readonly<Record<string, unknown>>,
): string {
  return buildSearchTextOf(record, SEARCH_FIELDS[collection]);
}

/**
 * The fields a record carries derived from its values, written beside them wherever a record is
 * written: the search text, and for beneficiaries and donations the normalised name the import's
 * fallback rules look up (`nameKey`, by_nameKey_* indexes; shared/domain/personMatch).
 */
export function derivedFields(
  collection: CollectionName,
  record: Readonly<Record<string, unknown>>,
): { searchText: string; nameKey?: string } {
  const searchText = buildSearchText(collection, record);
  const nameField = MATCH_NAME_FIELD[collection];
  const name = nameField === undefined ? undefined : record[nameField];
  return typeof name === 'string' ? { searchText, nameKey: personNameKey(name) } : { searchText };
}

/**
 * Whether every search term begins a word of these fields' values: how a search is narrowed to
 * what the caller may see (an observer finds people by name, never by a number they see masked).
 */
export function matchesFields(record: Readonly<Record<string, unknown>>, fields: readonly string[], terms: string): boolean {
  const words = buildSearchTextOf(record, fields).split(' ');
  return terms.split(' ').every((term) => term === '' || words.some((w) => w.startsWith(term)));
}

function buildSearchTextOf(record: Readonly<Record<string, unknown>>, fields: readonly string[]): string {
  const parts: string[] = [];
  for (const key of fields) {
    const value = record[key];
    if (typeof value === 'string' || typeof value === 'number') parts.push(String(value));
  }
  return foldForSearch(parts.join(' '));
}
