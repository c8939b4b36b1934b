import { describe, expect, it } from 'vitest';
import { emailOf, isValidEmail, normalizeEmail } from './email';

// The rules as patterns, the way isValidEmail stated them before its one-pass scan: the scan
// must agree with them on every address.
const EMAIL = /^[^\s@"<>(),;:\\[\]]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}$/u;
function byPatterns(s: string): boolean {
  if (s.length > 254 || !EMAIL.test(s)) return false;
  const at = s.indexOf('@');
  return at <= 64 && !s.startsWith('.') && s[at - 1] !== '.' && !s.includes('..');
}

describe('isValidEmail and emailOf', () => {
  it('agree with the patterns on random addresses, capitals, separators and letters beyond ASCII among them', () => {
    let seed = 3;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    // Parts an address is made of, and characters that break one, each in some draws.
    const local = [...'abzAZ09._-+!#\'"<>(),;:\\[] \t\n\u0001\u007fşİé\u00a0'];
    const goodLocal = [...'abzAZ09._-+şİ'];
    const label = [...'abzAZ09-', '-', 'ş', '_', '.', '@'];
    const goodLabel = [...'abzAZ09-'];
    const pick = (from: string[], max: number): string => Array.from({ length: rand(max + 1) }, () => from[rand(from.length)]).join('');
    let valid = 0;
    for (let n = 0; n < 20_000; n++) {
      const labels = Array.from({ length: rand(4) }, () => pick(rand(4) === 0 ? label : goodLabel, 5));
      const tld = pick(rand(4) === 0 ? [...'abzAZçğ09-'] : [...'abzAZçğ'], 4);
      let s = `${pick(rand(3) === 0 ? local : goodLocal, 6)}${rand(8) === 0 ? '' : '@'}${[...labels, tld].join('.')}`;
      if (rand(20) === 0) s = `${'a'.repeat(rand(2) === 0 ? 64 : 65)}${s}`;
      if (rand(20) === 0) s = `${s.slice(0, s.indexOf('@') + 1)}${'b'.repeat(250)}.com`;
      if (rand(10) === 0) s = ` ${s}${rand(2) ? ' ' : ''}`;
      expect(isValidEmail(s), JSON.stringify(s)).toBe(byPatterns(s));
      const normalized = normalizeEmail(s);
      expect(emailOf(s), JSON.stringify(s)).toBe(byPatterns(normalized) ? normalized : null);
      if (byPatterns(normalized)) valid++;
    }
    // Enough of both kinds that a rule dropped from the scan shows.
    expect(valid).toBeGreaterThan(1_000);
    expect(valid).toBeLessThan(18_000);
  });

  it('keep an address as it is stored: trimmed, lower-cased', () => {
    expect(emailOf(' Ayse.Yilmaz@Kafkasder.ORG.tr ')).toBe('ayse.yilmaz@kafkasder.org.tr');
    expect(emailOf('şule@örnek.com.tr')).toBe('şule@örnek.com.tr');
    expect(emailOf('a-b@x-y.z9.co')).toBe('a-b@x-y.z9.co');
    for (const bad of ['', 'ayse', 'a@-x.com', 'a@x-.com', 'a@x..com', 'a@x.c', 'a@x.c0m', '.a@x.com', 'a.@x.com', 'a@b@c.com']) {
      expect(emailOf(bad), bad).toBeNull();
    }
  });
});
