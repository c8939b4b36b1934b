import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { describeIdentityRule, identityRule, mappingProblems } from '../../../../shared/domain/mappingProblems';
import { runCheck } from './checkPass';
import { assertMappingUsable, suggestColumns } from './mapping';
import { applyMemory, MappingMemory } from '../mappingMemory';
import { BENEFICIARY_HEADERS, tempDir, writeExcelCsv } from '../importer.test-util';

describe('suggestColumns', () => {
  it('maps the Turkish headers of a real beneficiaries file without help', () => {
    const s = suggestColumns('beneficiaries', BENEFICIARY_HEADERS);
    expect(s.map((x) => x.field)).toEqual([
      'fullName', 'nationalId', 'phone', 'email', 'birthDate', 'city', 'district', 'address', 'householdSize', 'monthlyIncome', 'category', 'status',
    ]);
    expect(s[1]).toMatchObject({ header: 'T.C. Kimlik No', confidence: 1, source: 'header' });
    expect(s[9]).toMatchObject({ header: 'Aylık Gelir (TL)', field: 'monthlyIncome', confidence: 1 });
  });

  it('leaves unknown headers unmapped with confidence 0', () => {
    const s = suggestColumns('beneficiaries', ['Ad Soyad', 'Ayakkabı Numarası']);
    expect(s[1]).toMatchObject({ field: null, confidence: 0, source: 'none' });
  });
});

describe('mappingProblems', () => {
  it('blocks an unmapped required field with a reason in both languages', () => {
    const problems = mappingProblems('beneficiaries', ['Ad Soyad', 'E-posta'], ['fullName', 'email']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'missing_required', field: 'nationalId' });
    expect(problems[0]?.messageTr).toContain('TC Kimlik No');
    expect(problems[0]?.messageTr).toContain('Ad Soyad + Doğum Tarihi veya Ad Soyad + Telefon sütunlarını eşleyin');
    expect(problems[0]?.messageEn).toContain('National ID number');
    expect(() => assertMappingUsable('beneficiaries', ['Ad Soyad', 'E-posta'], ['fullName', 'email'])).toThrow(/National ID number/);
    expect(describeIdentityRule('beneficiaries', ['fullName', 'email'])).toBeNull();
  });

  it('a file without the natural key column is usable when a fallback rule’s fields are mapped, and says the rule', async () => {
    expect(mappingProblems('beneficiaries', ['Ad Soyad', 'Doğum Tarihi'], ['fullName', 'birthDate'])).toEqual([]);
    expect(mappingProblems('beneficiaries', ['Ad Soyad', 'Telefon'], ['fullName', 'phone'])).toEqual([]);
    expect(mappingProblems('beneficiaries', ['Doğum Tarihi', 'Telefon'], ['birthDate', 'phone']).map((p) => p.field)).toEqual(['fullName', 'nationalId']);
    expect(mappingProblems('donations', ['Bağışçı', 'Tutar', 'Tarih'], ['donorName', 'amount', 'date'])).toEqual([]);
    expect(mappingProblems('financeRecords', ['Tutar', 'Tarih', 'Tür'], ['amount', 'date', 'type']).map((p) => p.field)).toContain('documentNo');
    expect(identityRule('beneficiaries', ['fullName', 'birthDate', 'phone'])).toEqual({ keyMapped: false, rules: ['nameBirthDate', 'namePhone'] });
    expect(describeIdentityRule('beneficiaries', ['fullName', 'birthDate'])?.tr).toBe(
      'TC Kimlik No sütunu yok: her satır sistemdeki kayıtla ad ve doğum tarihi ile eşleştirilecek. Hiçbir kayda uymayan ya da birden çok kayda uyan satır hatalı sayılır; yeni kayıt eklenemez.',
    );
    expect(describeIdentityRule('beneficiaries', ['fullName', 'nationalId', 'phone'])?.en).toBe(
      'Rows are matched to stored records by National ID number; rows where it is empty by name and phone.',
    );
    // The check takes such a file: its rows are valid until the dry run looks their records up.
    const dir = tempDir();
    const file = writeExcelCsv(join(dir, 'tcsiz.csv'), ['ADI SOYADI', 'DOĞUM TARİHİ'], [['Ayşe Yılmaz', '12.03.1980'], ['Ali Veli', '']]);
    const { summary, session } = await runCheck({ path: file, collection: 'beneficiaries', mapping: ['fullName', 'birthDate'] }, { dataDir: dir, today: '2025-06-01' });
    expect(summary).toMatchObject({ rows: 2, valid: 1, invalid: 1 });
    expect((await session.getRows({ offset: 0, limit: 5, onlyErrors: true })).rows[0]?.errors.map((e) => `${e.field}|${e.code}`)).toEqual(['nationalId|required']);
    await session.close();
  });

  it('reports a field fed by two columns and an unknown field', () => {
    const problems = mappingProblems('donations', ['Makbuz', 'Bağışçı', 'Tutar', 'Tarih', 'Tutar 2'], ['receiptNo', 'donorName', 'amount', 'date', 'amount']);
    expect(problems.map((p) => p.code)).toEqual(['field_twice']);
    expect(problems[0]?.columns).toEqual([2, 4]);
    expect(mappingProblems('donations', ['X'], ['shoeSize']).map((p) => p.code)).toContain('unknown_field');
  });

  it('accepts a complete mapping', () => {
    expect(mappingProblems('beneficiaries', BENEFICIARY_HEADERS, suggestColumns('beneficiaries', BENEFICIARY_HEADERS).map((s) => s.field))).toEqual([]);
  });
});

describe('MappingMemory', () => {
  it('offers a confirmed mapping again for the same layout, whatever the column order and case', () => {
    const dir = tempDir();
    const headers = ['İsim', 'Kimlik', 'Memleket'];
    new MappingMemory(dir).remember('beneficiaries', headers, ['fullName', 'nationalId', null]);

    const memory = new MappingMemory(dir); // a new instance reads the file
    const reordered = ['MEMLEKET', 'kimlik', 'isim'];
    expect(memory.recall('beneficiaries', reordered)).toEqual([null, 'nationalId', 'fullName']);
    expect(memory.recall('donations', reordered)).toBeUndefined();
    expect(memory.recall('beneficiaries', ['İsim', 'Kimlik'])).toBeUndefined();

    const merged = applyMemory(suggestColumns('beneficiaries', reordered), memory.recall('beneficiaries', reordered));
    expect(merged.map((s) => [s.field, s.source, s.confidence])).toEqual([
      [null, 'memory', 1],
      ['nationalId', 'memory', 1],
      ['fullName', 'memory', 1],
    ]);
  });
});
