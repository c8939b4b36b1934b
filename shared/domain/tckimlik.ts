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

export function tcKimlikError(s: string): 'invalid_format' | 'checksum' | null {
  const t = s.replace(/\s+/g, '');
  if (!/^[1-9]\d{10}$/.test(t)) return 'invalid_format';
  return checkDigits(t.slice(0, 9)) === t.slice(9) ? null : 'checksum';
}

/** Nine leading digits (first not 0) → the valid 11-digit number they start (demo data, tests). */
export function completeTcKimlik(first9: string): string {
  if (!/^[1-9]\d{8}$/.test(first9)) throw new Error(`expected 9 digits not starting with 0: ${first9}`);
  return first9 + checkDigits(first9);
}

export function isValidTcKimlik(s: string): boolean {
  return tcKimlikError(s) === null;
}
