import { describe, expect, it } from 'vitest';
import { getField } from '../../../../shared/domain';
import { formatCell } from './formatCell';

describe('formatCell', () => {
  const amount = getField('donations', 'amount')!;
  const income = getField('beneficiaries', 'monthlyIncome')!;
  const method = getField('donations', 'method')!;
  const date = getField('donations', 'date')!;

  it('shows money from minor units with grouping and its currency', () => {
    expect(formatCell('donations', amount, 125050, 'tr', { currency: 'EUR' })).toBe('1.250,50 EUR');
    expect(formatCell('donations', amount, 125050, 'en', { currency: 'EUR' })).toBe('1,250.50 EUR');
    expect(formatCell('beneficiaries', income, 400000, 'tr')).toBe('4.000,00 TRY');
  });

  it('shows enum labels and Turkish dates per language, and empty cells as empty', () => {
    expect(formatCell('donations', method, 'kredi_karti', 'tr')).toBe('Kredi Kartı');
    expect(formatCell('donations', date, '2025-01-05', 'tr')).toBe('05.01.2025');
    expect(formatCell('donations', date, '2025-01-05', 'en')).toBe('2025-01-05');
    expect(formatCell('donations', method, undefined, 'tr')).toBe('');
  });
});
