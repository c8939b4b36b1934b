import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, TOKEN_HEADER, type RunningBridge } from './bridgeServer';
import { startDemoCore, type DemoCore } from './demoCore';

let demo: DemoCore;
let bridge: RunningBridge;

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
  demo = await startDemoCore({ host: 'web', dataDir: mkdtempSync(join(tmpdir(), 'bridge-data-')) });
  bridge = await startBridge({ core: demo.core, rendererDir, uploads: demo.uploads, port: 0 });
});
afterAll(async () => {
  await bridge.close();
  await demo.core.close();
});

/** Raw HTTP so the test controls Host and Origin, which fetch would not let it set. */
function raw(path: string, headers: Record<string, string>, body = '{}', method = 'POST') {
  const url = new URL(path, bridge.url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? body : undefined);
  });
}

const call = async (channel: string, input: unknown) => {
  const res = await fetch(new URL(`/api/call/${channel}`, bridge.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: bridge.token },
    body: JSON.stringify(input),
  });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
};

describe('web bridge', () => {
  it('listens on loopback only and puts the token in the served page', async () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await (await fetch(bridge.url)).text();
    expect(page).toContain(`content="${bridge.token}"`);
    const csp = (await fetch(bridge.url)).headers.get('content-security-policy');
    expect(csp).toContain("script-src 'self'");
  });

  it('refuses a missing or wrong token, a foreign Origin and a foreign Host', async () => {
    const json = { 'Content-Type': 'application/json' };
    expect((await raw('/api/call/getAppInfo', json)).status).toBe(401);
    expect((await raw('/api/call/getAppInfo', { ...json, [TOKEN_HEADER]: 'x'.repeat(43) })).status).toBe(401);
    const good = { ...json, [TOKEN_HEADER]: bridge.token };
    expect((await raw('/api/call/getAppInfo', { ...good, Origin: 'https://evil.example' })).status).toBe(403);
    expect((await raw('/api/call/getAppInfo', { ...good, Host: 'evil.example' })).status).toBe(421);
    expect((await raw('/api/call/getAppInfo', { ...good, Origin: new URL(bridge.url).origin })).status).toBe(200);
    expect((await raw(`/api/events?token=wrong`, {}, '', 'GET')).status).toBe(401);
  });

  it('serves the contract: seeded beneficiaries through the MemoryGateway, bad input refused', async () => {
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
    const res = await fetch(new URL(`/api/events?token=${bridge.token}`, bridge.url), { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read(); // the ': connected' comment
    const saved = await call('saveProfile', { name: 'Zeynep Kaya' });
    expect(saved.ok).toBe(true);
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('"dataChanged"');
    controller.abort();
  });

  it('streams uploads to disk and resolves only its own references', async () => {
    const res = await fetch(new URL('/api/upload?name=../../etc/passwd.csv', bridge.url), {
      method: 'POST',
      headers: { [TOKEN_HEADER]: bridge.token, 'Content-Type': 'application/octet-stream' },
      body: 'Ad Soyad;TC Kimlik No\r\n',
    });
    const body = (await res.json()) as { value: { uploadId: string } };
    const resolved = demo.uploads.resolve(body.value.uploadId);
    expect(resolved?.name).toBe('passwd.csv');
    expect(resolved?.path.startsWith(demo.core.services.dataDir)).toBe(true);
    expect(demo.uploads.resolve('/etc/passwd')).toBeUndefined();
  });
});
