// The desktop core's HTTP goes through the fetch the host hands in (Electron's net.fetch: the
// system's proxy settings and certificate store) — the version handshake too, not only sign-in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { FUNCTIONS_VERSION } from '../../shared/domain/functionsVersion';
import { createDesktopCore, type DesktopCoreOptions } from './desktopCore';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const plainBox: DesktopCoreOptions['secretBox'] = {
  sealedBy: 'safeStorage',
  protection: 'os_keychain',
  encrypt: (plain) => Buffer.from(plain),
  decrypt: (sealed) => sealed.toString(),
  encryptAsync: async (plain) => Buffer.from(plain),
  decryptAsync: async (sealed) => sealed.toString(),
};

test('the version handshake goes through the host’s fetch', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'desktop-core-'));
  dirs.push(dir);
  const asked: string[] = [];
  // No server at this address: only the host's fetch can answer the handshake.
  const hostFetch: typeof fetch = async (input) => {
    asked.push(String(input));
    const body = { status: 'success', value: { app: 'kafkasder-panel', functionsVersion: FUNCTIONS_VERSION }, logLines: [] };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const { core } = createDesktopCore({
    env: { CONVEX_URL: 'http://127.0.0.1:9' },
    fetch: hostFetch,
    dataDir: dir,
    version: '0.0.0-test',
    isPackaged: true,
    cwd: dir,
    secretBox: plainBox,
    hostCapabilities: () => ({}),
  });
  try {
    expect(await core.dispatch('getAppInfo', {})).toMatchObject({ ok: true, value: { server: { state: 'ok', actual: FUNCTIONS_VERSION } } });
    expect(asked).toEqual(['http://127.0.0.1:9/api/query']);
    expect(await core.dispatch('checkServer', { url: 'http://127.0.0.1:9' })).toMatchObject({ ok: true, value: { state: 'ok' } });
    expect(asked).toHaveLength(2);
  } finally {
    await core.close();
  }
});
