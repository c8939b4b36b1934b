import { describe, expect, it } from 'vitest';
import { isValidTcKimlik, tcKimlikError } from './index';
import { makeTcKimlik } from './fixtures.test-util';

describe('TC Kimlik No', () => {
  it('accepts a valid number and rejects its altered twin', () => {
    expect(isValidTcKimlik('17291716060')).toBe(true);
    expect(isValidTcKimlik('17291716050')).toBe(false);
    expect(tcKimlikError('17291716050')).toBe('checksum');
  });

  it('uses a non-negative modulo when 7·odd − even is negative', () => {
    // odd = 1+0+0+0+0 = 1 → 7; even = 9·4 = 36; 7 − 36 = −29 → d10 = 1 (JS % would give −9).
    expect(isValidTcKimlik('19090909018')).toBe(true);
    expect(makeTcKimlik('190909090')).toBe('19090909018');
    expect(isValidTcKimlik('19090909098')).toBe(false);
  });

  it('checks the 11th digit separately from the 10th', () => {
    expect(tcKimlikError('17291716061')).toBe('checksum');
  });

  it('accepts foreigners\' YKN numbers (starting 99) by the same rule', () => {
    const ykn = makeTcKimlik('991234567');
    expect(ykn.startsWith('99')).toBe(true);
    expect(isValidTcKimlik(ykn)).toBe(true);
  });

  it('reports format problems before checksum problems', () => {
    expect(tcKimlikError('07291716060')).toBe('invalid_format');
    expect(tcKimlikError('1729171606')).toBe('invalid_format');
    expect(tcKimlikError('172917160600')).toBe('invalid_format');
    expect(tcKimlikError('1729171606a')).toBe('invalid_format');
    expect(tcKimlikError('')).toBe('invalid_format');
  });

  it('ignores spaces typed inside the number', () => {
    expect(tcKimlikError(' 172 917 160 60 ')).toBeNull();
  });

  it('validates generated numbers', () => {
    for (const p of ['100000000', '123456789', '987654321', '555555555']) {
      expect(isValidTcKimlik(makeTcKimlik(p))).toBe(true);
    }
  });
});
