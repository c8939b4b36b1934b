// Test-only helpers: build valid TC Kimlik numbers and IBANs from arbitrary digits.

export { completeTcKimlik as makeTcKimlik } from './tckimlik';

/** 22 digits of bank code + reserve + account → a TR IBAN with correct check digits. */
export function makeTrIban(bban22: string): string {
  const numeric = `${bban22}2927` + '00'; // 'T'=29 'R'=27, check digits as 00
  let r = 0;
  for (const ch of numeric) r = (r * 10 + Number(ch)) % 97;
  return `TR${String(98 - r).padStart(2, '0')}${bban22}`;
}
