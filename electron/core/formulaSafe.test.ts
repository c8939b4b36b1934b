import { describe, expect, test } from 'vitest';
import { csvQuote, neutralizeFormula } from './formulaSafe';

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
    // A formula ending in a negative number is still a formula (the negative-number exception is the whole cell).
    '=1-5',
  ])('%j gets a leading quote', (s) => {
    expect(neutralizeFormula(s)).toBe(`'${s}`);
  });

  test.each(['Ahmet', "'quoted", '1-2', 'a=b', '', ' Ahmet', '-5', '-1.234,56', 'a\uFF1Db'])('%j is left alone', (s) => {
    expect(neutralizeFormula(s)).toBe(s);
  });
});

describe('a formula after a separator another spreadsheet might split at', () => {
  test.each([
    ["x;=cmd|' /C calc'!A0", "x;'=cmd|' /C calc'!A0"],
    ['x,=1+1', "x,'=1+1"],
    ['a\t+b', "a\t'+b"],
    ['a|@SUM(A1)', "a|'@SUM(A1)"],
    ['a\r\n-2+3', "a\r\n'-2+3"],
    ['a; =1', "a; '=1"],
    ['a,\uFF1D1', "a,'\uFF1D1"],
    ['=1;=2', "'=1;'=2"],
    ['a;=1-5', "a;'=1-5"],
  ])('%j becomes %j', (s, safe) => {
    expect(neutralizeFormula(s)).toBe(safe);
  });

  test.each(['a;b', '1,-5', 'Tutar: 1.234,-5', 'a=b;c=d', 'x, y', 'x;-12.5'])('%j is left alone', (s) => {
    expect(neutralizeFormula(s)).toBe(s);
  });
});

describe('csvQuote', () => {
  test.each([',', ';', '\t', '|', '\r', '\n', '"'])('a cell holding %j is quoted, whatever the file’s delimiter', (c) => {
    expect(csvQuote(`a${c}b`)).toBe(`"a${c === '"' ? '""' : c}b"`);
  });
  test.each(['Ahmet', "'=1", 'a=b', 'Ayşe Yılmaz'])('%j is left alone', (s) => {
    expect(csvQuote(s)).toBe(s);
  });
  test('leading or trailing space is kept by quoting', () => {
    expect(csvQuote(' a')).toBe('" a"');
  });
});
