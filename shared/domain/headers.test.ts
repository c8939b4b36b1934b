import { describe, expect, it } from 'vitest';
import { importFields, missingRequiredFields, suggestMapping } from './index';
import { COLLECTIONS } from './vocabularies';
import { headerWords } from './headers';
import { columnValueKind, columnValueKinds } from './headerEvidence';
import type { CellValue } from './types';
import { completeTcKimlik } from './tckimlik';
import { scoreAllCorpora } from './headerCorpus.test-util';

/** suggestMapping with the value kinds of these sample rows, as the importer calls it. */
const withValues = (collection: Parameters<typeof suggestMapping>[0], headers: string[], samples: readonly (readonly CellValue[])[]) =>
  suggestMapping(collection, headers, { valueKinds: columnValueKinds(headers.length, samples) });
const field = (collection: Parameters<typeof suggestMapping>[0], header: string) => suggestMapping(collection, [header])[0]?.field ?? null;

describe('suggestMapping', () => {
  it('maps real Turkish headers with full confidence', () => {
    const headers = ['Adı Soyadı', 'T.C. Kimlik No', 'Aylık Gelir (TL)', 'Cep Telefonu', 'İl', 'Doğum Tarihi', 'E-posta', 'Hane Nüfusu'];
    const result = suggestMapping('beneficiaries', headers);
    expect(result.map((s) => s.field)).toEqual(['fullName', 'nationalId', 'monthlyIncome', 'phone', 'city', 'birthDate', 'email', 'householdSize']);
    expect(result.every((s) => s.confidence === 1)).toBe(true);
    expect(result.map((s) => s.header)).toEqual(headers);
  });

  it('maps no header without a letter, and no alias lacks one (header detection passes over such cells)', () => {
    const letterless = ['2024', '#', '17.06.1962', '0532 111 22 33', '1.234,56', '10000000078', '%', '1', '-'];
    for (const collection of COLLECTIONS) {
      expect(suggestMapping(collection, letterless).map((s) => s.field), collection).toEqual(letterless.map(() => null));
      for (const f of importFields(collection)) for (const alias of f.aliases) expect(alias, `${collection}.${f.key}`).toMatch(/\p{L}/u);
    }
  });

  it('says why, in both languages', () => {
    const [s] = suggestMapping('beneficiaries', ['T.C. KİMLİK NO']);
    expect(s).toEqual({
      header: 'T.C. KİMLİK NO',
      field: 'nationalId',
      confidence: 1,
      reason: { tr: 'T.C. KİMLİK NO → TC Kimlik No: aynı sözcükler', en: 'T.C. KİMLİK NO → National ID number: same words' },
    });
    expect(suggestMapping('beneficiaries', ['Baba Adı'])[0]).toEqual({ header: 'Baba Adı', field: null, confidence: 0, reason: null });
  });

  it('matches upper-case headers typed on a Turkish keyboard', () => {
    expect(field('beneficiaries', 'TC KİMLİK NO')).toBe('nationalId');
    expect(field('beneficiaries', 'İLÇE')).toBe('district');
    expect(field('beneficiaries', 'ŞEHİR')).toBe('city');
  });

  it('reads the issue\'s office headers: abbreviations, suffixes, units, synonyms', () => {
    const headers = ['SIRA NO', 'ADI SOYADI', 'T.C. KİMLİK NO', 'CEP TEL.', 'DOĞUM TARİHİ', 'İLİ', 'İLÇESİ', 'HANE SAYISI', 'AYLIK GELİR (TL)'];
    expect(suggestMapping('beneficiaries', headers).map((s) => s.field)).toEqual([
      null, 'fullName', 'nationalId', 'phone', 'birthDate', 'city', 'district', 'householdSize', 'monthlyIncome',
    ]);
  });

  it('expands abbreviations: TEL, NO, T.C., TCKN, D., TAR., GSM', () => {
    const cases: [string, string][] = [['TEL', 'phone'], ['Tel No', 'phone'], ['GSM', 'phone'], ['GSM No', 'phone'], ['TC NO', 'nationalId'], ['T.C.', 'nationalId'], ['T.C.K.N.', 'nationalId'], ['TCKN', 'nationalId'], ['D. TAR.', 'birthDate'], ['D.TARİHİ', 'birthDate'], ['Doğ. Tar.', 'birthDate']];
    for (const [h, f] of cases) expect([h, field('beneficiaries', h)]).toEqual([h, f]);
    const s = suggestMapping('beneficiaries', ['CEP TEL.'])[0]!;
    expect(s.reason?.en).toBe('CEP TEL. → Phone: abbreviation');
    expect(s.confidence).toBeLessThan(1);
  });

  it('strips possessive and plural suffixes: İLİ, İLÇESİ, DURUMU, NOTLAR, TUTARI, ADRESİ', () => {
    expect(field('beneficiaries', 'İLİ')).toBe('city');
    expect(field('beneficiaries', 'İLÇESİ')).toBe('district');
    expect(field('beneficiaries', 'DURUMU')).toBe('status');
    expect(field('beneficiaries', 'NOTLARI')).toBe('notes');
    expect(field('beneficiaries', 'ADRESİ')).toBe('address');
    expect(field('donations', 'BAĞIŞ TUTARI')).toBe('amount');
    expect(field('financeRecords', 'TUTARI')).toBe('amount');
    expect(suggestMapping('beneficiaries', ['İLÇESİ'])[0]?.reason?.en).toBe('İLÇESİ → District: the same word with a suffix');
  });

  it('drops punctuation and units in parentheses, but not a count', () => {
    expect(field('beneficiaries', 'Aylık Gelir TL')).toBe('monthlyIncome');
    expect(field('beneficiaries', 'Doğum Tarihi (gg.aa.yyyy)')).toBe('birthDate');
    expect(field('donations', 'Tutar (USD)')).toBe('amount');
    expect(field('financeRecords', 'Miktar (Adet)')).toBeNull();
  });

  it('knows synonyms per field', () => {
    for (const h of ['Hane Sayısı', 'Hane Halkı Sayısı', 'Aile Fert Sayısı', 'Kişi Sayısı', 'Hanedeki Kişi Sayısı', 'Aile Birey Sayısı']) {
      expect([h, field('beneficiaries', h)]).toEqual([h, 'householdSize']);
    }
    for (const h of ['Bağış Yapan', 'Bağışçı', 'Gönderen', 'Hayırsever Adı']) expect([h, field('donations', h)]).toEqual([h, 'donorName']);
    for (const h of ['Fiş No', 'Fatura No', 'Evrak No', 'Yevmiye No']) expect([h, field('financeRecords', h)]).toEqual([h, 'documentNo']);
    expect(suggestMapping('beneficiaries', ['Aile Fert Sayısı'])[0]?.reason?.en).toContain('synonym');
  });

  it('reads a subject word only before the fields it may prefix', () => {
    expect(field('donations', 'Bağışçı TC')).toBe('donorNationalId');
    expect(field('donations', 'Bağış Türü')).toBe('purpose');
    expect(field('donations', 'Bağışçı Türü')).toBeNull();
    expect(field('beneficiaries', 'İhtiyaç Sahibinin Adı Soyadı')).toBe('fullName');
  });

  it.each(['Baba Adı', 'Anne Adı', 'Doğum Yeri', 'Kayıt Tarihi', 'Teslim Tarihi', 'KDV', 'KDV Tutarı', 'Bakiye', 'SIRA NO'])(
    'leaves "%s" unmapped in every collection, even over values that look like a field',
    (header) => {
      const tc = completeTcKimlik('172917160');
      const samples = [[tc], ['05321234567'], ['12.03.1985'], ['1.234,56']];
      for (const c of ['beneficiaries', 'donations', 'financeRecords'] as const) {
        expect(suggestMapping(c, [header])[0]?.field).toBeNull();
        for (const values of samples) {
          expect(withValues(c, [header], [values, values, values])[0]?.field).toBeNull();
        }
      }
    },
  );

  it('matches a typo with less than full confidence', () => {
    const [s] = suggestMapping('beneficiaries', ['Telefn']);
    expect(s?.field).toBe('phone');
    expect(s?.confidence).toBeGreaterThanOrEqual(0.75);
    expect(s?.confidence).toBeLessThan(1);
    expect(s?.reason?.en).toBe('Telefn → Phone: a likely typo');
  });

  it('gives each field to one header only, the most confident one', () => {
    const result = suggestMapping('beneficiaries', ['Telefn', 'Cep Telefonu']);
    expect(result[0]).toEqual({ header: 'Telefn', field: null, confidence: 0, reason: null });
    expect(result[1]?.field).toBe('phone');
    const dup = suggestMapping('beneficiaries', ['Durum', 'Durum']);
    expect(dup.map((s) => s.field)).toEqual(['status', null]);
  });

  it('leaves unrelated and empty headers unmapped', () => {
    const result = suggestMapping('beneficiaries', ['Sıra No', 'Rastgele Sütun', '', 'X', 'Ev Telefonu', 'Telefon 2', 'Soyadı']);
    expect(result.every((s) => s.field === null && s.confidence === 0)).toBe(true);
  });

  it('uses the collection\'s own aliases', () => {
    expect(field('donations', 'Ad Soyad')).toBe('donorName');
    expect(suggestMapping('financeRecords', ['Fiş No', 'İşlem Türü', 'Firma', 'Hesap']).map((s) => s.field)).toEqual(['documentNo', 'type', 'counterparty', 'category']);
    expect(field('financeRecords', 'Açıklama')).toBe('description');
    expect(field('beneficiaries', 'Açıklama')).toBe('notes');
  });
});

