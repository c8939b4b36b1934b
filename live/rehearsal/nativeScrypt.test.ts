import { scrypt as luciaScrypt } from 'lucia/dist/scrypt/index.js';
import { Scrypt } from 'lucia';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs module hook, without types
import { resolve, scrypt as nativeScrypt } from './nativeScrypt.mjs';

const text = (s: string) => new TextEncoder().encode(s);

describe('the rehearsal backend’s native scrypt', () => {
  it('gives the bytes Lucia’s own scrypt gives, with Convex Auth’s parameters and others', async () => {
    const cases = [
      { password: 'demo-yonetici-2026', salt: '0123456789abcdef0123456789abcdef', N: 16384, r: 16, p: 1, dkLen: 64 },
      { password: 'Şifre-ğüşiöç', salt: 'a1', N: 1024, r: 8, p: 2, dkLen: 32 },
      { password: '', salt: 'salt', N: 16, r: 1, p: 1, dkLen: undefined },
    ];
    for (const { password, salt, ...options } of cases) {
      const native = (await nativeScrypt(text(password), text(salt), options)) as Uint8Array;
      const lucia = await luciaScrypt(text(password), text(salt), options);
      expect(Buffer.from(native).toString('hex')).toBe(Buffer.from(lucia).toString('hex'));
      expect(native).toBeInstanceOf(Uint8Array);
    }
  });

  it('stands in for Lucia’s scrypt module only', async () => {
    type Resolved = { url: string; format?: string };
    const next = (url: string) => async (): Promise<Resolved> => ({ url, format: 'module' });
    const lucia = 'file:///app/node_modules/lucia/dist/scrypt/index.js';
    const mine = ((await resolve('./scrypt/index.js', {}, next(lucia))) as Resolved).url;
    expect(mine).toMatch(/\/live\/rehearsal\/nativeScrypt\.mjs$/);
    const other = 'file:///app/node_modules/@noble/hashes/scrypt.js';
    expect(((await resolve('x', {}, next(other))) as Resolved).url).toBe(other);
  });

  it('a password hashed by Lucia in plain JavaScript verifies through the native one and back', async () => {
    const hash = await new Scrypt().hash('Kafkasder-2026!');
    const [salt, key] = hash.split(':') as [string, string];
    const again = (await nativeScrypt(text('Kafkasder-2026!'.normalize('NFKC')), text(salt), { N: 16384, r: 16, p: 1, dkLen: 64 })) as Uint8Array;
    expect(Buffer.from(again).toString('hex')).toBe(key);
  });
});
