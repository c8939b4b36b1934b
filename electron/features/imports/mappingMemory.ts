// Remembers mappings the user confirmed, so the same spreadsheet layout maps itself next time.
// Keyed by collection and the set of folded headers (column order and spelling of case or
// diacritics do not matter); the mapping is stored per folded header for the same reason.
import { join } from 'node:path';
import { foldTr, getField, type CollectionName } from '../../../shared/domain';
import { readJson, writeJsonAtomic } from '../../core/storage/atomicFile';
import type { ColumnSuggestion } from './checking/mapping';

const FILE_NAME = 'mapping-memory.json';
/** Oldest entries are forgotten beyond this many layouts. */
const MAX_ENTRIES = 200;

interface Entry {
  key: string;
  /** folded header → field key (null = the user chose not to import that column) */
  fields: Record<string, string | null>;
  savedAt: number;
}

const fold = (header: string) => foldTr(header);

export function layoutKey(collection: CollectionName, headers: string[]): string {
  return `${collection}|${[...new Set(headers.map(fold))].sort().join('|')}`;
}

export class MappingMemory {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, FILE_NAME);
  }

  private load(): Entry[] {
    const data = readJson(this.file);
    return Array.isArray(data) ? (data as Entry[]) : [];
  }

  /** The remembered mapping for these headers (by column index), or undefined. */
  recall(collection: CollectionName, headers: string[]): (string | null)[] | undefined {
    const key = layoutKey(collection, headers);
    const entry = this.load().find((e) => e.key === key);
    if (!entry) return undefined;
    // Fields removed from the spec since the mapping was saved are dropped.
    return headers.map((h) => {
      const field = entry.fields[fold(h)] ?? null;
      return field !== null && getField(collection, field) ? field : null;
    });
  }

  remember(collection: CollectionName, headers: string[], mapping: (string | null)[]): void {
    const key = layoutKey(collection, headers);
    const fields: Record<string, string | null> = {};
    headers.forEach((h, i) => (fields[fold(h)] = mapping[i] ?? null));
    const rest = this.load().filter((e) => e.key !== key);
    const entries = [{ key, fields, savedAt: Date.now() }, ...rest].slice(0, MAX_ENTRIES);
    writeJsonAtomic(this.file, entries);
  }
}

/** Header-based suggestions with a remembered mapping laid over them (remembered wins). */
export function applyMemory(suggestions: ColumnSuggestion[], remembered: (string | null)[] | undefined): ColumnSuggestion[] {
  if (!remembered) return suggestions;
  return suggestions.map((s, i) => {
    const field = remembered[i] ?? null;
    return field === null
      ? { ...s, field: null, confidence: 1, reason: null, source: 'memory' as const }
      : { ...s, field, confidence: 1, reason: null, source: 'memory' as const };
  });
}
