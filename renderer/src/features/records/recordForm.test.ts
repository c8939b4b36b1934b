import { describe, expect, test } from 'vitest';
import { completeTcKimlik } from '../../../../shared/domain';
import { changedValues, fromFormValues, toFormValues } from './recordForm';

const fatma = {
  _id: 'x', fullName: 'Fatma Şahin', nationalId: completeTcKimlik('416273859'), phone: '+905000000003', birthDate: '1948-03-02',
  city: 'Bursa', householdSize: 2, monthlyIncome: 650_000, category: 'yasli', status: 'beklemede',
};

describe('record form', () => {
  test('shows stored values as staff type them and reads them back unchanged', () => {
    const form = toFormValues('beneficiaries', fatma);
    expect(form).toMatchObject({ phone: '0500 000 00 03', birthDate: '02.03.1948', monthlyIncome: '6500,00', householdSize: '2', category: 'yasli' });
    const { values, errors } = fromFormValues('beneficiaries', form);
    expect(errors).toEqual([]);
    expect(changedValues(fatma, values)).toEqual({});
  });

  test('a changed phone is the one value sent; an emptied field is sent as null', () => {
    const form = { ...toFormValues('beneficiaries', fatma), phone: '0532 765 43 21', householdSize: '' };
    const { values } = fromFormValues('beneficiaries', form);
    expect(changedValues(fatma, values)).toEqual({ phone: '+905327654321', householdSize: null });
  });

  test('the import’s errors: a TC Kimlik No failing its checksum', () => {
    const { errors } = fromFormValues('beneficiaries', { ...toFormValues('beneficiaries', fatma), nationalId: '12345678901' });
    expect(errors).toEqual([{ field: 'nationalId', code: 'checksum' }]);
  });
});
