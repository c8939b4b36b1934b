// The real backend's value limits, as the rehearsal backend applies them (limits.ts).
import { getConvexSize, type Value } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { checkDocument, checkValue, MAX_DOCUMENT_BYTES } from './limits';

const doc = (fields: Record<string, unknown>) => ({ _id: 'j57a1b2c3d4e5f6g7h8j9k0m1n2p3q4r', _creationTime: 1_765_000_000_000, ...fields });

/** A document of exactly `bytes` as the backend measures it (a Turkish text: 2-byte letters count twice). */
function docOfSize(bytes: number) {
  const base = getConvexSize(doc({ notes: '' }));
  const pad = bytes - base;
  return doc({ notes: 'ş'.repeat(Math.floor(pad / 2)) + 'a'.repeat(pad % 2) });
}

describe('the real backend’s limits in the rehearsal backend', () => {
  it('a document of 1 MiB with its system fields is written, one byte more is refused', () => {
    expect(getConvexSize(docOfSize(MAX_DOCUMENT_BYTES))).toBe(MAX_DOCUMENT_BYTES);
    expect(() => checkDocument('beneficiaries', docOfSize(MAX_DOCUMENT_BYTES))).not.toThrow();
    expect(() => checkDocument('beneficiaries', docOfSize(MAX_DOCUMENT_BYTES + 1))).toThrow(/Value is too large \(1\.00 MiB > maximum size 1 MiB\): a document of beneficiaries/);
  });

  it('arrays of 8,192 and objects of 1,024 fields pass, one more is refused, in arguments as in documents', () => {
    const fields = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, i]));
    expect(() => checkValue({ rows: new Array(8192).fill(0) })).not.toThrow();
    expect(() => checkValue({ rows: [[new Array(8193).fill(0)]] })).toThrow('Array length is too long (8193 > maximum length 8192)');
    expect(() => checkValue(fields(1024))).not.toThrow();
    expect(() => checkDocument('t', doc({ nested: fields(1025) }))).toThrow('Object has too many fields (1025 > maximum number 1024)');
    // An undefined field is not sent, so it does not count.
    expect(() => checkValue({ ...fields(1024), gone: undefined } as never)).not.toThrow();
  });

  it('a document nested 16 levels deep is written, 17 refused; a value may nest 64', () => {
    const nest = (levels: number) => {
      let v: Value = 1;
      for (let i = 0; i < levels; i++) v = [v];
      return v;
    };
    expect(() => checkDocument('t', doc({ a: nest(15) }))).not.toThrow();
    expect(() => checkDocument('t', doc({ a: nest(16) }))).toThrow('Document is too nested (nested 17 levels deep > maximum nesting 16)');
    expect(() => checkValue({ a: nest(63) })).not.toThrow();
    expect(() => checkValue({ a: nest(64) })).toThrow(/too nested \(nested 65 levels/);
  });
});
