import { describe, expect, test } from 'vitest';
import { dottedToIso, formatCount } from './format';

describe('numbers and dates in Turkish formats', () => {
  test('picker text dd.mm.yyyy becomes ISO; a cleared field is no bound', () => {
    expect(dottedToIso('09.03.2025')).toBe('2025-03-09');
    expect(dottedToIso('')).toBeUndefined();
  });

  test('counts group thousands as the UI language does', () => {
    expect(formatCount(12345, 'tr')).toBe('12.345');
    expect(formatCount(12345, 'en')).toBe('12,345');
  });
});
