import { describe, expect, it } from 'vitest';
import { DuplicateKeys } from './duplicateKeys';

describe('DuplicateKeys', () => {
  it('names the first row of every repeated key, for numeric, text and non-Latin keys, across growth', () => {
    const dups = new DuplicateKeys('k');
    const reference = new Map<string, number>();
    const keyOf = (i: number) => {
      const n = i % 30_000;
      switch (n % 5) {
        case 0:
          return String(10_000_000_000 + n * 7919); // TC-like
        case 1:
          return `0${n}`; // leading zero: text, not the number
        case 2:
          return String(n);
        case 3:
          return `MKB-${n}`;
        default:
          return `Ğ${n}ş`; // beyond Latin-1
      }
    };
    for (let row = 2; row < 80_000; row++) {
      const key = keyOf(row);
      const expected = reference.get(key);
      if (expected === undefined) reference.set(key, row);
      expect(dups.check(key, row)).toEqual(expected === undefined ? null : { field: 'k', code: 'duplicate_in_file', params: { row: expected } });
    }
    expect(dups.check(undefined, 1)).toBeNull();
    expect(dups.check('0', 90_000)).toBeNull();
    expect(dups.check('0', 90_001)).toMatchObject({ params: { row: 90_000 } });
    expect(dups.check('', 90_002)).toBeNull();
    expect(dups.check('', 90_003)).toMatchObject({ params: { row: 90_002 } });
  });
});
