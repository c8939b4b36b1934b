import { describe, expect, it } from 'vitest';
import { excelSerialToIso, isIsoDate, parseDate } from './index';

describe('parseDate', () => {
  it.each([
    ['5.1.2024', '2024-01-05'],
    ['05.01.2024', '2024-01-05'],
    ['05/01/2024', '2024-01-05'],
    ['2024-01-05', '2024-01-05'],
    [' 15.03.1985 ', '1985-03-15'],
    ['15.03.1985 00:00', '1985-03-15'],
    ['2024-01-05T10:30:00Z', '2024-01-05'],
  ])('%s → %s', (input, iso) => {
    expect(parseDate(input)).toBe(iso);
  });

  it('rejects days that do not exist instead of rolling over', () => {
    expect(parseDate('31.02.1985')).toBeNull();
    expect(parseDate('31.04.2024')).toBeNull();
    expect(parseDate('00.01.2024')).toBeNull();
    expect(parseDate('01.13.2024')).toBeNull();
  });

  it('knows leap years', () => {
    expect(parseDate('29.02.2024')).toBe('2024-02-29');
    expect(parseDate('29.02.2023')).toBeNull();
    expect(parseDate('29.02.2000')).toBe('2000-02-29');
    expect(parseDate('29.02.1900')).toBeNull();
  });

  it('rejects other spellings', () => {
    expect(parseDate('05.01.24')).toBeNull();
    expect(parseDate('05.01/2024')).toBeNull();
    expect(parseDate('5 Ocak 2024')).toBeNull();
    expect(parseDate('')).toBeNull();
    expect(parseDate(true)).toBeNull();
    expect(parseDate(null)).toBeNull();
  });

  it('reads JS Dates by their UTC parts', () => {
    expect(parseDate(new Date(Date.UTC(1985, 2, 15)))).toBe('1985-03-15');
    expect(parseDate(new Date(Date.UTC(1985, 2, 15, 23, 30)))).toBe('1985-03-15');
    expect(parseDate(new Date(Number.NaN))).toBeNull();
  });

  it('refuses a time of day with dateOnly', () => {
    expect(parseDate('15.03.1985 10:00', { dateOnly: true })).toBeNull();
    expect(parseDate(new Date(Date.UTC(1985, 2, 15, 10)), { dateOnly: true })).toBeNull();
    expect(parseDate(new Date(Date.UTC(1985, 2, 15)), { dateOnly: true })).toBe('1985-03-15');
    expect(parseDate(45292.5, { dateOnly: true })).toBeNull();
  });

  it('reads numbers as Excel serials', () => {
    expect(parseDate(45292)).toBe('2024-01-01');
    expect(parseDate(45292.75)).toBe('2024-01-01');
  });
});

describe('excelSerialToIso', () => {
  it('converts serials of the 1900 date system, including its phantom 29 Feb 1900', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(45292)).toBe('2024-01-01');
    expect(excelSerialToIso(2958465)).toBe('9999-12-31');
  });

  it('rejects serials outside the calendar', () => {
    expect(excelSerialToIso(0)).toBeNull();
    expect(excelSerialToIso(-5)).toBeNull();
    expect(excelSerialToIso(2958466)).toBeNull();
    expect(excelSerialToIso(Number.NaN)).toBeNull();
  });
});

describe('isIsoDate', () => {
  it('accepts only real dates written yyyy-mm-dd', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-9')).toBe(false);
    expect(isIsoDate(20240229)).toBe(false);
  });
});
