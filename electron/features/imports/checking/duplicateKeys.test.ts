import { describe, expect, it } from 'vitest';
import { importFields, personNameKey } from '../../../../shared/domain';
import { DuplicateKeys, FileDuplicateHashes, NO_HASH, PossibleDuplicates } from './duplicateKeys';

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

  it('hashes a name as the text of its personNameKey, whatever its letters, punctuation and word order', () => {
    // Letters, punctuation, and the unit words a fold drops at the end ("Ali TL" is "ali").
    const alphabet = [..."aAbBiIıİzZ09çÇğĞöÖşŞüÜâÂ .,'’-/()\tÉé\u00a0", ' tl', ' TL', ' Try', ' YTL', ' (TL)'];
    let seed = 5;
    const rand = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * n);
    const byKey = new Map<string, number>();
    const out = new Float64Array(2);
    for (let n = 0; n < 4000; n++) {
      const fullName = Array.from({ length: 1 + rand(12) }, () => alphabet[rand(alphabet.length)]).join('');
      const values = importFields('beneficiaries').map((f) => ({ fullName, birthDate: '1980-03-12' })[f.key as 'fullName']);
      PossibleDuplicates.hashes('beneficiaries', { values, errors: [] }, out, 0);
      const key = personNameKey(fullName);
      if (key === '') {
        expect(out[0], JSON.stringify(fullName)).toBe(NO_HASH);
        continue;
      }
      const seen = byKey.get(key);
      if (seen === undefined) {
        expect([...byKey.values()], JSON.stringify(fullName)).not.toContain(out[0]);
        byKey.set(key, out[0] as number);
      } else expect(out[0], JSON.stringify(fullName)).toBe(seen);
    }
    expect(byKey.size).toBeGreaterThan(1000);
  });
});

describe('FileDuplicateHashes', () => {
  it('gives at the end the warnings PossibleDuplicates.check gives row by row, in file order', () => {
    let seed = 11;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    // A key hash as hashEnd makes one: two lanes, the high one 21 bits (it picks the partition).
    const hashOf = (key: number): number => (Math.imul(key + 1, 0x9e3779b1) >>> 11) * 2 ** 32 + (Math.imul(key + 1, 0x85ebca6b) >>> 0);
    // 60,000 rows (120,000 keys: many partitions), keys from a pool small enough to repeat, some rows keyless, some repeating an earlier natural key.
    const streaming = new PossibleDuplicates('beneficiaries');
    const whole = new FileDuplicateHashes('beneficiaries');
    whole.reserve(20_000); // 16 partitions, and too few rows: it grows
    const expected: string[] = [];
    let rowNumber = 1;
    while (rowNumber < 60_000) {
      const n = 1 + next(3000);
      const hashes = new Float64Array(n * 2);
      const rows = new Float64Array(n);
      const sameKey = new Map<number, true>();
      for (let i = 0; i < n; i++) {
        for (let r = 0; r < 2; r++) hashes[i * 2 + r] = next(10) === 0 ? NO_HASH : hashOf(r * 100_000 + next(40_000));
        rows[i] = rowNumber;
        rowNumber += 1 + next(2); // blank and not-data rows leave gaps
        if (next(50) === 0) sameKey.set(i, true);
        const warning = streaming.check(hashes, i * 2, rows[i]!, sameKey.has(i));
        if (warning) expected.push(`${rows[i]}:${String(warning.params!.row)}:${String(warning.params!.rule)}`);
      }
      whole.add(hashes, rows, sameKey);
    }
    const found: string[] = [];
    whole.resolve((row, earlier, rule) => found.push(`${row}:${earlier}:${rule}`));
    expect(expected.length).toBeGreaterThan(10_000);
    expect(found).toEqual(expected);
  });
});
