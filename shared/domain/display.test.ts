import { describe, expect, it } from 'vitest';
import {
  completeTcKimlik,
  isValidTcKimlik,
  displayDateTime,
  displayFieldValue,
  displayFileCell,
  displayImportCell,
  displayInteger,
  displayMoney,
  displayPhone,
  dottedDate,
  getField,
  nationalPhone,
  normalizeTurkishMobile,
  parseDate,
  parseMoney,
} from './index';

const f = (c: 'beneficiaries' | 'donations' | 'financeRecords', key: string) => getField(c, key)!;

describe('display formats', () => {
  it('dates read dd.MM.yyyy in both languages and read back as the same stored date', () => {
    expect(dottedDate('2025-01-05')).toBe('05.01.2025');
    expect(dottedDate('05.01.2025')).toBeNull();
    expect(parseDate(dottedDate('1999-12-31')!)).toBe('1999-12-31');
    for (const lang of ['tr', 'en'] as const) expect(displayFieldValue('donations', f('donations', 'date'), '2025-01-05', lang)).toBe('05.01.2025');
  });

  it('Turkish mobiles read as dialled, and read back as the same E.164', () => {
    expect(nationalPhone('+905321234567')).toBe('0532 123 45 67');
    expect(normalizeTurkishMobile(nationalPhone('+905551112233')!)).toBe('+905551112233');
    expect(nationalPhone('+902121234567')).toBeNull();
    expect(displayPhone('+442071234567')).toBe('+442071234567');
    expect(displayFieldValue('beneficiaries', f('beneficiaries', 'phone'), '+905321234567', 'en')).toBe('0532 123 45 67');
  });

  it('money from minor units with grouping, decimals and currency in the language’s order', () => {
    expect(displayMoney(123456, 'TRY', 'tr')).toBe('1.234,56 ₺');
    expect(displayMoney(123456, 'TRY', 'en')).toBe('₺1,234.56');
    expect(displayMoney(100000005, 'EUR', 'tr')).toBe('1.000.000,05 €');
    expect(displayMoney(-5, 'USD', 'en')).toBe('-$0.05');
    expect(displayMoney(99, 'CHF', 'tr')).toBe('0,99 CHF');
    expect(displayMoney(99, 'CHF', 'en')).toBe('CHF 0.99');
    expect(displayMoney(123400, undefined, 'tr')).toBe('1.234,00');
    // What is shown reads back as the stored amount.
    expect(parseMoney('1.234,56', 'tr')).toBe(123456);
  });

  it('uses the record’s currency field, or the field’s fixed currency', () => {
    expect(displayFieldValue('donations', f('donations', 'amount'), 125050, 'tr', { currency: 'EUR' })).toBe('1.250,50 €');
    expect(displayFieldValue('donations', f('donations', 'amount'), 125050, 'en', { currency: 'GBP' })).toBe('£1,250.50');
    expect(displayFieldValue('beneficiaries', f('beneficiaries', 'monthlyIncome'), 400000, 'tr')).toBe('4.000,00 ₺');
  });

  it('enum labels, grouped integers, plain text, empty values', () => {
    expect(displayFieldValue('donations', f('donations', 'method'), 'kredi_karti', 'tr')).toBe('Kredi Kartı');
    expect(displayFieldValue('donations', f('donations', 'method'), 'kredi_karti', 'en')).toBe('Credit card');
    expect(displayInteger(12345, 'tr')).toBe('12.345');
    expect(displayInteger(-12345, 'en')).toBe('-12,345');
    expect(displayFieldValue('beneficiaries', f('beneficiaries', 'householdSize'), 4, 'tr')).toBe('4');
    expect(displayFieldValue('beneficiaries', f('beneficiaries', 'nationalId'), '10000000146', 'tr')).toBe('10000000146');
    expect(displayFieldValue('beneficiaries', f('beneficiaries', 'fullName'), undefined, 'tr')).toBe('');
    expect(displayFieldValue('beneficiaries', f('beneficiaries', 'fullName'), '', 'tr')).toBe('');
  });

  it('a foreign resident\'s YKN (99…, the same check digits) is labelled as such, in Records and in the file\'s cells', () => {
    const ykn = completeTcKimlik('991234567');
    expect(isValidTcKimlik(ykn)).toBe(true);
    expect(displayFieldValue('beneficiaries', f('beneficiaries', 'nationalId'), ykn, 'tr')).toBe(`${ykn} (YKN, yabancı kimlik no)`);
    expect(displayFieldValue('donations', f('donations', 'donorNationalId'), ykn, 'en')).toBe(`${ykn} (YKN, foreign resident ID)`);
    expect(displayImportCell(f('beneficiaries', 'nationalId'), Number(ykn), 'tr')).toBe(`${ykn} (YKN, yabancı kimlik no)`);
    // A 99… number whose check digits fail is no YKN; a TC number is shown as it is.
    expect(displayFieldValue('beneficiaries', f('beneficiaries', 'nationalId'), '99123456789', 'tr')).toBe('99123456789');
    expect(displayImportCell(f('beneficiaries', 'nationalId'), completeTcKimlik('284519372'), 'tr')).toBe(completeTcKimlik('284519372'));
  });

  it('moments in local time as dd.MM.yyyy HH:mm', () => {
    const ms = new Date(2025, 0, 5, 9, 7).getTime();
    expect(displayDateTime(ms)).toBe('05.01.2025 09:07');
    expect(displayDateTime(ms + 5_000, { seconds: true })).toBe('05.01.2025 09:07:05');
    expect(displayDateTime(Number.NaN)).toBe('');
  });

  it('file cells of date and phone columns show as they will be stored; the rest as written', () => {
    expect(displayFileCell(f('donations', 'date'), '2025-01-05')).toBe('05.01.2025');
    expect(displayFileCell(f('donations', 'date'), '5/1/2025')).toBe('05.01.2025');
    expect(displayFileCell(f('donations', 'date'), '31.02.2025')).toBe('31.02.2025');
    expect(displayFileCell(f('beneficiaries', 'phone'), '+905321234567')).toBe('0532 123 45 67');
    expect(displayFileCell(f('beneficiaries', 'phone'), 5321234567)).toBe('0532 123 45 67');
    expect(displayFileCell(f('beneficiaries', 'phone'), '0212 123 45 67')).toBe('0212 123 45 67');
    expect(displayFileCell(f('beneficiaries', 'city'), 'BURSA')).toBe('BURSA');
    expect(displayFileCell(undefined, '2025-01-05')).toBe('2025-01-05');
    expect(displayFileCell(f('donations', 'date'), null)).toBe('');
  });

  it('a file\'s raw cells in Turkish formats: by the column\'s field, else by the value\'s shape', () => {
    // Fields known (mapped or suggested by the header).
    expect(displayImportCell(f('beneficiaries', 'monthlyIncome'), 12000.5, 'tr')).toBe('12.000,50');
    expect(displayImportCell(f('beneficiaries', 'monthlyIncome'), 8500, 'tr')).toBe('8.500,00');
    expect(displayImportCell(f('beneficiaries', 'monthlyIncome'), 8500, 'en')).toBe('8,500.00');
    expect(displayImportCell(f('beneficiaries', 'monthlyIncome'), '1.234,56', 'tr')).toBe('1.234,56');
    expect(displayImportCell(f('beneficiaries', 'householdSize'), 12345, 'tr')).toBe('12.345');
    expect(displayImportCell(f('beneficiaries', 'phone'), 5321234567, 'tr')).toBe('0532 123 45 67');
    expect(displayImportCell(f('beneficiaries', 'birthDate'), '1980-03-12', 'tr')).toBe('12.03.1980');
    expect(displayImportCell(f('beneficiaries', 'nationalId'), 17291716050, 'tr')).toBe('17291716050');
    // No field: the value's shape.
    expect(displayImportCell(undefined, '1980-03-12', 'tr')).toBe('12.03.1980');
    expect(displayImportCell(undefined, 5321234567, 'tr')).toBe('0532 123 45 67');
    expect(displayImportCell(undefined, 12000.5, 'tr')).toBe('12.000,50');
    expect(displayImportCell(undefined, -1234.567, 'en')).toBe('-1,234.567');
    expect(displayImportCell(undefined, 34710, 'tr')).toBe('34710'); // a postal code stays as written
    expect(displayImportCell(undefined, 17291716050, 'tr')).toBe('17291716050');
    expect(displayImportCell(undefined, 'Kadıköy', 'tr')).toBe('Kadıköy');
    expect(displayImportCell(undefined, null, 'tr')).toBe('');
    expect(displayImportCell(undefined, true, 'tr')).toBe('true');
  });
});
