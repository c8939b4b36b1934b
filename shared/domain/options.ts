// Matching a cell against a field's enum options.
import type { FieldSpec } from './types';
import { normalizeCurrency } from './money';
import { foldCompact } from './text';

/** Enum cell → option value, by value, Turkish or English label or alias, ignoring case/diacritics. */
export function matchOption(field: FieldSpec, raw: string): string | null {
  if (typeof raw !== 'string') return null;
  const options = field.options ?? [];
  if (field.type === 'currency') {
    const code = normalizeCurrency(raw);
    if (code && (options.length === 0 || options.some((o) => o.value === code))) return code;
  }
  const key = foldCompact(raw);
  if (!key) return null;
  for (const o of options) {
    const spellings = [o.value, o.label.tr, o.label.en, ...(o.aliases ?? [])];
    if (spellings.some((s) => foldCompact(s) === key)) return o.value;
  }
  return null;
}
