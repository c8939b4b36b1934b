import { describe, expect, test } from 'vitest';
import { neutralizeFormula } from './formulaSafe';

describe('neutralizeFormula', () => {
  test.each([
    '=1+1',
    '+cmd',
    '-2+3',
    '@SUM(A1)',
    '\tx',
    '\rx',
    '\nx',
    '=HYPERLINK("http://x","y")',
    ' =1+1',
    '\u00a0=1+1',
    '\u3000@SUM(A1)',
    '\uFF1D1+1',
    ' \uFF0Bcmd',
    '-',
    '+90 532 (0)',
    '+12,5',
  ])('%j gets a leading quote', (s) => {
    expect(neutralizeFormula(s)).toBe(`'${s}`);
  });

  test.each(['Ahmet', "'quoted", '1-2', 'a=b', '', ' Ahmet', '-5', '-1.234,56', 'a\uFF1Db'])('%j is left alone', (s) => {
    expect(neutralizeFormula(s)).toBe(s);
  });
});
