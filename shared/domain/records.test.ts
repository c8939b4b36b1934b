import { describe, expect, it } from 'vitest';
import { checkRecord, foldTr, parseRow, personNameKey, shiftIsoDate, type CellValue, type FieldError } from './index';
import { foldedWords } from './text';
import { makeTcKimlik } from './fixtures.test-util';

const TODAY = '2025-06-15';
const full = { numberStyle: 'tr' as const, partial: false, today: TODAY };
const partial = { numberStyle: 'tr' as const, partial: true, today: TODAY };
const codes = (errors: FieldError[]) => errors.map((e) => `${e.field}:${e.code}`).sort();

describe('parseRow — beneficiaries', () => {
  const row: Record<string, CellValue> = {
    fullName: '  Ayşe   Yılmaz ',
    nationalId: '172 917 160 60',
    phone: '0532 123 45 67',
    email: ' Ayse@Example.COM ',
    birthDate: '05.03.1980',
    city: 'istanbul',
    district: 'Kadıköy',
    address: 'Moda Cd. No: 1\r\nDaire 3',
    householdSize: '4',
    monthlyIncome: '₺ 1.250,50',
    iban: 'tr33 0006 1005 1978 6457 8413 26',
    category: 'Yaşlı',
    status: '',
    notes: '',
  };

  it('normalises every field', () => {
    const { record, errors } = parseRow('beneficiaries', row, full);
    expect(errors).toEqual([]);
    expect(record).toEqual({
      fullName: 'Ayşe Yılmaz',
      nationalId: '17291716060',
      phone: '+905321234567',
      email: 'ayse@example.com',
      birthDate: '1980-03-05',
      city: 'İstanbul',
      district: 'Kadıköy',
      address: 'Moda Cd. No: 1\nDaire 3',
      householdSize: 4,
      monthlyIncome: 125050,
      iban: 'TR330006100519786457841326',
      category: 'yasli',
      status: 'aktif',
    });
  });

  it('accepts XLSX-typed cells: numbers for ids and amounts, Dates and serials for dates', () => {
    const { record, errors } = parseRow(
      'beneficiaries',
      { fullName: 'Ali Veli', nationalId: 17291716060, birthDate: new Date(Date.UTC(1980, 2, 5)), householdSize: 3, monthlyIncome: 12.5, phone: 5321234567 },
      full,
    );
    expect(errors).toEqual([]);
    expect(record).toMatchObject({ nationalId: '17291716060', birthDate: '1980-03-05', householdSize: 3, monthlyIncome: 1250, phone: '+905321234567' });
    expect(parseRow('beneficiaries', { fullName: 'Ali Veli', nationalId: '17291716060', birthDate: 29286 }, full).record.birthDate).toBe('1980-03-06');
  });

  it('treats empty and whitespace-only cells as missing', () => {
    const { record, errors } = parseRow('beneficiaries', { fullName: '   ', nationalId: null, phone: undefined, email: '' }, full);
    expect(codes(errors)).toEqual(['fullName:required', 'nationalId:required']);
    expect(record).toEqual({ status: 'aktif' });
  });

  it('reports every error in a row with its own code', () => {
    const { record, errors } = parseRow(
      'beneficiaries',
      {
        fullName: 'A',
        nationalId: '17291716050',
        phone: '0212 123 45 67',
        email: 'ayse@',
        birthDate: '31.02.1985',
        city: 'Atlantis',
        householdSize: '31',
        monthlyIncome: '-5',
        iban: 'TR330006100519786457841327',
        category: 'zengin',
        notes: 'x'.repeat(2001),
      },
      full,
    );
    expect(codes(errors)).toEqual([
      'birthDate:invalid_format',
      'category:unknown_value',
      'city:unknown_value',
      'email:invalid_format',
      'fullName:invalid_format',
      'householdSize:out_of_range',
      'iban:checksum',
      'monthlyIncome:out_of_range',
      'nationalId:checksum',
      'notes:too_long',
      'phone:invalid_format',
    ]);
    expect(errors.find((e) => e.field === 'notes')?.params).toMatchObject({ max: 2000 });
    expect(errors.find((e) => e.field === 'householdSize')?.params).toEqual({ min: 1, max: 30 });
    expect(errors.find((e) => e.field === 'city')?.params).toEqual({ value: 'Atlantis' });
    expect(record).toEqual({ status: 'aktif' });
  });

  it('tells a malformed national id from a bad checksum', () => {
    const err = (v: CellValue) => parseRow('beneficiaries', { fullName: 'Ali Veli', nationalId: v }, full).errors;
    expect(codes(err('07291716060'))).toEqual(['nationalId:invalid_format']);
    expect(codes(err('1729171606'))).toEqual(['nationalId:invalid_format']);
    expect(codes(err(1.5))).toEqual(['nationalId:invalid_format']);
    expect(codes(err('17291716061'))).toEqual(['nationalId:checksum']);
  });

  it('keeps birth dates between 1900 and today', () => {
    const birth = (v: string) => parseRow('beneficiaries', { fullName: 'Ali Veli', nationalId: '17291716060', birthDate: v }, full);
    expect(birth('15.06.2025').errors).toEqual([]);
    expect(birth('16.06.2025').errors).toEqual([{ field: 'birthDate', code: 'out_of_range', params: { min: '1900-01-01', max: TODAY } }]);
    expect(codes(birth('31.12.1899').errors)).toEqual(['birthDate:out_of_range']);
    expect(birth('01.01.1900').errors).toEqual([]);
  });

  it('allows a zero income but not a negative one', () => {
    const income = (v: CellValue) => parseRow('beneficiaries', { fullName: 'Ali Veli', nationalId: '17291716060', monthlyIncome: v }, full);
    expect(income('0').record.monthlyIncome).toBe(0);
    expect(income('-0,01').errors[0]).toMatchObject({ field: 'monthlyIncome', code: 'out_of_range' });
    expect(income('1.234,567').errors[0]).toMatchObject({ field: 'monthlyIncome', code: 'invalid_format' });
    expect(income('$ 100').errors[0]).toMatchObject({ field: 'monthlyIncome', code: 'invalid_format', params: { currency: 'USD' } });
  });

  it('in partial mode needs only the natural key and fills no defaults', () => {
    const { record, errors } = parseRow('beneficiaries', { nationalId: '17291716060', phone: '5321234567' }, partial);
    expect(errors).toEqual([]);
    expect(record).toEqual({ nationalId: '17291716060', phone: '+905321234567' });
    expect(codes(parseRow('beneficiaries', { phone: '5321234567' }, partial).errors)).toEqual(['nationalId:required']);
  });

  it('ignores keys that are not fields', () => {
    const { record, errors } = parseRow('beneficiaries', { fullName: 'Ali Veli', nationalId: '17291716060', shoeSize: '42' }, full);
    expect(errors).toEqual([]);
    expect(record).not.toHaveProperty('shoeSize');
  });
});

