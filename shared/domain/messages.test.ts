import { describe, expect, it } from 'vitest';
import { ERROR_CODES, errorMessage, parseRow, type FieldError } from './index';

describe('errorMessage', () => {
  it('writes the messages the brief fixes', () => {
    const required: FieldError = { field: 'fullName', code: 'required' };
    expect(errorMessage(required, 'tr')).toBe('Zorunlu alan boş: Ad Soyad');
    expect(errorMessage(required, 'en')).toBe('Required field is empty: Full name');
    expect(errorMessage({ field: 'nationalId', code: 'checksum' }, 'tr')).toBe('TC Kimlik No geçersiz (kontrol hanesi tutmuyor)');
    const dup: FieldError = { field: 'nationalId', code: 'duplicate_in_file', params: { row: 7 } };
    expect(errorMessage(dup, 'tr')).toBe('Bu kayıt dosyada 7. satırda da var');
    expect(errorMessage(dup, 'en')).toBe('Duplicate of row 7 in this file');
    expect(errorMessage({ field: 'receiptNo', code: 'already_exists' }, 'tr')).toBe('Bu anahtarla bir kayıt zaten var');
    expect(errorMessage({ field: 'receiptNo', code: 'already_exists' }, 'en')).toBe('A record with this key already exists');
    expect(errorMessage({ field: 'receiptNo', code: 'not_found' }, 'tr')).toBe('Güncellenecek kayıt bulunamadı');
    expect(errorMessage({ field: 'receiptNo', code: 'not_found' }, 'en')).toBe('No existing record with this key');
  });

  it('uses params and the field type', () => {
    expect(errorMessage({ field: 'notes', code: 'too_long', params: { max: 2000, length: 2001 } }, 'tr')).toBe(
      'Notlar en fazla 2000 karakter olabilir (şu an 2001)',
    );
    expect(errorMessage({ field: 'householdSize', code: 'out_of_range', params: { min: 1, max: 30 } }, 'en')).toBe(
      'Household size must be between 1 and 30',
    );
    expect(errorMessage({ field: 'amount', code: 'out_of_range', params: { exclusiveMin: 0 } }, 'tr')).toBe('Tutar sıfırdan büyük olmalı');
    expect(errorMessage({ field: 'monthlyIncome', code: 'out_of_range', params: { min: 0 } }, 'en')).toBe('Monthly income cannot be negative');
    expect(errorMessage({ field: 'birthDate', code: 'out_of_range', params: { min: '1900-01-01', max: '2025-06-15' } }, 'tr')).toContain(
      '01.01.1900 ile 15.06.2025 arasında',
    );
    expect(errorMessage({ field: 'city', code: 'unknown_value', params: { value: 'Atlantis' } }, 'tr')).toBe(
      'İl: "Atlantis" Türkiye\'nin 81 ilinden biri değil',
    );
    expect(errorMessage({ field: 'method', code: 'unknown_value', params: { value: 'çek' } }, 'tr', 'donations')).toBe(
      'Ödeme Şekli için tanınmayan değer: "çek" (geçerli değerler: Nakit, Havale/EFT, Kredi Kartı, Online, Diğer)',
    );
    expect(errorMessage({ field: 'phone', code: 'invalid_format' }, 'en')).toContain('not a valid Turkish mobile number');
    expect(errorMessage({ field: 'hacked', code: 'unknown_value', params: { unknownField: 'hacked' } }, 'tr')).toBe('Tanınmayan alan: hacked');
    expect(errorMessage({ field: 'x', code: 'required', params: { label: 'Sütun X' } }, 'tr')).toBe('Zorunlu alan boş: Sütun X');
  });

  it('uses the collection\'s label when given', () => {
    expect(errorMessage({ field: 'category', code: 'required' }, 'tr', 'financeRecords')).toBe('Zorunlu alan boş: Kategori');
    expect(errorMessage({ field: 'donorNationalId', code: 'checksum' }, 'tr', 'donations')).toBe(
      'Bağışçı TC Kimlik No geçersiz (kontrol hanesi tutmuyor)',
    );
  });

  it('has a non-empty sentence for every code parseRow can produce, in both languages', () => {
    const { errors } = parseRow(
      'beneficiaries',
      { fullName: 'A', nationalId: '123', phone: 'x', email: 'x', birthDate: 'x', city: 'x', householdSize: '99', monthlyIncome: 'x', iban: 'x', category: 'x', notes: 'n'.repeat(3000) },
      { numberStyle: 'tr', partial: false, today: '2025-01-01' },
    );
    for (const e of errors) {
      for (const lang of ['tr', 'en'] as const) {
        const m = errorMessage(e, lang, 'beneficiaries');
        expect(m.length).toBeGreaterThan(10);
        expect(m).not.toMatch(/undefined|\{|\}/);
      }
    }
    for (const code of ERROR_CODES) {
      expect(errorMessage({ field: 'amount', code, params: { row: 3 } }, 'tr')).not.toBe('');
    }
  });
});
