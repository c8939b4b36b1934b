import { describe, expect, it } from 'vitest';
import { notDataKind } from './notData';
import { foldTr } from './text';

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
  it('reads the first words as foldTr folds them, plain text or not (the plain fold compares code units)', () => {
    const words = ['toplam', 'TOPLAM', 'Genel', 'ara', 'İMZA', 'Kaşe', 'kontrol', 'eden', 'Yekün', 'hazırlayan', 'Ayşe', 'T.C.', 'sub', 'total', '(TL)', 'Élodie', 'tl', 'Zoplam', 'Amza', 'Totel', 'yekunlar'];
    const separators = [' ', ': ', '/', ' - ', '\t', ''];
    const totals = new Set(['toplam', 'genel toplam', 'ara toplam', 'toplamlar', 'yekun', 'total', 'grand total', 'subtotal', 'sub total']);
    const footers = new Set(['hazirlayan', 'hazirlayanlar', 'onaylayan', 'duzenleyen', 'kontrol eden', 'tasdik eden', 'imza', 'kase imza', 'prepared by', 'approved by']);
    const opens = (text: string, set: Set<string>) => [...set].some((w) => text === w || text.startsWith(`${w} `));
    let seed = 11;
    const rand = (n: number) => Math.floor((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 * n);
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: 1 + rand(3) }, () => (words[rand(words.length)] as string) + (separators[rand(separators.length)] as string)).join('');
      const folded = foldTr(text);
      const expected = opens(folded, totals) ? 'total' : opens(folded, footers) ? 'footer' : null;
      expect(notDataKind({ cells: [text, 1] }), JSON.stringify(text)).toBe(expected);
    }
  });
});
