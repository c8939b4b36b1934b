import { describe, expect, it } from 'vitest';
import { importFields, personNameKey } from '../../../../shared/domain';
import { DuplicateKeys, NO_HASH, PossibleDuplicates } from './duplicateKeys';

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

describe('PossibleDuplicates.hashes', () => {
  it('gives two rows one hash exactly when their key texts ("folded name|value|rule number") are the same, NO_HASH without a key', () => {
    const names = ['Ayşe Yılmaz', 'YILMAZ, AYŞE', 'ayse  yilmaz', 'Ayşe Yılmazer', 'İsmail Işık', 'ISMAIL ISIK', 'Ali', 'Ali Veli Can', 'Can Ali Veli', 'Ali Can', 'Alican', '...', 'Élodie Ça'];
    const dates = ['1980-03-12', '1980-03-13'];
    const phones = ['+905321234567', '+905321234568', undefined];
    const byText = new Map<string, number>();
    const out = new Float64Array(2);
    for (const fullName of names) {
      for (const birthDate of dates) {
        for (const phone of phones) {
          for (const wrongPhone of [false, true]) {
            const record: Record<string, string> = { fullName, birthDate, ...(phone ? { phone } : {}) };
            const values = importFields('beneficiaries').map((f) => record[f.key]);
            PossibleDuplicates.hashes('beneficiaries', { values, errors: wrongPhone ? [{ field: 'phone', code: 'invalid_format' }] : [] }, out, 0);
            const name = personNameKey(fullName);
            const texts = [name === '' ? undefined : `${name}|${birthDate}|0`, name === '' || !phone || wrongPhone ? undefined : `${name}|${phone}|1`];
            texts.forEach((text, r) => {
              if (text === undefined) return expect(out[r], `${fullName} rule ${r}`).toBe(NO_HASH);
              const seen = byText.get(text);
              if (seen === undefined) {
                expect([...byText.values()], text).not.toContain(out[r]);
                byText.set(text, out[r] as number);
              } else expect(out[r], text).toBe(seen);
            });
          }
        }
      }
    }
    expect(byText.size).toBe(32); // 8 names that fold apart (one folds to nothing) × 2 dates, and × 2 phones
  });
});
