import i18next from 'i18next';
import { describe, expect, test } from 'vitest';
import { exportInput } from '../../../../shared/contract/exports';
import { filtersOf, initialState, jobInputOf, moveColumn } from './exportForm';
import { exportEn, exportTr } from './exportMessages';

function keysOf(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('export form', () => {
  test('only the filters the collection has reach the count and the job', () => {
    const s = { ...initialState('donations'), from: '2025-01-01', city: 'Kars', type: 'gelir', status: 'iptal' };
    expect(filtersOf(s)).toEqual({ collection: 'donations', from: '2025-01-01', status: 'iptal' });
    const b = { ...initialState('beneficiaries'), city: 'Kars', category: 'yetim' };
    expect(filtersOf(b)).toEqual({ collection: 'beneficiaries', city: 'Kars', category: 'yetim' });
  });

  test('the job input names columns only when they differ from the default, and passes the contract', () => {
    const s = initialState('financeRecords');
    expect(jobInputOf(s, null)).toEqual({ collection: 'financeRecords', headerLang: 'tr', format: 'excel-tr' });
    const reordered = { ...s, columns: moveColumn(s.columns, 2, -1).map((c) => ({ ...c, checked: c.key !== 'description' })), format: 'xlsx' as const };
    const target = 'file:5f0c1e6a-3b1d-4c2e-9a7b-1d2e3f4a5b6c';
    const input = jobInputOf(reordered, target);
    expect(input.columns?.slice(0, 3)).toEqual(['documentNo', 'amount', 'type']);
    expect(input.columns).not.toContain('description');
    expect(exportInput.parse(input)).toMatchObject({ format: 'xlsx', target });
    // A path is not a target the contract accepts: only the save dialog's id is.
    expect(exportInput.safeParse(jobInputOf(reordered, '/tmp/x.xlsx')).success).toBe(false);
  });

  test('anonymised: the identifying columns are not offered nor sent, and the job input says anonymised', () => {
    const s = { ...initialState('beneficiaries'), anonymised: true };
    expect(jobInputOf(s, null)).toEqual({ collection: 'beneficiaries', headerLang: 'tr', format: 'excel-tr', anonymised: true });
    const some = { ...s, columns: s.columns.map((c) => ({ ...c, checked: ['fullName', 'nationalId', 'city', 'birthDate'].includes(c.key) })) };
    const input = jobInputOf(some, null);
    expect(input.columns).toEqual(['birthDate', 'city']);
    expect(exportInput.parse(input)).toMatchObject({ anonymised: true });
    // Switched back, the columns chosen before are there again.
    expect(jobInputOf({ ...some, anonymised: false }, null).columns).toEqual(['fullName', 'nationalId', 'birthDate', 'city']);
    expect(initialState('donations', s).anonymised).toBe(true);
  });

  test('moving past either end changes nothing', () => {
    expect(moveColumn([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(moveColumn([1, 2, 3], 2, 1)).toEqual([1, 2, 3]);
    expect(moveColumn([1, 2, 3], 1, 1)).toEqual([1, 3, 2]);
  });

  test('Turkish and English messages have the same keys', () => {
    expect(keysOf(exportEn)).toEqual(keysOf(exportTr));
  });

  test('the messages register themselves once i18next is initialised, in both languages', async () => {
    await i18next.init({ lng: 'tr', resources: { tr: { translation: { app: { title: 'x' } } }, en: { translation: {} } } });
    expect(i18next.t('export.title')).toBe('Dışa aktar');
    expect(i18next.t('app.title')).toBe('x');
    expect(i18next.getFixedT('en')('export.formats.excel-tr')).toBe('Excel (Turkish) CSV');
  });
});
