import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { WINDOWS_1254, decode1254 } from './decode1254';

describe('decode1254', () => {
  it('gives exactly iconv-lite’s windows-1254 text, undefined bytes included', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    // The table the native decoder is held to is iconv-lite's.
    expect(WINDOWS_1254).toBe(iconv.decode(all, 'windows-1254'));
    expect(decode1254(all)).toBe(iconv.decode(all, 'windows-1254'));
    let seed = 7;
    for (let k = 0; k < 200; k++) {
      const buf = Buffer.alloc(1 + (k % 97));
      for (let i = 0; i < buf.length; i++) buf[i] = (seed = (seed * 1103515245 + 12345) % 2147483648) & 0xff;
      expect(decode1254(buf)).toBe(iconv.decode(buf, 'windows-1254'));
    }
    expect(decode1254(iconv.encode('Iğdır, Şişli; İstanbul €', 'windows-1254'))).toBe('Iğdır, Şişli; İstanbul €');
  });
});
