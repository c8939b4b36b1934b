import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type RunningBridge } from './bridgeServer';
import { startDemoCore, type DemoCore } from './demoCore';
import { demoDeployment } from '../core/backend/rehearsal.test-util';
import { UploadStore } from './uploadStore';

let demo: DemoCore;
let bridge: RunningBridge;
/** The Cookie header of a browser that opened the bridge's link. */
let cookie: string;
const nextLinks: string[] = [];

const APP_PAGE = '<html><head></head><body>app</body></html>';
function rendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'renderer-'));
  writeFileSync(join(dir, 'index.html'), APP_PAGE);
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("app")');
  return dir;
}

/** What the opening page does with the link's fragment: posts the key, keeps the cookie it gets. */
async function openLink(link: string): Promise<{ status: number; cookie: string | null; setCookie: string | null }> {
  const url = new URL(link);
  const key = new URLSearchParams(url.hash.slice(1)).get('k');
  const res = await fetch(new URL('/api/session', url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key }) });
  const setCookie = res.headers.get('set-cookie');
  return { status: res.status, setCookie, cookie: setCookie?.split(';')[0] ?? null };
}

beforeAll(async () => {
  demo = await startDemoCore({ host: 'web', dataDir: mkdtempSync(join(tmpdir(), 'bridge-data-')), demo: await demoDeployment() });
  bridge = await startBridge({ core: demo.core, rendererDir: rendererDir(), uploads: demo.uploads, port: 0, onNextLink: (l) => nextLinks.push(l) });
  cookie = (await openLink(bridge.link())).cookie!;
});
afterAll(async () => {
  await bridge.close();
  await demo.core.close();
});

/** Raw HTTP so the test controls Host, Origin, Content-Length and the path, which fetch would not let it set. */
function raw(path: string, headers: Record<string, string>, body: string | Buffer = '{}', method = 'POST', base = bridge.url) {
  const url = new URL(base);
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? body : undefined);
  });
}

/** A cookie of the bridge's name with a value it never handed out. */
const forgedCookie = () => `kafkasder_bridge_${new URL(bridge.url).port}=${'x'.repeat(43)}`;

const call = async (channel: string, input: unknown) => {
  const res = await fetch(new URL(`/api/call/${channel}`, bridge.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify(input),
  });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
};

