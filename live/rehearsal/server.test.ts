// The rehearsal backend as the real Convex client and the real Convex CLI see it: one spawned
// `--demo` process for the file (a second, with --data, for the restart).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConvexClient, ConvexHttpClient } from 'convex/browser';
import { makeFunctionReference } from 'convex/server';
import { ConvexError, convexToJson } from 'convex/values';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { decodeJwt, importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../convex/_generated/api';
import { MIN_WINDOW_MS } from './journal';
import { spawnRehearsal, type RehearsalProcess } from './spawn';

const run = promisify(execFile);
let backend: RehearsalProcess;
const clients: ConvexClient[] = [];

beforeAll(async () => {
  backend = await spawnRehearsal({ demo: true });
}, 90_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  expect(await backend.stop()).toBe(0);
});

async function signIn(role: 'yonetici' | 'personel' | 'gozlemci' = 'personel', url = backend.url): Promise<{ token: string; refreshToken: string }> {
  const account = backend.demoAccounts.find((a) => a.role === role)!;
  const http = new ConvexHttpClient(url);
  const result = (await http.action(api.auth.signIn, { provider: 'password', params: { flow: 'signIn', email: account.email, password: account.password } })) as {
    tokens: { token: string; refreshToken: string };
  };
  return result.tokens;
}

function client(url = backend.url): ConvexClient {
  const c = new ConvexClient(url, { unsavedChangesWarning: false });
  clients.push(c);
  return c;
}

/** The next value `subscribe` delivers that satisfies `ok`. */
function nextValue<T>(subscribe: (cb: (v: T) => void) => () => void, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (stop(), reject(new Error('no such value in time'))), timeoutMs);
    const stop = subscribe((v) => {
      if (!ok(v)) return;
      clearTimeout(timer);
      stop();
      resolve(v);
    });
  });
}

function authenticated(c: ConvexClient, fetchToken: (args: { forceRefreshToken: boolean }) => Promise<string | null>): Promise<boolean> {
  return new Promise((resolve) => c.setAuth(fetchToken, (isAuthenticated) => resolve(isAuthenticated)));
}

