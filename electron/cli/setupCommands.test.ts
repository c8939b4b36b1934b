// `kafkasder keys` and `kafkasder first-admin`: the key file is read by the parser the Convex CLI
// itself uses for `npx convex env set --from-file` (dotenv, the version bundled in convex's
// cli.bundle.cjs), and what it sets on a deployment creates the first administrator and signs
// them in on the real functions (a rehearsal backend, reached through the real client, runs
// Convex Auth with those keys).
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import dotenv from 'dotenv';
import { importPKCS8 } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../../convex/_generated/api';
import { MIN_SETUP_CODE_LENGTH } from '../../shared/domain/setupCode';
import { ConvexHttpClient } from 'convex/browser';
import { spawnRehearsal, type RehearsalProcess } from '../../live/rehearsal/spawn';
import { tempDir } from '../features/imports/importer.test-util';
import { main } from './main';

const require = createRequire(import.meta.url);
let backend: RehearsalProcess | undefined;
afterEach(async () => {
  await backend?.stop();
  backend = undefined;
});

function cliIo(dir: string, env: NodeJS.ProcessEnv = {}) {
  const out = { stdout: '', stderr: '' };
  const io = { workDir: dir, env, stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } };
  return { out, run: (argv: string[]) => main(argv, io) };
}

/** `kafkasder keys --out keys.env`, read back as `npx convex env set --from-file` reads it. */
async function keysFile(dir: string) {
  const { out, run } = cliIo(dir);
  expect(await run(['keys', '--out', 'keys.env', '--lang', 'en'])).toBe(0);
  const file = join(dir, 'keys.env');
  return { file, out, vars: dotenv.parse(readFileSync(file, 'utf8')) };
}

describe('kafkasder keys', () => {
  it('writes an owner-only .env file whose values the Convex CLI’s parser reads back whole', async () => {
    // The parser here is the one the CLI bundles (same dotenv version).
    const bundle = readFileSync(new URL('../../node_modules/convex/dist/cli.bundle.cjs', import.meta.url), 'utf8');
    expect(bundle).toContain(`dotenv@${(require('dotenv/package.json') as { version: string }).version}/`);

    const dir = tempDir();
    const { file, out, vars } = await keysFile(dir);
    expect(Object.keys(vars)).toEqual(['JWT_PRIVATE_KEY', 'JWKS', 'KAFKASDER_SETUP_CODE']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    // The PEM keeps its spaces (Convex Auth's own format) and imports as an RS256 key.
    expect(vars.JWT_PRIVATE_KEY).toMatch(/^-----BEGIN PRIVATE KEY----- [A-Za-z0-9+/= ]+ -----END PRIVATE KEY-----$/);
    await expect(importPKCS8(vars.JWT_PRIVATE_KEY!, 'RS256')).resolves.toBeTruthy();
    // The JSON keeps its double quotes.
    expect(JSON.parse(vars.JWKS!)).toMatchObject({ keys: [{ use: 'sig', kty: 'RSA', e: 'AQAB', n: expect.any(String) }] });
    expect(vars.KAFKASDER_SETUP_CODE!.length).toBeGreaterThanOrEqual(MIN_SETUP_CODE_LENGTH);
    expect(out.stdout).toContain('npx convex env set --from-file keys.env');

    // Never over an existing file (it may hold the keys a deployment runs on).
    const before = readFileSync(file, 'utf8');
    const again = cliIo(dir);
    expect(await again.run(['keys', '--out', 'keys.env'])).toBe(2);
    expect(again.out.stderr).toContain('zaten var');
    expect(readFileSync(file, 'utf8')).toBe(before);
    const none = cliIo(dir);
    expect(await none.run(['keys'])).toBe(2);
    expect(none.out.stderr).toContain('--out');
  });
});

describe('kafkasder first-admin', () => {
  it('creates the first administrator with the code from the key file, refusing in both languages first', async () => {
    const dir = tempDir();
    const { vars } = await keysFile(dir);
    // A new deployment whose environment is what `npx convex env set --from-file keys.env` sets.
    backend = await spawnRehearsal();
    await backend.setEnv(vars);
    const base = ['first-admin', '--backend', backend.url, '--email', 'ayse@kafkasder.org.tr', '--name', 'Ayşe Yılmaz'];
    const password = 'ilk-yonetici-sifresi';
    const needsAdmin = async () => (await new ConvexHttpClient(backend!.url).query(api.setup.status, {})).needsFirstAdmin;

    // Refused before anything is sent: no --name, a weak password, a code shorter than any valid one.
    const noName = cliIo(dir, { KAFKASDER_SETUP_CODE: vars.KAFKASDER_SETUP_CODE, KAFKASDER_PASSWORD: password });
    expect(await noName.run(base.slice(0, -2))).toBe(2);
    expect(noName.out.stderr).toContain('--name "AD SOYAD" gerekli');
    const weak = cliIo(dir, { KAFKASDER_SETUP_CODE: vars.KAFKASDER_SETUP_CODE, KAFKASDER_PASSWORD: 'kısa' });
    expect(await weak.run([...base, '--lang', 'en'])).toBe(2);
    expect(weak.out.stderr).toContain('The password must be at least 10 characters');

    // A wrong code: refused by the server, in Turkish (the default) and English; setup stays open.
    const wrongTr = cliIo(dir, { KAFKASDER_SETUP_CODE: 'X'.repeat(MIN_SETUP_CODE_LENGTH), KAFKASDER_PASSWORD: password });
    expect(await wrongTr.run(base)).toBe(2);
    expect(wrongTr.out.stderr).toBe('Kurulum kodu hatalı\n');
    const wrongEn = cliIo(dir, { KAFKASDER_SETUP_CODE: 'X'.repeat(MIN_SETUP_CODE_LENGTH), KAFKASDER_PASSWORD: password });
    expect(await wrongEn.run([...base, '--lang', 'en'])).toBe(2);
    expect(wrongEn.out.stderr).toBe('The setup code is wrong\n');
    expect(await needsAdmin()).toBe(true);

    // The code from the file: created, and signed in with the keys from the same file.
    const ok = cliIo(dir, { KAFKASDER_SETUP_CODE: vars.KAFKASDER_SETUP_CODE, KAFKASDER_PASSWORD: password });
    expect(await ok.run([...base, '--lang', 'en'])).toBe(0);
    expect(ok.out.stdout).toContain('First administrator created and signed in: Ayşe Yılmaz <ayse@kafkasder.org.tr>');
    expect(await needsAdmin()).toBe(false);

    // Setup is closed for good.
    const second = cliIo(dir, { KAFKASDER_SETUP_CODE: vars.KAFKASDER_SETUP_CODE, KAFKASDER_PASSWORD: password });
    expect(await second.run([...base.slice(0, 4), 'mehmet@kafkasder.org.tr', '--name', 'Mehmet Demir'])).toBe(2);
    expect(second.out.stderr).toBe('Bu kurulumun zaten bir yöneticisi var\n');
  });
});
