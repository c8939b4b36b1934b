import { describe, expect, it } from 'vitest';
import { queryTerms, rankBySearch, tokenize } from './search';

const names = ['Mehmet Demir', 'Mehmet Kara', 'Demet Akın', 'Ali Mehmetoğlu', 'Zeynep Kaya'];
const search = (q: string) => rankBySearch(names, (n) => n, q).map((r) => r.doc);

describe('search as the real backend runs it', () => {
  it('cuts text at non-letters, lower-cases, and drops tokens of 32 bytes or more', () => {
    expect(tokenize('Ayşe-Nur  KAYA, 0532')).toEqual(['ayşe', 'nur', 'kaya', '0532']);
    expect(tokenize(`a ${'x'.repeat(32)} b`)).toEqual(['a', 'b']);
  });

  it('makes only the last of at most 16 terms a prefix', () => {
    const terms = queryTerms(Array.from({ length: 20 }, (_, i) => `t${i}`).join(' '));
    expect(terms).toHaveLength(16);
    expect(terms.filter((t) => t.prefix).map((t) => t.text)).toEqual(['t15']);
  });

  it('matches earlier terms as whole words only, the last as a prefix', () => {
    const meh = ['Ali Mehmetoğlu', 'Mehmet Demir', 'Mehmet Kara'];
    expect(search('meh').sort()).toEqual(meh);
    expect(search('meh xyz')).toEqual([]);
    expect(search('xyz meh').sort()).toEqual(meh);
    expect(search('mehmet dem')[0]).toBe('Mehmet Demir');
  });

  it('ranks documents with more (and rarer) matching terms first', () => {
    expect(search('kara mehmet')[0]).toBe('Mehmet Kara');
    // A rarer term weighs more: "mehmetoğlu" (one document) before "mehmet" (two).
    expect(search('kara mehmet')).toEqual(['Mehmet Kara', 'Ali Mehmetoğlu', 'Mehmet Demir']);
    expect(search('zeynep kaya')).toEqual(['Zeynep Kaya']);
  });
});
