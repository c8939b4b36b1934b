// The refresh token at rest: sealed through the keychain's asynchronous API in a file of its own
// per backend, never on disk in the clear, and nothing at all without a keychain.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { plainSecretBox, type SecretBox } from '../storage/secretBox';
import { safeStorageProtection } from '../../main/secretProtection';
import { hostTokenStore, keepsRefreshTokenOnDisk, sealedTokenStore } from './sealedTokenStore';

/** A stand-in keychain: reversible, and only through the async calls (the sync ones throw). */
function keychain(key: number): SecretBox & { asyncCalls: number } {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ key));
  const box = {
    sealedBy: 'safeStorage' as const,
    protection: 'os_keychain' as const,
    asyncCalls: 0,
    encrypt: () => {
      throw new Error('sync API used');
    },
    decrypt: () => {
      throw new Error('sync API used');
    },
    encryptAsync: async (plain: string) => (box.asyncCalls++, Buffer.concat([Buffer.from([key]), flip(Buffer.from(plain))])),
    decryptAsync: async (sealed: Buffer) => {
      box.asyncCalls++;
      if (sealed[0] !== key) throw new Error('not ours');
      return flip(sealed.subarray(1)).toString();
    },
  };
  return box;
}

test('sealed with the async keychain API, one file per backend; removed on sign-out; another keychain cannot open it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kafkasder-tokens-'));
  const box = keychain(0x5a);
  const store = sealedTokenStore(box, dir, 'https://convex.dernek.example.org.tr');
  expect(await store.load()).toBeNull();
  await store.save('refresh-token-r1|session-1');
  const files = readdirSync(join(dir, 'sessions'));
  expect(files).toHaveLength(1);
  expect(readFileSync(join(dir, 'sessions', files[0]!)).toString()).not.toContain('refresh-token-r1');
  expect(await store.load()).toBe('refresh-token-r1|session-1');
  expect(box.asyncCalls).toBe(2);
  // Another backend has its own file; another OS account's keychain cannot open this one.
  expect(await sealedTokenStore(box, dir, 'https://other.example.org').load()).toBeNull();
  expect(await sealedTokenStore(keychain(0x11), dir, 'https://convex.dernek.example.org.tr').load()).toBeNull();
  await store.save(null);
  expect(readdirSync(join(dir, 'sessions'))).toEqual([]);
});

test('without a keychain the token stays in memory only: nothing is written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kafkasder-tokens-'));
  const store = sealedTokenStore(plainSecretBox, dir, 'memory');
  await store.save('refresh-token-r1|session-1');
  expect(await store.load()).toBe('refresh-token-r1|session-1');
  expect(existsSync(join(dir, 'sessions'))).toBe(false);
});

test("Linux's basic_text backend (Chromium's built-in key) keeps no refresh token on disk: sign in at each start", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kafkasder-tokens-'));
  // The box main.ts builds on a Linux PC without Secret Service or KWallet.
  const protection = safeStorageProtection({ available: true, platform: 'linux', linuxBackend: 'basic_text' });
  expect(protection).toBe('linux_basic_text');
  const box = { ...keychain(0x5a), protection: protection! };
  expect(keepsRefreshTokenOnDisk(box)).toBe(false);
  const store = sealedTokenStore(box, dir, 'https://convex.dernek.example.org.tr');
  await store.save('refresh-token-r1|session-1');
  expect(existsSync(join(dir, 'sessions'))).toBe(false);
  // With a keychain (GNOME's libsecret) it is kept, sealed.
  const withKeychain = { ...keychain(0x5a), protection: safeStorageProtection({ available: true, platform: 'linux', linuxBackend: 'gnome_libsecret' })! };
  expect(keepsRefreshTokenOnDisk(withKeychain)).toBe(true);
});

test('the sealed file: in a folder made for it (only this OS account), named by the backend, readable by this account only; signing out twice is fine', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'kafkasder-tokens-')), 'not', 'yet');
  const box = keychain(0x5a);
  const store = sealedTokenStore(box, dir, 'https://convex.dernek.example.org.tr');
  expect(store.keptOnDisk).toBe(true);
  await store.save(null); // nothing there yet
  await store.save('refresh-token-r1|session-1');
  const [file] = readdirSync(join(dir, 'sessions'));
  expect(file).toMatch(/^[0-9a-f]{16}\.sealed$/);
  expect(statSync(join(dir, 'sessions')).mode & 0o777).toBe(0o700);
  expect(statSync(join(dir, 'sessions', file!)).mode & 0o777).toBe(0o600);
  await store.save(null);
  await store.save(null);
  expect(readdirSync(join(dir, 'sessions'))).toEqual([]);
  // Only a keychain box sealed by safeStorage keeps it: the same protection claimed by a plain box does not.
  expect(keepsRefreshTokenOnDisk({ sealedBy: 'plain', protection: 'os_keychain' } as never)).toBe(false);
});

test("the host's store: one file per backend URL; a demo deployment's token is never written", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kafkasder-tokens-'));
  const box = keychain(0x5a);
  const url = 'https://convex.dernek.example.org.tr';
  await hostTokenStore(box, dir, { kind: 'convex', url }).save('r1');
  expect(await sealedTokenStore(box, dir, url).load()).toBe('r1');
  expect(await sealedTokenStore(box, dir, 'convex').load()).toBeNull();
  const demoDir = mkdtempSync(join(tmpdir(), 'kafkasder-tokens-'));
  const demo = hostTokenStore(box, demoDir, { kind: 'memory' });
  expect(demo.keptOnDisk).toBeUndefined();
  await demo.save('r-demo');
  expect(await demo.load()).toBe('r-demo');
  expect(existsSync(join(demoDir, 'sessions'))).toBe(false);
  expect(readdirSync(join(dir, 'sessions'))).toHaveLength(1);
});
