// TC Kimlik No (and foreigners' YKN, which follows the same rule): 11 digits, two check digits.

/** Euclidean modulo: JS `%` keeps the dividend's sign, the TC rule needs 0..9. */
function mod10(n: number): number {
  return ((n % 10) + 10) % 10;
}

export function tcKimlikError(s: string): 'invalid_format' | 'checksum' | null {
  const t = s.replace(/\s+/g, '');
  if (!/^[1-9]\d{10}$/.test(t)) return 'invalid_format';
  const d = Array.from(t, Number);
  const at = (i: number): number => d[i] ?? 0;
  const odd = at(0) + at(2) + at(4) + at(6) + at(8);
  const even = at(1) + at(3) + at(5) + at(7);
  if (mod10(odd * 7 - even) !== at(9)) return 'checksum';
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += at(i);
  if (sum % 10 !== at(10)) return 'checksum';
  return null;
}

export function isValidTcKimlik(s: string): boolean {
  return tcKimlikError(s) === null;
}