describe('parseRow — donations and finance', () => {
  it('parses a donation and fills defaults', () => {
    const { record, errors } = parseRow(
      'donations',
      { receiptNo: 1001, donorName: 'Mehmet Kaya', amount: '1.250,50 TL', date: '01.02.2024', method: 'EFT' },
      full,
    );
    expect(errors).toEqual([]);
    expect(record).toEqual({
      receiptNo: '1001',
      donorName: 'Mehmet Kaya',
      amount: 125050,
      currency: 'TRY',
      date: '2024-02-01',
      method: 'havale',
      purpose: 'genel',
      status: 'tamamlandi',
    });
  });

  it('requires a positive amount', () => {
    const base = { receiptNo: 'M-1', donorName: 'Mehmet Kaya', date: '2024-02-01' };
    expect(parseRow('donations', { ...base, amount: '0' }, full).errors).toEqual([
      { field: 'amount', code: 'out_of_range', params: { exclusiveMin: 0 } },
    ]);
    expect(codes(parseRow('donations', { ...base, amount: '0,01' }, full).errors)).toEqual([]);
    expect(codes(parseRow('donations', { ...base, amount: 'yüz' }, full).errors)).toEqual(['amount:invalid_format']);
  });

  it('follows the number style for ambiguous amounts', () => {
    const base = { receiptNo: 'M-1', donorName: 'Mehmet Kaya', date: '2024-02-01', amount: '1.234' };
    expect(parseRow('donations', base, full).record.amount).toBe(123400);
    expect(codes(parseRow('donations', base, { ...full, numberStyle: 'intl' }).errors)).toEqual(['amount:invalid_format']);
  });

  it('takes the currency from the amount cell when the currency column is empty', () => {
    const base = { receiptNo: 'M-1', donorName: 'Mehmet Kaya', date: '2024-02-01' };
    expect(parseRow('donations', { ...base, amount: '$ 100' }, full).record).toMatchObject({ amount: 10000, currency: 'USD' });
    expect(parseRow('donations', { ...base, amount: '100', currency: '€' }, full).record).toMatchObject({ amount: 10000, currency: 'EUR' });
    const clash = parseRow('donations', { ...base, amount: '$ 100', currency: 'TL' }, full);
    expect(clash.errors).toEqual([{ field: 'amount', code: 'invalid_format', params: { currency: 'USD', expected: 'TRY' } }]);
    expect(codes(parseRow('donations', { ...base, amount: '100', currency: 'JPY' }, full).errors)).toEqual(['currency:unknown_value']);
  });

  it('validates donor contact fields like beneficiaries', () => {
    const { errors } = parseRow(
      'donations',
      { receiptNo: 'M-1', donorName: 'Mehmet Kaya', date: '2024-02-01', amount: 5, donorNationalId: '17291716050', donorPhone: '0212 123 45 67', donorEmail: 'x' },
      full,
    );
    expect(codes(errors)).toEqual(['donorEmail:invalid_format', 'donorNationalId:checksum', 'donorPhone:invalid_format']);
  });

  it('parses a finance record', () => {
    const { record, errors } = parseRow(
      'financeRecords',
      { documentNo: 'F-7', type: 'Gider', amount: '2.500', date: 45292, category: 'Kira', counterparty: 'ABC  Ltd.' },
      full,
    );
    expect(errors).toEqual([]);
    expect(record).toEqual({
      documentNo: 'F-7',
      type: 'gider',
      amount: 250000,
      currency: 'TRY',
      date: '2024-01-01',
      category: 'Kira',
      counterparty: 'ABC Ltd.',
      status: 'onaylandi',
    });
    expect(codes(parseRow('financeRecords', {}, full).errors)).toEqual([
      'amount:required', 'category:required', 'date:required', 'documentNo:required', 'type:required',
    ]);
  });
});

