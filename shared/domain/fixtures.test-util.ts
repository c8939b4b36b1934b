// Test-only helpers: build valid TC Kimlik numbers and IBANs from arbitrary digits.

/** Nine leading digits (first not 0) → the valid 11-digit number they start. */
export function makeTcKimlik(first9: string): string {
  const d = Array.from(first9, Number);
  const odd = (d[0] ?? 0) + (d[2] ?? 0) + (d[4] ?? 0) + (d[6] ?? 0) + (d[8] ?? 0);
  const even = (d[1] ?? 0) + (d[3] ?? 0) + (d[5] ?? 0) + (d[7] ?? 0);
  const d10 = (((odd * 7 - even) % 10) + 10) % 10;
  const d11 = (d.reduce((a, b) => a + b, 0) + d10) % 10;
  return `${first9}${d10}${d11}`;
}

/** 22 digits of bank code + reserve + account → a TR IBAN with correct check digits. */
export function makeTrIban(bban22: string): string {
  const numeric = `${bban22}2927` + '00'; // 'T'=29 'R'=27, check digits as 00
  let r = 0;
  for (const ch of numeric) r = (r * 10 + Number(ch)) % 97;
  return `TR${String(98 - r).padStart(2, '0')}${bban22}`;
}