describe('values as evidence', () => {
  const ids = ['172917160', '234567891', '345678912'].map(completeTcKimlik);
  const col = (values: CellValue[]) => values.map((v) => [v]);

  it('tells the kind of a column: national IDs (as numbers too), mobiles, dates, e-mails, numbers', () => {
    expect(columnValueKind(ids.map(Number))).toBe('nationalId');
    expect(columnValueKind([completeTcKimlik('991234567'), ...ids])).toBe('nationalId');
    expect(columnValueKind([5321234567, '0532 123 45 67', '+90 505 111 22 33'])).toBe('phone');
    expect(columnValueKind(['12.03.1985', new Date(Date.UTC(1990, 0, 1)), '1.1.2000'])).toBe('date');
    expect(columnValueKind(['a@b.com.tr', 'x@y.org'])).toBe('email');
    expect(columnValueKind(['1.234,56', 2500, '0'])).toBe('number');
    expect(columnValueKind(['Ali', 'Veli'])).toBeNull();
    expect(columnValueKind([null, '', undefined])).toBeNull();
  });

  it('confirms a header match and says so', () => {
    const [s] = withValues('beneficiaries', ['Kimlik'], col(ids));
    expect(s?.field).toBe('nationalId');
    expect(s?.reason?.en).toBe('Kimlik → National ID number: same words, its values are national ID numbers too');
    expect(s!.confidence).toBeGreaterThan(suggestMapping('beneficiaries', ['Kimlik'])[0]!.confidence);
  });

  it('settles a vague header only when the values say so', () => {
    expect(field('beneficiaries', 'No')).toBeNull();
    expect(withValues('beneficiaries', ['No'], col(ids))[0]?.field).toBe('nationalId');
    expect(withValues('beneficiaries', ['No'], col([1, 2, 3]))[0]?.field).toBeNull();
    expect(withValues('beneficiaries', ['İletişim'], col(['05321234567', '5051112233']))[0]?.field).toBe('phone');
    expect(withValues('beneficiaries', ['İletişim'], col(['a@b.com', 'c@d.org']))[0]?.field).toBe('email');
    expect(withValues('beneficiaries', ['İletişim'], col(['Ali', 'Veli']))[0]?.field).toBeNull();
  });

  it('breaks a tie for one field by the values, and marks a contradiction as doubtful', () => {
    const samples = [['2123334455', '05321234567'], ['2124445566', '05051112233'], ['2125556677', '05441112233']];
    const result = withValues('beneficiaries', ['Telefon', 'GSM'], samples);
    expect(result.map((s) => s.field)).toEqual([null, 'phone']);
    const [doubt] = withValues('beneficiaries', ['Doğum Tarihi'], col(ids));
    expect(doubt?.field).toBe('birthDate');
    expect(doubt!.confidence).toBeLessThan(0.7);
    expect(doubt?.reason?.en).toContain('but its values look like national ID numbers');
  });
});

describe('headerWords', () => {
  it('folds Turkish case and letters, splits punctuation, drops units', () => {
    expect(headerWords('T.C. KİMLİK NO')).toEqual(['t', 'c', 'kimlik', 'no']);
    expect(headerWords('AYLIK GELİR (TL)')).toEqual(['aylik', 'gelir']);
    expect(headerWords('fullName')).toEqual(['full', 'name']);
    expect(headerWords('Telefon2')).toEqual(['telefon', '2']);
  });
});

describe('header corpus', () => {
  it('maps ≥ 95 % of each record type\'s spellings right and none wrong', () => {
    for (const s of scoreAllCorpora()) {
      expect(s.total).toBeGreaterThanOrEqual(300);
      expect(s.wrong).toEqual([]);
      expect(s.right / s.total).toBeGreaterThanOrEqual(0.95);
    }
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
