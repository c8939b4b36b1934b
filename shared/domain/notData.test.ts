import { describe, expect, it } from 'vitest';
import { notDataKind } from './notData';

describe('notDataKind', () => {
  it('knows totals rows by their first text cell', () => {
    for (const label of ['TOPLAM', 'GENEL TOPLAM', 'Ara Toplam:', 'toplam (TL)', 'Total', 'YEKÜN']) expect(notDataKind([null, label, 12, 3400]), label).toBe('total');
  });
  it('knows signature lines', () => {
    for (const label of ['Hazırlayan: Sosyal Yardım Birimi', 'ONAYLAYAN', 'Düzenleyen', 'Kontrol Eden: A. Kaya', 'Kaşe / İmza']) expect(notDataKind([label]), label).toBe('footer');
  });
  it('leaves records alone: a name, a row starting with a number, a word that only begins like one', () => {
    expect(notDataKind(['Ayşe Toplam', '12345678901'])).toBeNull();
    expect(notDataKind(['Toplamoğlu Ahmet', '12345678901'])).toBeNull();
    expect(notDataKind([1, 'TOPLAM'])).toBeNull();
    expect(notDataKind(['İmzacı Veli'])).toBeNull();
    expect(notDataKind([null, '', undefined])).toBeNull();
  });
});
