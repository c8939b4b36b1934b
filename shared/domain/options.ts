// Matching a cell against a field's enum options.
import type { FieldSpec } from './types';
import { normalizeCurrency } from './money';
import { foldCompact, memoByString } from './text';

// Folding is costly (Turkish lower-casing, NFD) and a column repeats a handful of spellings, so per
// field: every option spelling folded once, and the answers for raw cells already seen.
interface FieldIndex {
  byFolded: Map<string, string>;
  /** The answer for a raw cell (memoByString). */
  match: (raw: string) => string | null;
}
const indexes = new WeakMap<FieldSpec, FieldIndex>();
const MAX_RAW = 2048;

function indexOf(field: FieldSpec): FieldIndex {
  let index = indexes.get(field);
  if (!index) {
    const byFolded = new Map<string, string>();
    // First option (and first spelling) wins, as the linear scan did.
    for (const o of field.options ?? []) {
      for (const s of [o.value, o.label.tr, o.label.en, ...(o.aliases ?? [])]) {
        const k = foldCompact(s);
        if (!byFolded.has(k)) byFolded.set(k, o.value);
      }
    }
    const made: FieldIndex = { byFolded, match: memoByString((raw) => matchUncached(field, made, raw), MAX_RAW) };
    indexes.set(field, made);
    index = made;
  }
  return index;
}

function matchUncached(field: FieldSpec, index: FieldIndex, raw: string): string | null {
  const options = field.options ?? [];
  if (field.type === 'currency') {
    const code = normalizeCurrency(raw);
    if (code && (options.length === 0 || options.some((o) => o.value === code))) return code;
  }
  const key = foldCompact(raw);
  if (!key) return null;
  return index.byFolded.get(key) ?? null;
}

/** Enum cell → option value, by value, Turkish or English label or alias, ignoring case/diacritics. */
export function matchOption(field: FieldSpec, raw: string): string | null {
  if (typeof raw !== 'string') return null;
  return indexOf(field).match(raw);
}