describe('checkRecord', () => {
  const samples = {
    beneficiaries: {
      fullName: 'Ayşe Yılmaz', nationalId: makeTcKimlik('123456789'), phone: '+90 532 123 45 67', email: 'a@b.org',
      birthDate: '1.1.1950', city: 'IĞDIR', district: 'Merkez', address: 'Satır 1\nSatır 2', householdSize: '5',
      monthlyIncome: '0', iban: 'TR330006100519786457841326', category: 'Mülteci', notes: 'Not',
    },
    donations: {
      receiptNo: 'M-1', donorName: 'Mehmet Kaya', amount: '100', currency: 'USD', date: '2024-01-01', method: 'Kredi Kartı',
      purpose: 'Kurban', donorNationalId: '17291716060', donorPhone: '05321234567', donorEmail: 'm@k.com', status: 'iptal', notes: 'x',
    },
    financeRecords: {
      documentNo: 'F-1', type: 'gelir', amount: '1.234,56', currency: 'TL', date: '31/12/2023', category: 'Aidat',
      counterparty: 'Üye', description: 'Aralık', status: 'Beklemede',
    },
  } as const;

  for (const [collection, cells] of Object.entries(samples) as [keyof typeof samples, Record<string, CellValue>][]) {
    it(`accepts what parseRow produces for ${collection}`, () => {
      const full1 = parseRow(collection, cells, full);
      expect(full1.errors).toEqual([]);
      expect(checkRecord(collection, full1.record, { partial: false, today: TODAY })).toEqual([]);
      const some = parseRow(collection, Object.fromEntries(Object.entries(cells).slice(0, 3)), partial);
      expect(some.errors).toEqual([]);
      expect(checkRecord(collection, some.record, { partial: true, today: TODAY })).toEqual([]);
    });
  }

  const good = parseRow('donations', samples.donations, full).record;
  const check = (patch: Record<string, unknown>, partialMode = false) =>
    codes(checkRecord('donations', { ...good, ...patch }, { partial: partialMode, today: TODAY }));

  it('rejects tampered money, dates, ids and enums', () => {
    expect(check({ amount: 12.5 })).toEqual(['amount:invalid_format']);
    expect(check({ amount: '1250' })).toEqual(['amount:invalid_format']);
    expect(check({ amount: 0 })).toEqual(['amount:out_of_range']);
    expect(check({ date: '31.12.2023' })).toEqual(['date:invalid_format']);
    expect(check({ date: '2023-02-29' })).toEqual(['date:invalid_format']);
    expect(check({ donorNationalId: '17291716050' })).toEqual(['donorNationalId:checksum']);
    expect(check({ donorNationalId: 17291716060 })).toEqual(['donorNationalId:invalid_format']);
    expect(check({ method: 'Kredi Kartı' })).toEqual(['method:unknown_value']);
    expect(check({ currency: 'TL' })).toEqual(['currency:unknown_value']);
    expect(check({ donorPhone: '05321234567' })).toEqual(['donorPhone:invalid_format']);
    expect(check({ donorEmail: 'M@K.com' })).toEqual(['donorEmail:invalid_format']);
    expect(check({ donorName: ' Mehmet  Kaya' })).toEqual(['donorName:invalid_format']);
    expect(check({ notes: 'y'.repeat(2001) })).toEqual(['notes:too_long']);
  });

  it('reports missing required fields unless partial, and unknown keys', () => {
    expect(check({ donorName: undefined })).toEqual(['donorName:required']);
    expect(check({ donorName: undefined }, true)).toEqual([]);
    expect(check({ receiptNo: '' }, true)).toEqual(['receiptNo:required']);
    expect(check({ notes: null })).toEqual(['notes:invalid_format']);
    expect(check({ hacked: true })).toEqual(['hacked:unknown_value']);
    expect(check({ _id: 'abc', _creationTime: 1 })).toEqual([]);
  });

  it('rejects tampered beneficiary values', () => {
    const b = parseRow('beneficiaries', samples.beneficiaries, full).record;
    const cb = (patch: Record<string, unknown>) => codes(checkRecord('beneficiaries', { ...b, ...patch }, { partial: false, today: TODAY }));
    expect(cb({ city: 'Igdir' })).toEqual(['city:unknown_value']);
    expect(cb({ householdSize: 2.5 })).toEqual(['householdSize:invalid_format']);
    expect(cb({ householdSize: 0 })).toEqual(['householdSize:out_of_range']);
    expect(cb({ birthDate: '2030-01-01' })).toEqual(['birthDate:out_of_range']);
    expect(cb({ iban: 'TR33 0006 1005 1978 6457 8413 26' })).toEqual(['iban:invalid_format']);
    expect(cb({ iban: 'TR330006100519786457841327' })).toEqual(['iban:checksum']);
    expect(cb({ monthlyIncome: -1 })).toEqual(['monthlyIncome:out_of_range']);
    expect(cb({ fullName: 'A' })).toEqual(['fullName:invalid_format']);
    expect(cb({ nationalId: '0123' })).toEqual(['nationalId:invalid_format']);
  });
});

