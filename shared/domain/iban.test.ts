import { describe, expect, it } from 'vitest';
import { ibanError, isValidIban, normalizeIban } from './index';
import { makeTrIban } from './fixtures.test-util';

describe('IBAN', () => {
  const valid = 'TR330006100519786457841326';

  it('accepts a valid TR IBAN, spaced or lower-case', () => {
    expect(isValidIban(valid)).toBe(true);
    expect(isValidIban('TR33 0006 1005 1978 6457 8413 26')).toBe(true);
    expect(isValidIban('tr330006100519786457841326')).toBe(true);
    expect(isValidIban(makeTrIban('0001000000123456789012'))).toBe(true);
  });

  it('normalises to upper case without spaces', () => {
    expect(normalizeIban(' tr33 0006 1005 1978 6457 8413 26 ')).toBe(valid);
  });

  it('tells a bad checksum from a bad shape', () => {
    expect(ibanError('TR330006100519786457841327')).toBe('checksum');
    expect(ibanError('TR430006100519786457841326')).toBe('checksum');
    expect(ibanError('TR33000610051978645784132')).toBe('invalid_format');
    expect(ibanError('DE89370400440532013000')).toBe('invalid_format');
    expect(ibanError('TR33000610051978645784132X')).toBe('invalid_format');
  });
});
