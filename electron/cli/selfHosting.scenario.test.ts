// The self-hosting guide (README, "Deployment guide") followed step by step on the rehearsal
// backend with the real Convex CLI: `kafkasder keys`, `npx convex env set --from-file` with the
// two self-hosted variables, `kafkasder first-admin` (signing in proves the keys: the backend
// checks the token against the JWKS it was given), a second first-admin refused; then the same
// deployment stopped: a command ends at once with one line naming its URL.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import dotenv from 'dotenv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnRehearsal, type RehearsalProcess } from '../../live/rehearsal/spawn';
import { tempDir } from '../features/imports/importer.test-util';

const root = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const run = promisify(execFile);

/** A command as a terminal runs it: exit code and both streams, never a throw. */
async function sh(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  try {
    const { stdout, stderr } = await run(process.execPath, args, { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, cwd });
    return { code: 0, stdout, stderr, ms: Date.now() - started };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: Number(e.code ?? 1), stdout: e.stdout ?? '', stderr: e.stderr ?? '', ms: Date.now() - started };
  }
}

let backend: RehearsalProcess;
beforeAll(async () => {
  backend = await spawnRehearsal();
}, 90_000);
afterAll(async () => {
  await backend?.stop();
});

describe('self-hosting guide on the rehearsal backend', { timeout: 180_000 }, () => {
  it('keys → convex env set --from-file → first-admin, once; a stopped deployment is named at once', async () => {
    const dir = tempDir();
    const kafkasder = (args: string[], env: NodeJS.ProcessEnv = {}) => sh([BIN, ...args], { KAFKASDER_DATA_DIR: tempDir(), CONVEX_URL: '', ...env }, dir);
    const convex = (args: string[]) =>
      sh([join(root, 'node_modules/convex/bin/main.js'), ...args], { CONVEX_SELF_HOSTED_URL: backend.url, CONVEX_SELF_HOSTED_ADMIN_KEY: backend.adminKey }, root);

    const keys = await kafkasder(['keys', '--out', 'keys.env', '--lang', 'en']);
    expect(keys.code).toBe(0);
    const file = join(dir, 'keys.env');
    const { KAFKASDER_SETUP_CODE: code } = dotenv.parse(readFileSync(file, 'utf8'));

    // The real Convex CLI reads the file and sets the three variables on the deployment.
    const set = await convex(['env', 'set', '--from-file', file]);
    expect(set.code, set.stderr).toBe(0);
    const listed = await convex(['env', 'list', '--include-values']);
    const onDeployment = dotenv.parse(listed.stdout);
    expect(onDeployment).toMatchObject(dotenv.parse(readFileSync(file, 'utf8')));

    const admin = ['first-admin', '--backend', backend.url, '--email', 'ayse@kafkasder.org.tr', '--name', 'Ayşe Yılmaz'];
    const wrong = await kafkasder(admin, { KAFKASDER_SETUP_CODE: 'X'.repeat(24), KAFKASDER_PASSWORD: 'ilk-yonetici-sifresi' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('Kurulum kodu hatalı\n');

    const ok = await kafkasder([...admin, '--lang', 'en'], { KAFKASDER_SETUP_CODE: code, KAFKASDER_PASSWORD: 'ilk-yonetici-sifresi' });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('First administrator created and signed in: Ayşe Yılmaz <ayse@kafkasder.org.tr>');

    const again = await kafkasder([...admin.slice(0, 4), 'mehmet@kafkasder.org.tr', '--name', 'Mehmet Demir', '--lang', 'en'], {
      KAFKASDER_SETUP_CODE: code,
      KAFKASDER_PASSWORD: 'ikinci-yonetici-sifresi',
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('This deployment already has an administrator\n');

    // The administrator works with the deployment (the token is checked against the JWKS set above) …
    const exported = await kafkasder(['export', '--collection', 'beneficiaries', '--format', 'csv', '--out', 'b.csv', '--backend', backend.url, '--email', 'ayse@kafkasder.org.tr', '--lang', 'en'], {
      KAFKASDER_PASSWORD: 'ilk-yonetici-sifresi',
    });
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);

    // … and once the deployment is gone, a command says so in one line, well within 20 s.
    await backend.stop();
    const gone = await kafkasder(['export', '--collection', 'beneficiaries', '--format', 'csv', '--out', 'c.csv', '--backend', backend.url, '--email', 'ayse@kafkasder.org.tr', '--lang', 'en'], {
      KAFKASDER_PASSWORD: 'ilk-yonetici-sifresi',
    });
    expect(gone.code).toBe(2);
    expect(gone.stderr).toBe(`Cannot reach the server at ${backend.url}. Check the network and that the server is running.\n`);
    expect(gone.ms).toBeLessThan(20_000);
  });
});
