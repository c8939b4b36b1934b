import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH } from '../../../../shared/domain/roles';
import { generatePassword } from './generatePassword';

describe('generatePassword', () => {
  it('is long enough for the server, without look-alike characters, and different each time', () => {
    const a = generatePassword();
    expect(a.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
    expect(a).toMatch(/^[a-km-zA-HJ-NP-Z2-9]+$/);
    expect(generatePassword()).not.toBe(a);
  });

  it('draws again on biased bytes instead of favouring the first characters', () => {
    let call = 0;
    // First batch: only bytes above the unbiased range (all rejected); then zeros.
    const random = (b: Uint8Array) => b.fill(call++ === 0 ? 255 : 0);
    expect(generatePassword(12, random)).toBe('a'.repeat(12));
  });
});
