import { describe, expect, it } from 'vitest';
import { normalizeTurkishMobile } from './index';

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
