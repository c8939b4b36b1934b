import { describe, expect, it } from 'vitest';
import { detectNumberStyle, formatMoney, normalizeCurrency, parseInteger, parseMoney, parseMoneyWithCurrency } from './index';

describe('parseMoney', () => {
  it.each([
    ['1.234,56', 123456],
    ['1234,56', 123456],
    ['1,234.56', 123456],
    ['1234.56', 123456],
    ['₺ 1.250,50', 125050],
    ['1.250,50 TL', 125050],
    ['1250 TL', 125000],
    ['1250TL', 125000],
    ['12,5', 1250],
    ['0,05', 5],
    ['1.234.567,89', 123456789],
    ['1,234,567.89', 123456789],
    ['1 234,56', 123456],
    ['1\u00a0234,56', 123456],
    ['-1.234,56', -123456],
  ])('%s → %d in either style', (input, minor) => {
    expect(parseMoney(input, 'tr')).toBe(minor);
    expect(parseMoney(input, 'intl')).toBe(minor);
  });

  it('resolves the ambiguous 1.234 and 1,234 by the number style', () => {
    expect(parseMoney('1.234', 'tr')).toBe(123400);
    // Read as a decimal, 1.234 has three decimals: refused rather than silently rounded.
    expect(parseMoney('1.234', 'intl')).toBeNull();
    expect(parseMoney('1,234', 'intl')).toBe(123400);
    expect(parseMoney('1,234', 'tr')).toBeNull();
    expect(parseMoney('123.4', 'tr')).toBe(12340);
    expect(parseMoney('123.4', 'intl')).toBe(12340);
  });

  it('takes XLSX numbers as they are, rounding half away from zero', () => {
    expect(parseMoney(12.5, 'tr')).toBe(1250);
    expect(parseMoney(1250, 'intl')).toBe(125000);
    expect(parseMoney(1.005, 'tr')).toBe(101);
    expect(parseMoney(-1.005, 'tr')).toBe(-101);
    expect(parseMoney(0.1 + 0.2, 'tr')).toBe(30);
    expect(parseMoney(2.344, 'tr')).toBe(234);
  });

  it('refuses more than two decimals in text, and malformed text', () => {
    expect(parseMoney('12,345', 'tr')).toBeNull();
    expect(parseMoney('1.2345', 'intl')).toBeNull();
    expect(parseMoney('1.23.4', 'tr')).toBeNull();
    expect(parseMoney('12,34,5', 'intl')).toBeNull();
    expect(parseMoney('1.234,5.6', 'tr')).toBeNull();
    expect(parseMoney('abc', 'tr')).toBeNull();
    expect(parseMoney('12 ABC', 'tr')).toBeNull();
    expect(parseMoney('', 'tr')).toBeNull();
    expect(parseMoney('1e5', 'tr')).toBeNull();
    expect(parseMoney(Number.POSITIVE_INFINITY, 'tr')).toBeNull();
    expect(parseMoney(true, 'tr')).toBeNull();
  });

  it('reports the currency written beside the amount', () => {
    expect(parseMoneyWithCurrency('$ 100', 'tr')).toEqual({ minor: 10000, currency: 'USD' });
    expect(parseMoneyWithCurrency('100 EUR', 'tr')).toEqual({ minor: 10000, currency: 'EUR' });
    expect(parseMoneyWithCurrency('1.250,50 TL', 'tr')).toEqual({ minor: 125050, currency: 'TRY' });
    expect(parseMoneyWithCurrency('100', 'tr')).toEqual({ minor: 10000, currency: null });
  });
});

describe('parseInteger', () => {
  it('reads whole numbers with optional thousands separators', () => {
    expect(parseInteger('4', 'tr')).toBe(4);
    expect(parseInteger(' 12 ', 'tr')).toBe(12);
    expect(parseInteger('1.234', 'tr')).toBe(1234);
    expect(parseInteger('1,234', 'intl')).toBe(1234);
    expect(parseInteger(7, 'tr')).toBe(7);
    expect(parseInteger('3,0', 'tr')).toBe(3);
  });

  it('refuses fractions and text', () => {
    expect(parseInteger('3,5', 'tr')).toBeNull();
    expect(parseInteger(3.5, 'tr')).toBeNull();
    expect(parseInteger('dört', 'tr')).toBeNull();
    expect(parseInteger('', 'tr')).toBeNull();
  });
});

describe('detectNumberStyle', () => {
  it('follows unambiguous samples', () => {
    expect(detectNumberStyle(['1.234,56'])).toBe('tr');
    expect(detectNumberStyle(['1,234.56'])).toBe('intl');
    expect(detectNumberStyle(['12,5'])).toBe('tr');
    expect(detectNumberStyle(['12.50'])).toBe('intl');
    expect(detectNumberStyle(['1.234.567'])).toBe('tr');
    expect(detectNumberStyle(['1,234,567'])).toBe('intl');
    expect(detectNumberStyle(['100', '1.234', '12.50', '7.5'])).toBe('intl');
  });

  it('defaults to tr when nothing decides', () => {
    expect(detectNumberStyle([])).toBe('tr');
    expect(detectNumberStyle(['1.234', '100', ''])).toBe('tr');
    expect(detectNumberStyle(['12,5', '12.5'])).toBe('tr');
  });
});

describe('formatMoney', () => {
  it('writes minor units without thousands separators', () => {
    expect(formatMoney(123456, 'tr')).toBe('1234,56');
    expect(formatMoney(123456, 'intl')).toBe('1234.56');
    expect(formatMoney(5, 'tr')).toBe('0,05');
    expect(formatMoney(-1250, 'intl')).toBe('-12.50');
    expect(formatMoney(0, 'tr')).toBe('0,00');
  });

  it('round-trips through parseMoney', () => {
    for (const minor of [0, 1, 99, 100, 123456, 987654321]) {
      expect(parseMoney(formatMoney(minor, 'tr'), 'tr')).toBe(minor);
      expect(parseMoney(formatMoney(minor, 'intl'), 'intl')).toBe(minor);
    }
  });
});

describe('normalizeCurrency', () => {
  it.each([
    ['TL', 'TRY'],
    ['tl', 'TRY'],
    ['₺', 'TRY'],
    ['YTL', 'TRY'],
    ['try', 'TRY'],
    ['Türk Lirası', 'TRY'],
    ['usd', 'USD'],
    ['$', 'USD'],
    ['Dolar', 'USD'],
    ['EUR', 'EUR'],
    ['€', 'EUR'],
    ['Avro', 'EUR'],
    ['gbp', 'GBP'],
    ['£', 'GBP'],
  ])('%s → %s', (input, code) => {
    expect(normalizeCurrency(input)).toBe(code);
  });

  it('returns null for unknown currencies', () => {
    expect(normalizeCurrency('JPY')).toBeNull();
    expect(normalizeCurrency('')).toBeNull();
  });
});