describe('the rehearsal backend under the real Convex client', () => {
  it('signs in over HTTP and authenticates the WebSocket with the token', async () => {
    const { token } = await signIn('yonetici');
    expect(decodeJwt(token).iss).toBe(backend.siteUrl);
    const c = client();
    expect(await authenticated(c, async () => token)).toBe(true);
    const me = (await c.query(api.users.me, {})) as { email: string; role: string } | null;
    expect(me).toMatchObject({ email: 'yonetici@example.org', role: 'yonetici' });
  });

  it('sends a subscription the new result after a mutation from another client', async () => {
    const { token } = await signIn();
    const watcher = client();
    const writer = client();
    await authenticated(watcher, async () => token);
    await authenticated(writer, async () => token);
    type Prefs = Record<string, { email: boolean; sms: boolean }>;
    const watch = (cb: (v: Prefs) => void) => watcher.onUpdate(api.preferences.get, {}, cb);
    const first = await nextValue(watch, () => true);
    const flipped = !first.gorev!.sms;
    const changed = nextValue(watch, (v) => v.gorev!.sms === flipped);
    await writer.mutation(api.preferences.set, { prefs: { gorev: { email: first.gorev!.email, sms: flipped } } });
    expect((await changed).gorev!.sms).toBe(flipped);
  });

  it("keeps a ConvexError's data over HTTP and over the WebSocket", async () => {
    const http = new ConvexHttpClient(backend.url);
    const refused = await http
      .action(api.auth.signIn, { provider: 'password', params: { flow: 'signIn', email: 'yonetici@example.org', password: 'wrong-password-123' } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConvexError);
    expect((refused as ConvexError<{ code: string }>).data).toEqual({ code: 'invalid_credentials' });

    const c = client();
    const setup = await c
      .action(api.setup.createFirstAdmin, { setupCode: 'not-the-code-000000000', name: 'X Y', email: 'x@example.org', password: 'uzun-bir-sifre-123' })
      .catch((e: unknown) => e);
    expect(setup).toBeInstanceOf(ConvexError);
    expect((setup as ConvexError<{ code: string }>).data).toMatchObject({ code: expect.stringMatching(/invalid_setup_code|setup_closed/) });
  });

  it('runs a mutation sent again after a reconnect once: the same session and request id get the first result', async () => {
    // As convex/src/browser/sync/request_manager.ts restart() does: every unfinished mutation is
    // sent again on the new connection, with the same sessionId and requestId.
    const { token } = await signIn('personel');
    const c = client();
    await authenticated(c, async () => token);
    const me = (await c.query(api.users.me, {})) as { id: string };
    const WebSocket = createRequire(import.meta.url)('ws') as new (url: string) => {
      on(event: 'open' | 'message', cb: (data: Buffer) => void): void;
      send(data: string): void;
      close(): void;
    };
    const sessionId = randomUUID();
    const args = convexToJson({ recipientId: me.id, kind: 'gorev', title: 'Bir kez', body: 'Yeniden gönderilen istek' });
    const send = (connectionCount: number) =>
      new Promise<{ success: boolean; result: unknown; ts: string }>((resolve, reject) => {
        const ws = new WebSocket(`${backend.url.replace(/^http/, 'ws')}/api/1.0.0/sync`);
        const timer = setTimeout(() => reject(new Error('no MutationResponse')), 20_000);
        ws.on('open', () => {
          ws.send(JSON.stringify({ type: 'Connect', sessionId, connectionCount, lastCloseReason: null, clientTs: Date.now() }));
          ws.send(JSON.stringify({ type: 'Authenticate', baseVersion: 0, tokenType: 'User', value: token }));
          ws.send(JSON.stringify({ type: 'Mutation', requestId: 0, udfPath: 'notifications:create', args: [args] }));
        });
        ws.on('message', (data) => {
          const msg = JSON.parse(data.toString()) as { type: string; success: boolean; result: unknown; ts: string };
          if (msg.type !== 'MutationResponse') return;
          clearTimeout(timer);
          ws.close();
          resolve(msg);
        });
      });
    const first = await send(0);
    const again = await send(1);
    expect(first, JSON.stringify(first)).toMatchObject({ success: true });
    expect(again).toEqual(first);
    const sent = (await c.query(api.notifications.sent, { paginationOpts: { numItems: 50, cursor: null } })) as { page: { title: string }[] };
    expect(sent.page.filter((n) => n.title === 'Bir kez')).toHaveLength(1);
  });

  it('answers an expired token with AuthError, and the client recovers with a fresh one', async () => {
    const { token } = await signIn('yonetici');
    const admin = new ConvexHttpClient(backend.url);
    (admin as unknown as { setAdminAuth(key: string): void }).setAdminAuth(backend.adminKey);
    const { value: pem } = (await admin.query(makeFunctionReference<'query'>('_system/cli/queryEnvironmentVariables:get'), { name: 'JWT_PRIVATE_KEY' })) as { value: string };
    const claims = decodeJwt(token);
    const expired = await new SignJWT({ sub: claims.sub })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(String(claims.iss))
      .setAudience('convex')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(await importPKCS8(pem, 'RS256'));

    const asked: boolean[] = [];
    const c = client();
    const ok = await authenticated(c, async ({ forceRefreshToken }) => {
      asked.push(forceRefreshToken);
      return forceRefreshToken ? token : expired;
    });
    expect(ok).toBe(true);
    expect(asked).toEqual([false, true]);
    expect(await c.query(api.users.me, {})).toMatchObject({ email: 'yonetici@example.org' });
  });

  it('searches as the real backend: earlier terms whole words, the last a prefix', async () => {
    const { token } = await signIn();
    const c = client();
    await authenticated(c, async () => token);
    const names = async (search: string) =>
      (await c.mutation(api.records.list, { collection: 'beneficiaries', paginationOpts: { numItems: 50, cursor: null }, search })).page.map((r) =>
        String((r as Record<string, unknown>).fullName),
      );
    expect(await names('meh xyz')).toEqual([]);
    expect(await names('xyz meh')).toContain('Mehmet Demir');
    expect((await names('mehmet dem'))[0]).toBe('Mehmet Demir');
  });

  it('journals the documents that overlapping mutations both wrote', async () => {
    const { token } = await signIn('gozlemci');
    const [a, b] = [client(), client()];
    await Promise.all([authenticated(a, async () => token), authenticated(b, async () => token)]);
    const prefs = (sms: boolean) => ({ prefs: { sistem: { email: true, sms } } });
    await a.mutation(api.preferences.set, prefs(false)); // the caller's preferences document exists from here on
    const sequential = (await backend.journal()).mark;
    await a.mutation(api.preferences.set, prefs(true));
    await new Promise((r) => setTimeout(r, MIN_WINDOW_MS + 10)); // one after the other, as the journal counts time
    await b.mutation(api.preferences.set, prefs(false));
    expect((await backend.journal(sequential)).hot).toEqual([]);

    const concurrent = (await backend.journal()).mark;
    // Both arrive before either runs (held at the server), as two PCs' calls in flight at once do:
    // their windows overlap however busy the machine is.
    await backend.holdBatches('preferences:set', 0);
    const both = Promise.all([a.mutation(api.preferences.set, prefs(true)), b.mutation(api.preferences.set, prefs(false))]);
    await expect.poll(async () => (await backend.batchHold())?.waiting, { timeout: 30_000 }).toBe(2);
    await backend.releaseBatches();
    await both;
    const { entries, hot } = await backend.journal(concurrent);
    expect(entries.map((e) => e.fn)).toEqual(['preferences:set', 'preferences:set']);
    expect(hot).toHaveLength(1);
    expect(hot[0]!.writers.map((w) => w.fn)).toEqual(['preferences:set', 'preferences:set']);
    expect(entries[0]!.writes).toContain(hot[0]!.id);
  });

  it("checks arguments against unions as the real backend does: a member's value passes, a value matching no member is refused", async () => {
    // exposeConvexTest.mjs skips union members a value plainly cannot match, for speed only.
    const { token } = await signIn('personel');
    const http = new ConvexHttpClient(backend.url);
    http.setAuth(token);
    const refused = (p: Promise<unknown>) => p.then(() => 'accepted', (e: Error) => (/Validator error/.test(e.message) ? 'refused' : e.message));
    expect(await refused(http.mutation(api.records.open, { collection: 'nonsense' as 'beneficiaries', id: 'x' }))).toBe('refused');
    expect(await refused(http.mutation(api.records.create, { collection: 'beneficiaries', values: { firstName: true as unknown as string } }))).toBe('refused');
    expect(await refused(http.mutation(api.records.create, { collection: 'beneficiaries', values: { firstName: { a: 1 } as unknown as string } }))).toBe('refused');
    // A valid collection and a null among string | number | null: past the arguments' check.
    expect(await refused(http.mutation(api.records.open, { collection: 'donations', id: 'x' }))).not.toBe('refused');
    expect(await refused(http.mutation(api.records.create, { collection: 'beneficiaries', values: { phone: null } }))).not.toBe('refused');
    // Before any validator, as a real backend builds the value (limits.ts).
    await expect(http.query(api.users.me, { junk: new Array(8193).fill(0) } as never)).rejects.toThrow(/Array length is too long \(8193 > maximum length 8192\)/);
  });

  it('refuses an internal function to a client, and runs it for the admin key', async () => {
    const http = new ConvexHttpClient(backend.url);
    await expect(http.query(makeFunctionReference<'query'>('staff:emailTaken'), { email: 'a@example.org' })).rejects.toThrow(/Could not find public function/);
    (http as unknown as { setAdminAuth(key: string): void }).setAdminAuth(backend.adminKey);
    expect(await http.query(makeFunctionReference<'query'>('staff:emailTaken'), { email: 'yonetici@example.org' })).toBe(true);
  });

  it('lets the real Convex CLI set, get and list the environment the functions see', async () => {
    const cli = (...args: string[]) =>
      run(process.execPath, ['node_modules/convex/bin/main.js', 'env', ...args], {
        env: { ...process.env, CONVEX_SELF_HOSTED_URL: backend.url, CONVEX_SELF_HOSTED_ADMIN_KEY: backend.adminKey, CONVEX_DEPLOYMENT: '', CONVEX_URL: '' },
      });
    const code = 'REHEARSAL-SETUP-CODE-2345';
    await cli('set', 'KAFKASDER_SETUP_CODE', code);
    expect((await cli('get', 'KAFKASDER_SETUP_CODE')).stdout.trim()).toBe(code);
    expect((await cli('list')).stdout).toContain(`KAFKASDER_SETUP_CODE=${code}`);
    // The function sees it: the demo already has an administrator, so the right code reaches
    // the next check (setup_closed) where a wrong one stops at invalid_setup_code.
    const c = client();
    const attempt = (setupCode: string) =>
      c.action(api.setup.createFirstAdmin, { setupCode, name: 'X Y', email: 'x@example.org', password: 'uzun-bir-sifre-123' }).catch((e: ConvexError<{ code: string }>) => e.data.code);
    expect(await attempt(code)).toBe('setup_closed');
    expect(await attempt(`${code}-wrong`)).toBe('invalid_setup_code');
  }, 60_000);
});

/** Tries a WebSocket every 10 ms until the port takes one; `opened` settles when that one opens. */
function firstSocket(url: string): { opened: Promise<'open'>; close(): void } {
  const { WebSocket } = createRequire(import.meta.url)('ws') as { WebSocket: new (url: string) => { on(e: string, f: () => void): void; close(): void } };
  let socket: { close(): void } | null = null;
  let stopped = false;
  const opened = new Promise<'open'>((resolve) => {
    const attempt = () => {
      if (stopped) return;
      const ws = new WebSocket(url);
      socket = ws;
      ws.on('open', () => resolve('open'));
      ws.on('error', () => setTimeout(attempt, 10));
    };
    attempt();
  });
  return { opened, close: () => ((stopped = true), socket?.close()) };
}

describe('the rehearsal backend with --data', () => {
  it('keeps documents, the environment and the admin key across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rehearsal-data-'));
    try {
      // A fixed port: the tokens' issuer is the site URL, which must stay the same across the restart.
      const port = Number(process.env.E2E_PORT ?? 7150) + 10;
      const first = await spawnRehearsal({ demo: true, dataDir: dir, port });
      const { token } = await signIn('personel', first.url);
      const c = new ConvexClient(first.url, { unsavedChangesWarning: false });
      await authenticated(c, async () => token);
      await c.mutation(api.preferences.set, { prefs: { rapor: { email: false, sms: true } } });
      await c.close();
      expect(await first.stop()).toBe(0);

      // A PC reconnecting while the restarted backend loads its data: its socket is answered once
      // the backend is ready (a socket left unanswered waits out the client's 60 s inactivity timer).
      const early = firstSocket(`ws://127.0.0.1:${port}/api/1.0/sync`);
      const second = await spawnRehearsal({ dataDir: dir, port });
      try {
        expect(await Promise.race([early.opened, new Promise((resolve) => setTimeout(() => resolve('unanswered'), 5_000))])).toBe('open');
        early.close();
        expect(second.adminKey).toBe(first.adminKey);
        // The same token still verifies: the keys (JWKS) came back with the environment.
        const again = new ConvexClient(second.url, { unsavedChangesWarning: false });
        await authenticated(again, async () => token);
        expect(((await again.query(api.preferences.get, {})) as Record<string, unknown>).rapor).toEqual({ email: false, sms: true });
        await again.close();
      } finally {
        expect(await second.stop()).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
