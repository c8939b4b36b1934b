import { describe, expect, it } from 'vitest';
import { notDataKind } from './notData';

describe('notDataKind', () => {
  it('knows totals rows by their first text cell', () => {
    for (const label of ['TOPLAM', 'GENEL TOPLAM', 'Ara Toplam:', 'toplam (TL)', 'Total', 'YEKÜN']) expect(notDataKind({ cells: [null, label, 12, 3400] }), label).toBe('total');
  });
  it('knows signature lines', () => {
    for (const label of ['Hazırlayan: Sosyal Yardım Birimi', 'ONAYLAYAN', 'Düzenleyen', 'Kontrol Eden: A. Kaya', 'Kaşe / İmza']) expect(notDataKind({ cells: [label] }), label).toBe('footer');
  });
  it('leaves records alone: a name, a row starting with a number, a word that only begins like one', () => {
    expect(notDataKind({ cells: ['Ayşe Toplam', '12345678901'] })).toBeNull();
    expect(notDataKind({ cells: ['Toplamoğlu Ahmet', '12345678901'] })).toBeNull();
    expect(notDataKind({ cells: [1, 'TOPLAM'] })).toBeNull();
    expect(notDataKind({ cells: ['İmzacı Veli'] })).toBeNull();
    expect(notDataKind({ cells: [null, '', undefined] })).toBeNull();
  });
  it('takes the reader\'s word for a row of totals formulas, with no totals word', () => {
    expect(notDataKind({ cells: [null, null, 37, 57000.5], formulaTotals: true })).toBe('total');
    expect(notDataKind({ cells: [null, null, 37, 57000.5] })).toBeNull();
  });
});
