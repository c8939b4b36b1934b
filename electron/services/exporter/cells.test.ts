import { describe, expect, test } from 'vitest';
import { getField, normalizeTurkishMobile, parseRow } from '../../../shared/domain';
import { csvCell, isoToDotted, neutralizeFormula, phoneForExcel } from './cells';

describe('formula neutralising', () => {
  test.each(['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx', '\nx'])('%j gets a leading quote', (s) => {
    expect(neutralizeFormula(s)).toBe(`'${s}`);
  });
  test.each(['Ahmet', "'quoted", '1-2', 'a=b', ''])('%j is left alone', (s) => {
    expect(neutralizeFormula(s)).toBe(s);
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
