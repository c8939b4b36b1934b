import { describe, expect, it } from 'vitest';
import { foldTr, findProvince, PROVINCES, isValidEmail } from './index';
import { memoByString } from './text';

describe('foldTr', () => {
  it('folds Turkish İ/ı/I/i and dotted abbreviations the same way', () => {
    const folded = foldTr('tc kimlik no');
    expect(foldTr('TC KİMLİK NO')).toBe(folded);
    expect(foldTr('T.C. Kimlik No')).toBe(folded);
    expect(foldTr('  T.C.   KİMLİK  No:  ')).toBe(folded);
    expect(folded).toBe('tc kimlik no');
  });

  it('maps dotless I to i under Turkish rules', () => {
    expect(foldTr('IĞDIR')).toBe('igdir');
    expect(foldTr('Iğdır')).toBe('igdir');
    expect(foldTr('ISPARTA')).toBe('isparta');
  });

  it('removes all Turkish and circumflex diacritics', () => {
    expect(foldTr('ÇĞİÖŞÜ çğıöşü')).toBe('cgiosu cgiosu');
    expect(foldTr('Zekât Hakkâri Kûr')).toBe('zekat hakkari kur');
  });

  it('treats decomposed (NFD) input like composed input', () => {
    expect(foldTr('Şehir'.normalize('NFD'))).toBe('sehir');
  });

  it('drops unit suffixes', () => {
    expect(foldTr('Aylık Gelir (TL)')).toBe('aylik gelir');
    expect(foldTr('Aylık Gelir (₺)')).toBe('aylik gelir');
    expect(foldTr('Aylık Gelir TL')).toBe('aylik gelir');
    expect(foldTr('Tutar [TRY]')).toBe('tutar');
    expect(foldTr('TL')).toBe('tl');
    expect(foldTr('(TL)')).toBe('tl');
  });

  it('joins hyphenated words and splits on other punctuation', () => {
    expect(foldTr('E-posta')).toBe(foldTr('Eposta'));
    expect(foldTr('Ad/Soyad')).toBe('ad soyad');
    expect(foldTr('full_name')).toBe('full name');
  });
});

describe('provinces', () => {
  it('lists the 81 provinces in plate order', () => {
    expect(PROVINCES).toHaveLength(81);
    expect(new Set(PROVINCES).size).toBe(81);
    expect(PROVINCES[0]).toBe('Adana');
    expect(PROVINCES[33]).toBe('İstanbul');
    expect(PROVINCES[75]).toBe('Iğdır');
    expect(PROVINCES[80]).toBe('Düzce');
  });

  it('finds provinces ignoring case and diacritics', () => {
    expect(findProvince('istanbul')).toBe('İstanbul');
    expect(findProvince('ISTANBUL')).toBe('İstanbul');
    expect(findProvince('İSTANBUL')).toBe('İstanbul');
    expect(findProvince('igdir')).toBe('Iğdır');
    expect(findProvince('IĞDIR')).toBe('Iğdır');
    expect(findProvince('  sanliurfa ')).toBe('Şanlıurfa');
    expect(findProvince('Kirikkale')).toBe('Kırıkkale');
  });

  it('knows everyday short names', () => {
    expect(findProvince('Afyon')).toBe('Afyonkarahisar');
    expect(findProvince('K.Maraş')).toBe('Kahramanmaraş');
    expect(findProvince('İçel')).toBe('Mersin');
  });

  it('every official name finds itself, and unknown names find nothing', () => {
    for (const p of PROVINCES) expect(findProvince(p)).toBe(p);
    expect(findProvince('Kadıköy')).toBeNull();
    expect(findProvince('')).toBeNull();
  });
});

describe('isValidEmail', () => {
  it('accepts ordinary addresses', () => {
    expect(isValidEmail('ayse.yilmaz@kafkasder.org.tr')).toBe(true);
    expect(isValidEmail('info+bagis@example.com')).toBe(true);
  });

  it('rejects broken addresses', () => {
    for (const bad of ['ayse', 'ayse@', '@example.com', 'ayse@example', 'ay se@example.com', 'a..b@example.com', 'a@b@c.com']) {
      expect(isValidEmail(bad)).toBe(false);
    }
  });
});

describe('memoByString', () => {
  it('answers as the function does, calling it once per text while under its limit', () => {
    let calls = 0;
    const memo = memoByString((s: string) => {
      calls++;
      return s === '' ? null : `${s.length}:${s.toUpperCase()}`;
    });
    let seed = 9;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    // Short texts of few letters: many share a length and end characters, so a slot of the front table.
    const texts = Array.from({ length: 600 }, () => Array.from({ length: rand(5) }, () => 'abşİ'[rand(4)]).join(''));
    const distinct = new Set<string>();
    for (let n = 0; n < 20_000; n++) {
      const s = texts[rand(texts.length)]!;
      distinct.add(s);
      expect(memo(s)).toBe(s === '' ? null : `${s.length}:${s.toUpperCase()}`);
    }
    expect(calls).toBe(distinct.size);
  });
});
