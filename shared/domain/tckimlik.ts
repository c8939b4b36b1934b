// TC Kimlik No (and foreigners' YKN, which follows the same rule): 11 digits, two check digits.

/** Euclidean modulo: JS `%` keeps the dividend's sign, the TC rule needs 0..9. */
function mod10(n: number): number {
  return ((n % 10) + 10) % 10;
}

/** The two check digits (d10, d11) that the first nine digits call for. */
function checkDigits(first9: string): string {
  const d = Array.from(first9, Number);
  const at = (i: number): number => d[i] ?? 0;
  const odd = at(0) + at(2) + at(4) + at(6) + at(8);
  const even = at(1) + at(3) + at(5) + at(7);
  const d10 = mod10(odd * 7 - even);
  let sum = d10;
  for (let i = 0; i < 9; i++) sum += at(i);
  return `${d10}${sum % 10}`;
}

const WHITESPACE = /\s/;

export function tcKimlikError(s: string): 'invalid_format' | 'checksum' | null {
  // Eleven characters with whitespace among them are invalid_format stripped or not (the digit
  // check below refuses the whitespace), so the regex only runs for other lengths.
  const t = s.length === 11 || !WHITESPACE.test(s) ? s : s.replace(/\s+/g, '');
  if (t.length !== 11) return 'invalid_format';
  // Digit arithmetic on char codes: this runs once per row of a million-row file.
  let odd = 0;
  let even = 0;
  for (let i = 0; i < 11; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9 || (i === 0 && d === 0)) return 'invalid_format';
    if (i < 9) {
      if (i % 2 === 0) odd += d;
      else even += d;
    }
  }
  const d10 = mod10(odd * 7 - even);
  const d11 = (odd + even + d10) % 10;
  return t.charCodeAt(9) - 48 === d10 && t.charCodeAt(10) - 48 === d11 ? null : 'checksum';
}

/** Nine leading digits (first not 0) → the valid 11-digit number they start (demo data, tests). */
export function completeTcKimlik(first9: string): string {
  if (!/^[1-9]\d{8}$/.test(first9)) throw new Error(`expected 9 digits not starting with 0: ${first9}`);
  return first9 + checkDigits(first9);
}

/**
 * A valid number starting 99 is a foreign resident's YKN (yabancı kimlik numarası), issued by the
 * same rule: valid wherever a TC Kimlik No is, and labelled so staff know whose it is.
 */
export function isYkn(s: string): boolean {
  return s.startsWith('99') && tcKimlikError(s) === null;
}

export function isValidTcKimlik(s: string): boolean {
  return tcKimlikError(s) === null;
}
