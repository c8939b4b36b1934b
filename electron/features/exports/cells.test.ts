import { describe, expect, test } from 'vitest';
import { getField, normalizeTurkishMobile, parseRow } from '../../../shared/domain';
import { csvCell, isoToDotted, phoneForExcel } from './cells';

describe('formula neutralising', () => {
  // The rule itself is tested in core/formulaSafe.test.ts; here, that every cell kind applies it.
  test('text, enum and malformed values of every field type are neutralised', () => {
    expect(csvCell(getField('beneficiaries', 'fullName')!, ' =HYPERLINK("x")', 'excel-tr', 'tr')).toBe(`' =HYPERLINK("x")`);
    expect(csvCell(getField('donations', 'amount')!, '=1+1', 'csv', 'tr')).toBe(`'=1+1`);
    expect(csvCell(getField('donations', 'date')!, '\uFF1D1', 'excel-tr', 'tr')).toBe(`'\uFF1D1`);
  });

  test('numbers and dates are written as values, not mangled', () => {
    const amount = getField('donations', 'amount')!;
    expect(csvCell(amount, -123456, 'excel-tr', 'tr')).toBe('-1234,56');
    expect(csvCell(amount, -123456, 'csv', 'tr')).toBe('-1234.56');
    expect(csvCell(getField('donations', 'date')!, '2025-03-09', 'excel-tr', 'tr')).toBe('09.03.2025');
    expect(csvCell(getField('beneficiaries', 'householdSize')!, 4, 'excel-tr', 'tr')).toBe('4');
  });
});

describe('phones for Excel', () => {
  test('a stored mobile is written in the national form, which the importer maps back to the same E.164', () => {
    for (const e164 of ['+905321234567', '+905057778899', '+905551112233']) {
      const written = phoneForExcel(e164);
      expect(written).toMatch(/^05\d\d \d{3} \d\d \d\d$/);
      expect(normalizeTurkishMobile(written)).toBe(e164);
      const parsed = parseRow('beneficiaries', { fullName: 'Ali Veli', nationalId: '17291716060', phone: written }, { numberStyle: 'tr', partial: false });
      expect(parsed.errors).toEqual([]);
      expect(parsed.record.phone).toBe(e164);
    }
  });

  test('anything that is not a Turkish mobile still falls under the formula rule', () => {
    expect(phoneForExcel('+4915112345678')).toBe("'+4915112345678");
  });
});

test('ISO dates become dd.MM.yyyy', () => {
  expect(isoToDotted('2025-01-05')).toBe('05.01.2025');
});
