// The `kafkasder` command (a child process on this machine's Node, which has no WebSocket global
// on Node 20) against a deployment URL: a loopback peer speaking Convex's sync protocol, and a
// loopback port where nothing answers.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { startSyncPeer, type SyncPeer } from '../core/backend/syncPeer.test-util';
import { unusedPort } from '../core/localPorts.test-util';
import { tempDir } from '../features/imports/importer.test-util';
import { tcFor } from '../features/imports/sampleData.test-util';
import { main } from './main';
import { FUNCTIONS_VERSION } from '../../shared/domain/functionsVersion';

const BIN = fileURLToPath(new URL('./bin.mjs', import.meta.url));

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH, CONVEX_URL: '', KAFKASDER_DATA_DIR: tempDir(), ...env }, cwd: tempDir() },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr, ms: Date.now() - started }),
    );
  });
}

function file(): string {
  const text = ['Adı Soyadı;T.C. Kimlik No', 'Şükrü Öztürk;' + tcFor(1), 'Gülşen Çelik;' + tcFor(2)].join('\r\n') + '\r\n';
  const path = join(tempDir(), 'yardım.csv');
  writeFileSync(path, iconv.encode(text, 'windows-1254'));
  return path;
}

const peers: SyncPeer[] = [];
afterEach(async () => {
  for (const p of peers.splice(0)) await p.close();
});

/** A token shaped as Convex Auth's (a JWT whose claims say when it expires); the peer checks nothing. */
const fakeToken = (claims: object) => ['{"alg":"RS256"}', JSON.stringify(claims), 'sig'].map((p) => Buffer.from(p).toString('base64url')).join('.');

