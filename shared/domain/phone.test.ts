import { describe, expect, it } from 'vitest';
import { normalizeTurkishMobile } from './index';
import { parseWithLibphonenumber } from './phoneParse';

describe('normalizeTurkishMobile', () => {
  it.each(['0532 123 45 67', '5321234567', '+90 532 123 45 67', '905321234567', '0 (532) 123-45-67', '+905321234567'])(
    '%s → +905321234567',
    (input) => {
      expect(normalizeTurkishMobile(input)).toBe('+905321234567');
    },
  );

  it('rejects landlines and non-mobile services', () => {
    expect(normalizeTurkishMobile('0212 123 45 67')).toBeNull();
    expect(normalizeTurkishMobile('+90 312 123 45 67')).toBeNull();
    expect(normalizeTurkishMobile('0850 123 45 67')).toBeNull();
  });

  it('rejects foreign numbers, short numbers and junk', () => {
    expect(normalizeTurkishMobile('+49 151 23456789')).toBeNull();
    expect(normalizeTurkishMobile('0532 123 45')).toBeNull();
    expect(normalizeTurkishMobile('telefon yok')).toBeNull();
    expect(normalizeTurkishMobile('')).toBeNull();
  });
});

describe('normalizeTurkishMobile memo', () => {
  it("gives libphonenumber's answer across 6-digit prefixes in each memoised spelling", async () => {
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const spell = [(n: string) => `0${n}`, (n: string) => n, (n: string) => `+90 ${n}`, (n: string) => `0 (${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6, 8)}.${n.slice(8)}`];
    let valid = 0;
    const prefixes: number[] = [];
    for (let p = 500000; p < 600000; p += 7) prefixes.push(p);
    for (let p = 561000; p < 562000; p++) prefixes.push(p); // the finer-grained 561… and 582… ranges
    for (let p = 582000; p < 583000; p++) prefixes.push(p);
    for (const prefix of prefixes) {
      // Two numbers per 6-digit prefix: the memo is filled by one and answers the other.
      for (let k = 0; k < 2; k++) {
        const n = `${prefix}${String(Math.floor(rand() * 10000)).padStart(4, '0')}`;
        for (const s of spell) {
          const text = s(n);
          const expected = parseWithLibphonenumber(text);
          expect(normalizeTurkishMobile(text), text).toBe(expected);
          if (expected) valid++;
        }
      }
    }
    expect(valid).toBeGreaterThan(1000);
  });
});
