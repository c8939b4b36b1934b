import { describe, expect, it } from 'vitest';
import { COLLECTIONS, SPECS, fieldLabel, foldTr, getField, getSpec, isCollectionName, matchOption, optionLabel } from './index';

describe('collection specs', () => {
  it('has the three collections with their natural keys and date fields', () => {
    expect(COLLECTIONS).toEqual(['beneficiaries', 'donations', 'financeRecords']);
    expect(getSpec('beneficiaries')).toMatchObject({ naturalKey: 'nationalId', dateField: null, statusField: 'status' });
    expect(getSpec('donations')).toMatchObject({ naturalKey: 'receiptNo', dateField: 'date', statusField: 'status' });
    expect(getSpec('financeRecords')).toMatchObject({ naturalKey: 'documentNo', dateField: 'date', statusField: 'status' });
  });

  it('lists every field of each collection in order', () => {
    const keys = (c: keyof typeof SPECS) => SPECS[c].fields.map((f) => f.key);
    expect(keys('beneficiaries')).toEqual([
      'fullName', 'nationalId', 'phone', 'email', 'birthDate', 'city', 'district', 'address',
      'householdSize', 'monthlyIncome', 'iban', 'category', 'status', 'notes',
    ]);
    expect(keys('donations')).toEqual([
      'receiptNo', 'donorName', 'amount', 'currency', 'date', 'method', 'purpose',
      'donorNationalId', 'donorPhone', 'donorEmail', 'status', 'notes',
    ]);
    expect(keys('financeRecords')).toEqual([
      'documentNo', 'type', 'amount', 'currency', 'date', 'category', 'counterparty', 'description', 'status',
    ]);
  });

  it('marks the required fields of each collection', () => {
    const required = (c: keyof typeof SPECS) => SPECS[c].fields.filter((f) => f.required).map((f) => f.key);
    expect(required('beneficiaries')).toEqual(['fullName', 'nationalId']);
    expect(required('donations')).toEqual(['receiptNo', 'donorName', 'amount', 'date']);
    expect(required('financeRecords')).toEqual(['documentNo', 'type', 'amount', 'date', 'category']);
  });

  it('carries defaults, bounds and currencies', () => {
    expect(getField('beneficiaries', 'status')?.defaultValue).toBe('aktif');
    expect(getField('donations', 'currency')?.defaultValue).toBe('TRY');
    expect(getField('donations', 'purpose')?.defaultValue).toBe('genel');
    expect(getField('donations', 'status')?.defaultValue).toBe('tamamlandi');
    expect(getField('financeRecords', 'currency')?.defaultValue).toBe('TRY');
    expect(getField('financeRecords', 'status')?.defaultValue).toBe('onaylandi');
    expect(getField('beneficiaries', 'fullName')).toMatchObject({ minLength: 2, maxLength: 120 });
    expect(getField('beneficiaries', 'address')?.maxLength).toBe(500);
    expect(getField('beneficiaries', 'notes')?.maxLength).toBe(2000);
    expect(getField('beneficiaries', 'householdSize')).toMatchObject({ type: 'integer', min: 1, max: 30 });
    expect(getField('beneficiaries', 'monthlyIncome')).toMatchObject({ type: 'money', fixedCurrency: 'TRY' });
    expect(getField('donations', 'amount')?.currencyField).toBe('currency');
    expect(getField('financeRecords', 'amount')?.currencyField).toBe('currency');
  });

  it('gives every field both labels and header aliases including labels and key', () => {
    for (const c of COLLECTIONS) {
      for (const f of getSpec(c).fields) {
        expect(f.label.tr, `${c}.${f.key}`).not.toBe('');
        expect(f.label.en, `${c}.${f.key}`).not.toBe('');
        expect(f.aliases).toEqual(expect.arrayContaining([f.label.tr, f.label.en, f.key]));
        if (f.type === 'enum' || f.type === 'currency') expect(f.options?.length).toBeGreaterThan(0);
      }
    }
    expect(getField('beneficiaries', 'nationalId')?.aliases).toEqual(
      expect.arrayContaining(['TC Kimlik No', 'T.C. Kimlik No', 'TCKN', 'Kimlik No']),
    );
  });

  it('never lets two fields of one collection share a folded alias', () => {
    for (const c of COLLECTIONS) {
      const seen = new Map<string, string>();
      for (const f of getSpec(c).fields) {
        for (const a of f.aliases) {
          const k = foldTr(a).replace(/ /g, '');
          expect(seen.get(k) ?? f.key, `${c}: "${a}"`).toBe(f.key);
          seen.set(k, f.key);
        }
      }
    }
  });

  it('recognises collection names', () => {
    expect(isCollectionName('donations')).toBe(true);
    expect(isCollectionName('users')).toBe(false);
    expect(isCollectionName(42)).toBe(false);
  });
});

describe('labels', () => {
  it('labels fields and options in both languages', () => {
    expect(fieldLabel('beneficiaries', 'nationalId', 'tr')).toBe('TC Kimlik No');
    expect(fieldLabel('beneficiaries', 'nationalId', 'en')).toBe('National ID number');
    expect(fieldLabel('beneficiaries', 'nope', 'en')).toBe('nope');
    expect(optionLabel('donations', 'method', 'kredi_karti', 'tr')).toBe('Kredi Kartı');
    expect(optionLabel('donations', 'method', 'kredi_karti', 'en')).toBe('Credit card');
    expect(optionLabel('donations', 'method', 'havale', 'tr')).toBe('Havale/EFT');
    expect(optionLabel('donations', 'purpose', 'zekat', 'tr')).toBe('Zekât');
    expect(optionLabel('beneficiaries', 'category', 'ogrenci', 'tr')).toBe('Öğrenci');
    expect(optionLabel('donations', 'method', 'barter', 'tr')).toBe('barter');
  });
});

describe('matchOption', () => {
  const method = getField('donations', 'method')!;
  it.each([
    ['kredi_karti', 'kredi_karti'],
    ['Kredi Kartı', 'kredi_karti'],
    ['KREDİ KARTI', 'kredi_karti'],
    ['kredi karti', 'kredi_karti'],
    ['Credit card', 'kredi_karti'],
    ['Havale/EFT', 'havale'],
    ['EFT', 'havale'],
    ['havale', 'havale'],
    ['NAKİT', 'nakit'],
  ])('%s → %s', (raw, value) => {
    expect(matchOption(method, raw)).toBe(value);
  });

  it('matches purposes, categories and currencies', () => {
    expect(matchOption(getField('donations', 'purpose')!, 'ZEKAT')).toBe('zekat');
    expect(matchOption(getField('donations', 'purpose')!, 'gıda')).toBe('gida');
    expect(matchOption(getField('beneficiaries', 'category')!, 'Yaşlı')).toBe('yasli');
    expect(matchOption(getField('donations', 'currency')!, '₺')).toBe('TRY');
    expect(matchOption(getField('donations', 'currency')!, 'usd')).toBe('USD');
  });

  it('returns null for unknown values', () => {
    expect(matchOption(method, 'çek')).toBeNull();
    expect(matchOption(method, '')).toBeNull();
    expect(matchOption(getField('donations', 'currency')!, 'JPY')).toBeNull();
  });
});
