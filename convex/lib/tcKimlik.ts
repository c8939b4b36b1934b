// Completing a TC Kimlik number from its first nine digits (DOMAIN.md's checksum rule), so the
// demo data carries valid numbers without hard-coding real people's.
export function completeTcKimlik(firstNine: string): string {
  if (!/^[1-9]\d{8}$/.test(firstNine)) throw new Error(`expected 9 digits not starting with 0: ${firstNine}`);
  const d = [...firstNine].map(Number) as number[];
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  const tenth = (((odd * 7 - even) % 10) + 10) % 10;
  const eleventh = (d.reduce((a, b) => a + b, 0) + tenth) % 10;
  return `${firstNine}${tenth}${eleventh}`;
}
