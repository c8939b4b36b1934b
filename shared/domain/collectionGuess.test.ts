import { describe, expect, it } from 'vitest';
import { collectionGuessReason, guessCollection } from './index';

const guessed = (headers: string[]) => guessCollection(headers).collection;

describe('guessCollection', () => {
  it('takes the collection whose natural key column is there, and says which header decided', () => {
    const g = guessCollection(['Adı Soyadı', 'TC Kimlik No', 'Telefon', 'İl']);
    expect(g).toEqual({ collection: 'beneficiaries', header: 'TC Kimlik No', field: 'nationalId', basis: 'naturalKey', candidates: ['beneficiaries'] });
    expect(collectionGuessReason(g, 'tr')).toBe('“TC Kimlik No” sütunu var → İhtiyaç sahipleri');
    expect(collectionGuessReason(g, 'en')).toBe('“TC Kimlik No” (National ID number) column found → Beneficiaries');
    expect(guessed(['Makbuz No', 'Bağışçı Adı', 'Tutar', 'Tarih'])).toBe('donations');
    expect(guessed(['Belge No', 'Tür', 'Tutar', 'Tarih', 'Kategori'])).toBe('financeRecords');
  });

  it('reads headers in Turkish capitals, dotless I typed as I, and lower case alike', () => {
    for (const h of ['TC KİMLİK NO', 'TC KIMLIK NO', 'tc kimlik no', 'T.C. Kimlik Numarası', 'TCKN']) {
      expect(guessCollection(['ADI SOYADI', h])).toMatchObject({ collection: 'beneficiaries', header: h, basis: 'naturalKey' });
    }
    expect(guessCollection(['MAKBUZ NO', 'BAĞIŞÇI', 'TUTAR'])).toMatchObject({ collection: 'donations', header: 'MAKBUZ NO' });
    expect(guessCollection(['AYLIK GELİR', 'İL', 'İLÇE'])).toMatchObject({ collection: 'beneficiaries', basis: 'onlyHere', header: 'AYLIK GELİR' });
    expect(guessCollection(['İŞLEM TÜRÜ', 'TUTAR'])).toMatchObject({ collection: 'financeRecords', header: 'İŞLEM TÜRÜ' });
  });

  it('does not let a donor ID column make a donation file look like beneficiaries', () => {
    // "Bağışçı TC Kimlik No" also fuzzily fits beneficiaries' "TC Kimlik No"; its best match is the donor's ID.
    const g = guessCollection(['Bağışçı TC Kimlik No', 'Makbuz No', 'Tutar']);
    expect(g).toMatchObject({ collection: 'donations', header: 'Makbuz No', candidates: ['donations'] });
    expect(guessed(['Bağışçı TC Kimlik No', 'Bağışçı Telefon', 'Tutar'])).toBe('donations');
  });

  it('recognises our own exports in either header language and other writers’ headers', () => {
    expect(guessed(['Receipt no.', 'Donor name', 'Amount', 'Currency', 'Date'])).toBe('donations');
    expect(guessed(['Full name', 'National ID number', 'Phone'])).toBe('beneficiaries');
    expect(guessed(['documentNo', 'type', 'amount', 'date', 'category'])).toBe('financeRecords');
    // A bank statement: no key column, but "İşlem Tarihi" is a finance record's date only.
    expect(guessCollection(['İşlem Tarihi', 'Açıklama', 'Tutar', 'Bakiye', 'Dekont No'])).toMatchObject({
      collection: 'financeRecords',
      basis: 'onlyHere',
      header: 'İşlem Tarihi',
    });
    // A donation form's sheet (Google Forms style) without receipt numbers.
    expect(guessCollection(['Zaman damgası', 'Ad Soyad', 'Tutar', 'Ödeme Şekli', 'Bağış Türü'])).toMatchObject({
      collection: 'donations',
      basis: 'onlyHere',
    });
    // A spreadsheet with a typo in the key column still matches it, less than exactly.
    expect(guessCollection(['Makbz No', 'Tutar'])).toMatchObject({ collection: 'donations', basis: 'naturalKey' });
  });

  it('a key column outweighs columns that point elsewhere', () => {
    expect(guessed(['Belge No', 'Ödeme Şekli', 'Bağış Türü', 'Bağışçı Telefon'])).toBe('financeRecords');
  });

  it('chooses nothing when headers fit several collections equally, or none', () => {
    const both = guessCollection(['Makbuz No', 'Belge No', 'Tutar']);
    expect(both).toEqual({ collection: null, header: null, field: null, basis: 'ambiguous', candidates: ['donations', 'financeRecords'] });
    expect(collectionGuessReason(both, 'tr')).toBe('Başlıklar Bağışlar ve Finans kayıtları kayıtlarına eşit ölçüde uyuyor; lütfen kayıt türünü seçin');
    // Shared spellings prove nothing: name, amount, date and status exist in several collections.
    expect(guessCollection(['Ad Soyad', 'Tutar', 'Tarih', 'Durum'])).toMatchObject({ collection: null, basis: 'none' });
    expect(guessCollection(['Sütun1', 'Sütun2', ''])).toMatchObject({ collection: null, basis: 'none' });
    expect(guessCollection([])).toMatchObject({ collection: null, basis: 'none' });
    expect(collectionGuessReason(guessCollection([]), 'en')).toBe('The headers do not show which kind of records these are; please choose');
  });
});