describe('web bridge', () => {
  it('listens on loopback only; its link carries the key in the fragment, and no page holds a secret', async () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const link = new URL(bridge.link());
    expect(`${link.origin}/`).toBe(bridge.url);
    expect(link.pathname + link.search).toBe('/');
    const key = new URLSearchParams(link.hash.slice(1)).get('k')!;
    expect(key).toMatch(/^[\w-]{43}$/);
    // Any local process can fetch the page: without the cookie it gets the opening page, not the app.
    const stranger = await fetch(bridge.url);
    expect(stranger.status).toBe(401);
    const opening = await stranger.text();
    expect(opening).not.toContain('app</body>');
    expect(opening).not.toContain(key);
    const app = await fetch(bridge.url, { headers: { Cookie: cookie } });
    expect(app.status).toBe(200);
    const page = await app.text();
    expect(page).toBe(APP_PAGE);
    expect(page).not.toContain(cookie.split('=')[1]!);
    expect(app.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('trades a link for an HttpOnly SameSite=Strict cookie once; a used link is refused and the next one is given', async () => {
    const link = bridge.link();
    const first = await openLink(link);
    expect(first.status).toBe(200);
    const attributes = first.setCookie!.split(';').map((a) => a.trim());
    expect(attributes[0]).toMatch(new RegExp(`^kafkasder_bridge_${new URL(bridge.url).port}=[\\w-]{43}$`));
    expect(attributes.slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
    // Each browser that opened a link keeps its own cookie: this one and the first one both work.
    for (const c of [first.cookie!, cookie]) expect((await fetch(bridge.url, { headers: { Cookie: c } })).status).toBe(200);
    // The same link again (another process that read it later): refused, no cookie.
    const again = await openLink(link);
    expect(again).toMatchObject({ status: 401, setCookie: null });
    // The next link was handed to the terminal, and it works once.
    expect(nextLinks.at(-1)).toBe(bridge.link());
    expect(bridge.link()).not.toBe(link);
    expect((await openLink(bridge.link())).status).toBe(200);
    // A wrong key, or none, changes nothing.
    const before = bridge.link();
    for (const body of [{ key: 'x'.repeat(43) }, {}, { key: 1 }]) {
      const res = await raw('/api/session', { 'Content-Type': 'application/json' }, JSON.stringify(body));
      expect(res.status).toBe(401);
    }
    expect(bridge.link()).toBe(before);
  });

  it('refuses a missing or wrong cookie (pages, files, calls, events, uploads), a foreign Origin and a foreign Host', async () => {
    const json = { 'Content-Type': 'application/json' };
    const forged = forgedCookie();
    // No cookie, a forged value (as long as a real one, or shorter), a real value under another name.
    const without: Record<string, string>[] = [{}, { Cookie: forged }, { Cookie: forged.slice(0, -10) }, { Cookie: cookie.replace(/^[^=]+/, 'other') }];
    for (const headers of without) {
      expect((await raw('/api/call/getAppInfo', { ...json, ...headers })).status).toBe(401);
      expect((await raw('/api/events', headers, '', 'GET')).status).toBe(401);
      expect((await raw('/api/upload?name=a.csv', headers, 'x')).status).toBe(401);
      for (const path of ['/', '/index.html', '/assets/app.js', '/anything']) {
        const res = await raw(path, headers, '', 'GET');
        expect(res.status).toBe(401);
        expect(res.body).not.toMatch(/app<\/body>|console\.log/);
      }
    }
    expect((await raw('/assets/app.js', { Cookie: cookie }, '', 'GET')).body).toBe('console.log("app")');
    // Found among the browser's other cookies for this host, spaces around it or not.
    for (const header of [`theme=dark; ${cookie}`, `${cookie} ; theme=dark`]) expect((await raw('/assets/app.js', { Cookie: header }, '', 'GET')).status).toBe(200);
    const good = { ...json, Cookie: cookie };
    expect((await raw('/api/call/getAppInfo', { ...good, Origin: 'https://evil.example' })).status).toBe(403);
    // Another server on this PC is another origin (same site: SameSite alone would send the cookie).
    expect((await raw('/api/call/getAppInfo', { ...good, Origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await raw('/api/call/getAppInfo', { ...good, Host: 'evil.example' })).status).toBe(421);
    expect((await raw('/api/call/getAppInfo', { ...good, Origin: new URL(bridge.url).origin })).status).toBe(200);
  });

  it('answers every /api/ request uncached and only by its method and route: a GET call, a POST download or event stream, a call not JSON, an unknown route', async () => {
    const good = { 'Content-Type': 'application/json', Cookie: cookie };
    const refusal = async (path: string, headers: Record<string, string>, method: string) => {
      const res = await raw(path, headers, '{}', method);
      expect(res.headers['cache-control']).toBe('no-store');
      return { status: res.status, ...(JSON.parse(res.body) as { error: object }).error };
    };
    const ok = await raw('/api/call/getAppInfo', good);
    expect(ok).toMatchObject({ status: 200, headers: { 'cache-control': 'no-store' } });
    expect((await raw('/api/call/getAppInfo', { Cookie: forgedCookie() })).headers['cache-control']).toBe('no-store');
    const postOnly = { status: 405, code: 'method_not_allowed', message: 'POST only', messageTr: 'Yalnızca POST' };
    expect(await refusal('/api/call/getAppInfo', good, 'GET')).toEqual(postOnly);
    expect(await refusal('/api/upload?name=a.csv', { Cookie: cookie }, 'GET')).toEqual(postOnly);
    // Downloads and events are GETs only: posted, they are no route; a path that only holds a download's is no download.
    const noRoute = { status: 404, code: 'no_route', message: 'No such route', messageTr: 'Böyle bir yol yok' };
    expect(await refusal('/api/download/abc', { Cookie: cookie }, 'POST')).toEqual(noRoute);
    expect(await refusal('/api/events', { Cookie: cookie }, 'POST')).toEqual(noRoute);
    expect(await refusal('/api/download/abc/more', { Cookie: cookie }, 'GET')).toEqual(postOnly);
    expect(await refusal('/api/x/api/download/abc', { Cookie: cookie }, 'GET')).toEqual(postOnly);
    expect(await refusal('/api/download/abc', { Cookie: cookie }, 'GET')).toMatchObject({ status: 404, code: 'no_download' });
    expect(await refusal('/api/call/getAppInfo', { Cookie: cookie }, 'POST')).toMatchObject({ status: 415, code: 'json_only' });
    expect(await refusal('/api/call/getAppInfo', { Cookie: cookie, 'Content-Type': 'text/plain' }, 'POST')).toEqual({
      status: 415,
      code: 'json_only',
      message: 'JSON only',
      messageTr: 'Yalnızca JSON',
    });
    expect(await refusal('/api/nothing', good, 'POST')).toEqual(noRoute);
    expect(await refusal('/api/call/a/b', good, 'POST')).toEqual(noRoute);
    expect(await refusal('/api/x/api/call/getAppInfo', good, 'POST')).toEqual(noRoute);
    // JSON with its charset is JSON; a type that only ends like it is not.
    expect((await raw('/api/call/getAppInfo', { Cookie: cookie, 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(200);
    expect(await refusal('/api/call/getAppInfo', { Cookie: cookie, 'Content-Type': 'text/plain; x=application/json' }, 'POST')).toMatchObject({ status: 415 });
  });

  it('serves the contract: no data before sign-in; signed in, seeded beneficiaries through the rehearsal backend, bad input refused', async () => {
    const before = await call('listRecords', { collection: 'beneficiaries', cursor: null, numItems: 5 });
    expect(before).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const session = await call('getSession', {});
    const accounts = (session.value as { demoAccounts: { role: string; email: string; password: string }[] }).demoAccounts;
    expect(accounts.map((a) => a.role)).toEqual(['yonetici', 'personel', 'gozlemci']);
    const personel = accounts.find((a) => a.role === 'personel')!;
    const wrong = await call('signIn', { email: personel.email, password: 'not-the-password' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    const signedIn = await call('signIn', { email: personel.email, password: personel.password });
    expect(signedIn).toMatchObject({ ok: true, value: { email: personel.email, role: 'personel' } });
    expect(Object.keys(signedIn.value as object).sort()).toEqual(['email', 'id', 'name', 'phone', 'role']);
    const list = await call('listRecords', { collection: 'beneficiaries', cursor: null, numItems: 5 });
    expect(list.ok).toBe(true);
    const page = (list.value as { page: Array<Record<string, unknown>> }).page;
    expect(page.length).toBe(5);
    expect(page[0]?.nationalId).toMatch(/^[1-9]\d{10}$/);
    const bad = await call('listRecords', { collection: 'users', cursor: null, numItems: 5 });
    expect(bad.ok).toBe(false);
    expect(bad.error?.code).toBe('invalid_input');
  });

  it('pushes events over server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(new URL('/api/events', bridge.url), { headers: { Cookie: cookie }, signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read(); // the ': connected' comment
    const saved = await call('saveProfile', { name: 'Zeynep Kaya' });
    expect(saved.ok).toBe(true);
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('"dataChanged"');
    controller.abort();
  });

  it('streams uploads to disk and resolves only its own references', async () => {
    const res = await fetch(new URL('/api/upload?name=liste.csv', bridge.url), {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/octet-stream' },
      body: 'Ad Soyad;TC Kimlik No\r\n',
    });
    const body = (await res.json()) as { value: { uploadId: string } };
    const resolved = demo.uploads.resolve(body.value.uploadId);
    expect(resolved?.name).toBe('liste.csv');
    expect(resolved?.path.startsWith(demo.core.services.dataDir)).toBe(true);
    expect(demo.uploads.resolve('/etc/passwd')).toBeUndefined();
  });
});

describe('web bridge: bad requests', () => {
  const good = () => ({ 'Content-Type': 'application/json', Cookie: cookie });
  const expectRefusal = (res: { status: number; body: string }, status: number, code: string) => {
    expect(res.status).toBe(status);
    const body = JSON.parse(res.body) as { ok: boolean; error: { code: string; message: string; messageTr: string } };
    expect(body).toMatchObject({ ok: false, error: { code } });
    expect(body.error.messageTr.length).toBeGreaterThan(0);
    // No exception text (SyntaxError, URIError, stack frames) reaches the browser.
    expect(res.body).not.toMatch(/SyntaxError|URIError|Unexpected token|at .*\.ts:|JSON at position/);
  };

  it('answers malformed JSON and a bad % in the path with 400', async () => {
    expectRefusal(await raw('/api/call/getAppInfo', good(), '{"oops'), 400, 'bad_json');
    expectRefusal(await raw('/%E0%A4%A', { Cookie: cookie }, '', 'GET'), 400, 'bad_path');
    expectRefusal(await raw('/assets/%zz.js', { Cookie: cookie }, '', 'GET'), 400, 'bad_path');
  });

  it('answers a 9 MiB call body with 413, declared or not', async () => {
    const big = Buffer.alloc(9 * 1024 * 1024, 0x20);
    expectRefusal(await raw('/api/call/getAppInfo', good(), big), 413, 'request_too_large');
    // Declared small but chunked: counted as it arrives.
    const chunked = { ...good(), 'Transfer-Encoding': 'chunked' };
    expectRefusal(await raw('/api/call/getAppInfo', chunked, big), 413, 'request_too_large');
  });

  it('refuses upload names that are missing, empty, . or .., or paths', async () => {
    expectRefusal(await raw('/api/upload', { Cookie: cookie }, 'x'), 400, 'bad_file_name');
    for (const name of ['', '.', '..', '../../etc/passwd.csv', 'a\\b.csv']) {
      const res = await raw(`/api/upload?name=${encodeURIComponent(name)}`, { Cookie: cookie }, 'x');
      expectRefusal(res, 400, 'bad_file_name');
    }
  });

  it('answers an over-size upload with 413 before reading it, and keeps no partial file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'uploads-'));
    const limited = await startBridge({ core: demo.core, rendererDir: rendererDir(), uploads: new UploadStore(dir, 1024), port: 0 });
    try {
      const headers = { Cookie: (await openLink(limited.link())).cookie!, 'Content-Type': 'application/octet-stream' };
      // Declared too large: refused from the header, the body never sent.
      const declared = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const url = new URL(limited.url);
        const req = httpRequest(
          { host: url.hostname, port: url.port, path: '/api/upload?name=big.csv', method: 'POST', headers: { ...headers, 'Content-Length': String(5 * 1024 ** 3) } },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.flushHeaders();
      });
      expectRefusal(declared, 413, 'upload_too_large');
      // Chunked, no length: cut off at the limit.
      const chunked = await raw('/api/upload?name=big.csv', { ...headers, 'Transfer-Encoding': 'chunked' }, Buffer.alloc(4096, 0x41), 'POST', limited.url);
      expectRefusal(chunked, 413, 'upload_too_large');
      expect(readdirSync(dir)).toEqual([]);
      const fits = await raw('/api/upload?name=ok.csv', headers, Buffer.alloc(1024, 0x41), 'POST', limited.url);
      expect(fits.status).toBe(200);
      expect(readdirSync(dir)).toHaveLength(1);
    } finally {
      await limited.close();
    }
  });
});

describe('web bridge: personal data goes after use', () => {
  const jobDone = (jobId: string) =>
    new Promise<unknown>((resolve, reject) => {
      const stop = demo.core.bus.subscribe((name, payload) => {
        const p = payload as { jobId: string; result?: unknown; error?: unknown };
        if (p.jobId !== jobId) return;
        if (name === 'jobDone') {
          stop();
          resolve(p.result);
        } else if (name === 'jobFailed') {
          stop();
          reject(new Error(JSON.stringify(p.error)));
        }
      });
    });
  const startJob = async (kind: string, input: unknown) => {
    const started = await call('startJob', { kind, input });
    expect(started.ok).toBe(true);
    return (started.value as { jobId: string }).jobId;
  };

  it('deletes an upload once its import completed', async () => {
    const { completeTcKimlik } = await import('../../shared/domain');
    const res = await fetch(new URL('/api/upload?name=tek.csv', bridge.url), {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/octet-stream' },
      body: `Ad Soyad;TC Kimlik No;İl\r\nNermin Aksoy;${completeTcKimlik('111222333')};Kars\r\n`,
    });
    const uploadId = ((await res.json()) as { value: { uploadId: string } }).value.uploadId;
    const { path } = demo.uploads.resolve(uploadId)!;
    expect(readdirSync(join(path, '..'))).toEqual(['tek.csv']);
    const jobId = await startJob('importRun', { file: uploadId, collection: 'beneficiaries', mapping: ['fullName', 'nationalId', 'city'], mode: 'insert' });
    expect(await jobDone(jobId)).toMatchObject({ status: 'completed', inserted: 1 });
    expect(demo.uploads.resolve(uploadId)).toBeUndefined();
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(path, '..'))).toBe(false);
  });

  it('deletes an export once it was downloaded; a second download finds nothing', async () => {
    const jobId = await startJob('export', { collection: 'donations', format: 'csv' });
    const result = (await jobDone(jobId)) as { file: string; downloadId: string };
    const { existsSync, statSync } = await import('node:fs');
    expect(existsSync(result.file)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(result.file).mode & 0o777).toBe(0o600);
    // Without the cookie, or with a wrong one, nothing is sent and the file stays for the real download.
    const without: Record<string, string>[] = [{}, { Cookie: cookie.replace(/=.*/, `=${'x'.repeat(43)}`) }];
    for (const headers of without) {
      const refused = await raw(`/api/download/${result.downloadId}`, headers, '', 'GET');
      expect(refused.status).toBe(401);
      expect(refused.body).not.toContain('MK-2025-0001');
    }
    expect(existsSync(result.file)).toBe(true);
    const url = new URL(`/api/download/${result.downloadId}`, bridge.url);
    const first = await fetch(url, { headers: { Cookie: cookie } });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('MK-2025-0001');
    await expect.poll(() => existsSync(result.file)).toBe(false);
    const second = await fetch(url, { headers: { Cookie: cookie } });
    expect(second.status).toBe(404);
    expect(await second.json()).toMatchObject({ ok: false, error: { code: 'no_download' } });
  });
});
