// The value limits a real backend enforces and convex-test does not: every value a function takes
// or returns is built as a ConvexValue (convex-backend crates/value: array.rs refuses more than
// 8,192 elements, object.rs more than 1,024 fields, size.rs nesting deeper than 64), and every
// document written to a user table is checked again (crates/common/src/document.rs: 1 MiB with
// its system fields, nested at most 16 levels; crates/database/src/transaction.rs
// apply_validated_write). Without these a function could pass here and fail on a real deployment.
import type { Value } from 'convex/values';

export const MAX_ARRAY_LEN = 8192;
export const MAX_OBJECT_FIELDS = 1024;
export const MAX_VALUE_NESTING = 64;
export const MAX_DOCUMENT_BYTES = 1 << 20;
export const MAX_DOCUMENT_NESTING = 16;

const mib = (bytes: number) => `${(bytes / MAX_DOCUMENT_BYTES).toFixed(2)} MiB`;

/**
 * Size (convex/src/values/size.ts: the backend's own measure) and nesting of `value`; throws the
 * backend's message for an array or object over its count.
 */
function measure(value: Value | undefined): { size: number; nesting: number } {
  if (value === undefined) return { size: 0, nesting: 0 };
  if (value === null || typeof value === 'boolean') return { size: 1, nesting: 0 };
  if (typeof value === 'number' || typeof value === 'bigint') return { size: 9, nesting: 0 };
  if (typeof value === 'string') return { size: 2 + Buffer.byteLength(value, 'utf8'), nesting: 0 };
  if (value instanceof ArrayBuffer) return { size: 2 + value.byteLength, nesting: 0 };
  let size = 2;
  let nesting = 0;
  if (Array.isArray(value)) {
    if (value.length > MAX_ARRAY_LEN) throw new Error(`Array length is too long (${value.length} > maximum length ${MAX_ARRAY_LEN})`);
    for (const item of value) {
      const m = measure(item);
      size += m.size;
      nesting = Math.max(nesting, m.nesting);
    }
    return { size, nesting: nesting + 1 };
  }
  if (typeof value !== 'object') return { size: 0, nesting: 0 };
  let fields = 0;
  for (const [name, item] of Object.entries(value as Record<string, Value | undefined>)) {
    // The wire never carries an undefined field (convexToJson drops it).
    if (item === undefined) continue;
    fields++;
    const m = measure(item);
    size += Buffer.byteLength(name, 'utf8') + 1 + m.size;
    nesting = Math.max(nesting, m.nesting);
  }
  if (fields > MAX_OBJECT_FIELDS) throw new Error(`Object has too many fields (${fields} > maximum number ${MAX_OBJECT_FIELDS})`);
  return { size, nesting: nesting + 1 };
}

/** A function's arguments or result. */
export function checkValue(value: Value | undefined): void {
  const { nesting } = measure(value);
  if (nesting > MAX_VALUE_NESTING) throw new Error(`Value is too nested (nested ${nesting} levels deep > maximum nesting ${MAX_VALUE_NESTING})`);
}

/** A document about to be written to a user table (system fields included). */
export function checkDocument(table: string, doc: Record<string, Value | undefined>): void {
  const { size, nesting } = measure(doc);
  if (size > MAX_DOCUMENT_BYTES) throw new Error(`Value is too large (${mib(size)} > maximum size 1 MiB): a document of ${table}`);
  if (nesting > MAX_DOCUMENT_NESTING) throw new Error(`Document is too nested (nested ${nesting} levels deep > maximum nesting ${MAX_DOCUMENT_NESTING})`);
}
