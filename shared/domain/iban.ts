// Turkish IBANs: 'TR' + 2 check digits + 22 digits, ISO 7064 mod 97-10.

export function normalizeIban(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

export function ibanError(s: string): 'invalid_format' | 'checksum' | null {
  const iban = normalizeIban(s);
  if (!/^TR\d{24}$/.test(iban)) return 'invalid_format';
  // Move the country code and check digits to the end, letters become 10..35; remainder must be 1.
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1 ? null : 'checksum';
}

export function isValidIban(s: string): boolean {
  return ibanError(s) === null;
}