describe('rows without their natural key (fallback matching)', () => {
  it('a person without a TC Kimlik No is not wrong for it when a name + birth date or name + phone can find them', () => {
    expect(parseRow('beneficiaries', { fullName: 'Ayşe Yılmaz', birthDate: '05.03.1980' }, full).errors).toEqual([]);
    expect(parseRow('beneficiaries', { fullName: 'Ayşe Yılmaz', phone: '0532 123 45 67' }, partial).errors).toEqual([]);
    // A name alone, or a birth date without a name, is no rule: the key stays required.
    expect(codes(parseRow('beneficiaries', { fullName: 'Ayşe Yılmaz', city: 'Bursa' }, full).errors)).toEqual(['nationalId:required']);
    expect(codes(parseRow('beneficiaries', { birthDate: '05.03.1980' }, full).errors)).toEqual(['fullName:required', 'nationalId:required']);
    // A birth date that does not read is its own error, and leaves no rule to match by.
    expect(codes(parseRow('beneficiaries', { fullName: 'Ayşe Yılmaz', birthDate: '31.02.1980' }, full).errors)).toEqual(['birthDate:invalid_format', 'nationalId:required']);
    expect(checkRecord('beneficiaries', { fullName: 'Ayşe Yılmaz', birthDate: '1980-03-05' }, { partial: false, today: TODAY })).toEqual([]);
  });

  it('a donation without a receipt number may match by donor, amount and date', () => {
    expect(parseRow('donations', { donorName: 'Hasan Öztürk', amount: '1.500,00', date: '10.03.2025' }, full).errors).toEqual([]);
    expect(codes(parseRow('donations', { donorName: 'Hasan Öztürk', date: '10.03.2025' }, full).errors)).toEqual(['amount:required', 'receiptNo:required']);
  });

  it('names compare folded (Turkish letters, case, punctuation) and in any order', () => {
    expect(personNameKey('AYŞE YILMAZ')).toBe('ayse yilmaz');
    expect(personNameKey('Yılmaz, Ayşe')).toBe('ayse yilmaz');
    expect(personNameKey('  ayse   yilmaz ')).toBe('ayse yilmaz');
    expect(personNameKey('İsmail Işık')).toBe(personNameKey('ISMAIL ISIK'));
    expect(personNameKey('Ayşe Yılmaz')).not.toBe(personNameKey('Ayşe Yılmazer'));
    // The one-pass fold of plain text (foldedWords) gives foldTr's words, whatever the letters and punctuation.
    // Letters, punctuation, and the unit words a fold drops at the end ("Ali TL" is "ali").
    const alphabet = [..."aAiIıİzZ09çÇğĞöÖşŞüÜâÂîÎûÛ .,'’`´-‐–/()[]\tÉé\u00a0tlTRY", ' tl', ' TL', ' Try', ' YTL'];
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let n = 0; n < 3000; n++) {
      const name = Array.from({ length: 1 + Math.floor(rand() * 14) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      expect(personNameKey(name), JSON.stringify(name)).toBe(foldTr(name).split(' ').filter((w) => w !== '').sort().join(' '));
      expect(foldedWords(name).join(' '), JSON.stringify(name)).toBe(foldTr(name));
    }
    expect(shiftIsoDate('2025-03-01', -1)).toBe('2025-02-28');
    expect(shiftIsoDate('2024-12-31', 2)).toBe('2025-01-02');
  });
});
