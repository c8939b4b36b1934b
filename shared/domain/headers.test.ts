import { describe, expect, it } from 'vitest';
import { missingRequiredFields, suggestMapping } from './index';

describe('suggestMapping', () => {
  it('maps real Turkish headers with full confidence', () => {
    const headers = ['Adı Soyadı', 'T.C. Kimlik No', 'Aylık Gelir (TL)', 'Cep Telefonu', 'İl', 'Doğum Tarihi', 'E-posta', 'Hane Nüfusu'];
    const result = suggestMapping('beneficiaries', headers);
    expect(result.map((s) => s.field)).toEqual(['fullName', 'nationalId', 'monthlyIncome', 'phone', 'city', 'birthDate', 'email', 'householdSize']);
    expect(result.every((s) => s.confidence === 1)).toBe(true);
    expect(result.map((s) => s.header)).toEqual(headers);
  });

  it('matches upper-case headers typed on a Turkish keyboard', () => {
    const [s] = suggestMapping('beneficiaries', ['TC KİMLİK NO']);
    expect(s).toEqual({ header: 'TC KİMLİK NO', field: 'nationalId', confidence: 1 });
    expect(suggestMapping('beneficiaries', ['İLÇE'])[0]?.field).toBe('district');
    expect(suggestMapping('beneficiaries', ['ŞEHİR'])[0]?.field).toBe('city');
  });

  it('matches English labels and field keys (our own exports)', () => {
    const result = suggestMapping('donations', ['Receipt no.', 'amount', 'Currency', 'Date']);
    expect(result.map((s) => s.field)).toEqual(['receiptNo', 'amount', 'currency', 'date']);
  });

  it('matches a typo with less than full confidence', () => {
    const [s] = suggestMapping('beneficiaries', ['Telefn']);
    expect(s?.field).toBe('phone');
    expect(s?.confidence).toBeGreaterThanOrEqual(0.75);
    expect(s?.confidence).toBeLessThan(1);
  });

  it('gives each field to one header only, the most confident one', () => {
    const result = suggestMapping('beneficiaries', ['Telefn', 'Cep Telefonu']);
    expect(result[0]).toEqual({ header: 'Telefn', field: null, confidence: 0 });
    expect(result[1]?.field).toBe('phone');
    const dup = suggestMapping('beneficiaries', ['Durum', 'Durum']);
    expect(dup.map((s) => s.field)).toEqual(['status', null]);
  });

  it('leaves unrelated and empty headers unmapped', () => {
    const result = suggestMapping('beneficiaries', ['Sıra No', 'Rastgele Sütun', '', 'X']);
    expect(result.every((s) => s.field === null && s.confidence === 0)).toBe(true);
  });

  it('uses the collection\'s own aliases', () => {
    expect(suggestMapping('donations', ['Ad Soyad'])[0]?.field).toBe('donorName');
    expect(suggestMapping('financeRecords', ['Fiş No', 'İşlem Türü', 'Firma', 'Hesap'])
      .map((s) => s.field)).toEqual(['documentNo', 'type', 'counterparty', 'category']);
    expect(suggestMapping('financeRecords', ['Açıklama'])[0]?.field).toBe('description');
    expect(suggestMapping('beneficiaries', ['Açıklama'])[0]?.field).toBe('notes');
  });
});

describe('missingRequiredFields', () => {
  it('lists required fields that no header feeds', () => {
    expect(missingRequiredFields('beneficiaries', { 'Ad Soyad': 'fullName', Telefon: 'phone', Foo: null })).toEqual(['nationalId']);
    expect(missingRequiredFields('donations', {})).toEqual(['receiptNo', 'donorName', 'amount', 'date']);
    expect(missingRequiredFields('financeRecords', {
      a: 'documentNo', b: 'type', c: 'amount', d: 'date', e: 'category',
    })).toEqual([]);
  });
});