describe('kafkasder CLI against a deployment URL', () => {
  it('import signs in over HTTP, then reaches the URL through the Convex client’s own Node WebSocket with the token', async () => {
    const token = fakeToken({ sub: 'u1|s1', exp: Math.floor(Date.now() / 1000) + 3600 });
    const signIns: unknown[] = [];
    const peer = await startSyncPeer((path, args) => {
      if (path === 'meta:version') return { value: { app: 'kafkasder-panel', functionsVersion: FUNCTIONS_VERSION } };
      if (path === 'auth:signIn') {
        signIns.push(args);
        return { value: { tokens: { token, refreshToken: 'r1' } } };
      }
      if (path === 'users:me') return { value: { id: 'u1', name: 'Ayşe Yılmaz', email: 'ayse@example.org', role: 'personel' } };
      if (path === 'imports:startRun') return { value: 'run1' };
      if (path === 'imports:ingestBatch') {
        const rows = (args as { rows: { rowNumber: number }[] }).rows;
        return { value: { results: rows.map((r) => ({ rowNumber: r.rowNumber, outcome: 'inserted' })), counts: { inserted: rows.length, updated: 0, failed: 0 } } };
      }
      return { value: null };
    });
    peers.push(peer);
    const args = ['import', file(), '--collection', 'beneficiaries', '--mode', 'insert', '--backend', peer.url, '--json'];
    const r = await cli([...args, '--email', 'ayse@example.org'], { KAFKASDER_PASSWORD: 'uzun-bir-şifre-12' });
    expect(r.stderr).not.toContain('No WebSocket');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 2, inserted: 2, failed: 0, status: 'completed' });
    // The password once; after that only refresh tokens (ConvexClient asks for a fresh token once
    // the server has confirmed the first, and the session exchanges its refresh token for it).
    expect(signIns[0]).toEqual({ provider: 'password', params: { flow: 'signIn', email: 'ayse@example.org', password: 'uzun-bir-şifre-12' } });
    for (const later of signIns.slice(1)) expect(later).toEqual({ refreshToken: expect.any(String) });
    expect(peer.received.filter((p) => p !== 'auth:signIn')).toEqual(['meta:version', 'users:me', 'imports:startRun', 'imports:ingestBatch', 'imports:finishRun']);
    expect(peer.tokens).toContain(token);
    // No e-mail: refused before anything is sent (a password is never taken from a flag).
    const before = peer.received.length;
    const noEmail = await cli(args, { KAFKASDER_PASSWORD: 'uzun-bir-şifre-12' });
    expect(noEmail.code).toBe(2);
    expect(noEmail.stderr).toContain('--email');
    expect(peer.received).toHaveLength(before);
  });

  it('import, export and undo end within 20 s with exit 2 and one line naming the URL when nothing answers there', async () => {
    const url = `http://127.0.0.1:${await unusedPort()}`;
    // The default timeouts: the version handshake over HTTP sees the refusal before any WebSocket.
    const env = { KAFKASDER_PASSWORD: 'uzun-bir-şifre-12' };
    const [imp, exp] = await Promise.all([
      cli(['import', file(), '--collection', 'beneficiaries', '--mode', 'insert', '--backend', url, '--email', 'a@example.org'], env),
      cli(['export', '--collection', 'beneficiaries', '--format', 'csv', '--out', join(tempDir(), 'out.csv'), '--backend', `${url}/`, '--lang', 'en', '--email', 'a@example.org'], env),
    ]);
    expect(imp.code).toBe(2);
    expect(imp.stderr).toBe(`${url} adresindeki sunucuya bağlanılamıyor. Ağı ve sunucunun çalıştığını kontrol edin.\n`);
    expect(exp.code).toBe(2);
    expect(exp.stderr).toBe(`Cannot reach the server at ${url}. Check the network and that the server is running.\n`);
    // The same in this process, without the child's start-up (seconds of tsx on a busy machine):
    // it took 98 s before the handshake (the client's reconnect loop until the 90 s timeout).
    const out = { stdout: '', stderr: '' };
    const io = { env, workDir: tempDir(), stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } };
    const started = Date.now();
    expect(await main(['undo', 'run1', '--backend', url, '--lang', 'en', '--email', 'a@example.org'], io)).toBe(2);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(out.stderr).toBe(exp.stderr);
  }, 60_000);

  it('applies the retention setting to the app data folder it uses, before it reaches the server', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ retentionDays: 10 }));
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);
    const entries = { old: ['checks/c-old', 'import-runs/r-old', 'reports/hatalar-old.csv', 'exports/e-old.csv'], recent: ['checks/c-new', 'reports/hatalar-new.csv'] };
    for (const [age, paths] of [[15, entries.old], [5, entries.recent]] as const) {
      for (const path of paths) {
        mkdirSync(join(dataDir, dirname(path)), { recursive: true });
        writeFileSync(join(dataDir, path), 'Şükrü Öztürk;' + tcFor(1));
        utimesSync(join(dataDir, path), daysAgo(age), daysAgo(age));
      }
    }
    const io = { env: { KAFKASDER_PASSWORD: 'uzun-bir-şifre-12', KAFKASDER_DATA_DIR: dataDir }, workDir: tempDir(), stdout: { write: () => true }, stderr: { write: () => true } };
    // Nothing answers at the URL: the command ends with 2, the folder is swept all the same.
    expect(await main(['undo', 'run1', '--backend', `http://127.0.0.1:${await unusedPort()}`, '--email', 'a@example.org'], io)).toBe(2);
    for (const path of entries.old) expect(existsSync(join(dataDir, path)), path).toBe(false);
    for (const path of entries.recent) expect(existsSync(join(dataDir, path)), path).toBe(true);
  }, 30_000);

  it('names a server without these functions, and lets no raw client log line reach the terminal when the socket keeps dropping', async () => {
    const bare = await startSyncPeer(() => ({ error: "Could not find public function for 'meta:version'" }));
    peers.push(bare);
    const missing = await cli(['undo', 'run1', '--backend', bare.url, '--lang', 'en', '--email', 'a@example.org'], { KAFKASDER_PASSWORD: 'uzun-bir-şifre-12' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`The server at ${bare.url} does not run Kafkasder Panel's functions (push them with npx convex deploy).\n`);
    expect(bare.connections).toBe(0);

    // The handshake and sign-in pass over HTTP; every WebSocket call is cut off (the client reconnects).
    const token = fakeToken({ sub: 'u1|s1', exp: Math.floor(Date.now() / 1000) + 3600 });
    const flaky = await startSyncPeer((path) => {
      if (path === 'meta:version') return { value: { app: 'kafkasder-panel', functionsVersion: FUNCTIONS_VERSION } };
      if (path === 'auth:signIn') return { value: { tokens: { token, refreshToken: 'r1' } } };
      return { drop: true };
    });
    peers.push(flaky);
    const r = await cli(['undo', 'run1', '--backend', flaky.url, '--lang', 'en', '--email', 'a@example.org'], { KAFKASDER_PASSWORD: 'uzun-bir-şifre-12', KAFKASDER_BACKEND_TIMEOUT_MS: '3000' });
    expect(r.code).toBe(2);
    expect(flaky.connections).toBeGreaterThan(1);
    expect(r.stderr).not.toMatch(/WebSocket|Attempting reconnect/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(flaky.url);
  }, 60_000);
});
