// The handshake against a loopback server speaking the Convex HTTP query protocol as the client
// library's source has it (POST /api/query; 200 {status:"success",value} or 560 {status:"error"}).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { channels } from '../../../shared/contract/channels';
import { FUNCTIONS_VERSION } from '../../../shared/domain/functionsVersion';
import type { BackendInfo } from './resolveBackend';
import type { CoreServices } from '../services';
import { createAppFeature } from '../../features/app/appFeature';
import type { JobRunner } from '../jobRunner';
import { SettingsStore } from '../storage/settingsStore';
import { checkServer } from './serverCheck';

const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

async function deployment(answer: (path: string) => { status: number; body: unknown }): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = req.url === '/api/query' ? (JSON.parse(body) as { path: string }).path : '';
      const { status, body: out } = answer(path);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(out));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const withVersion = (functionsVersion: number) => (path: string) =>
  path === 'meta:version'
    ? { status: 200, body: { status: 'success', value: { app: 'kafkasder-panel', functionsVersion }, logLines: [] } }
    : { status: 404, body: {} };

describe('checkServer (version handshake)', () => {
  it('accepts a deployment running this version of the functions', async () => {
    const url = await deployment(withVersion(FUNCTIONS_VERSION));
    expect(await checkServer(url)).toEqual({ state: 'ok', url, expected: FUNCTIONS_VERSION, actual: FUNCTIONS_VERSION });
  });

  it('tells older functions (push them) from newer ones (update the app)', async () => {
    expect((await checkServer(await deployment(withVersion(FUNCTIONS_VERSION - 1)))).state).toBe('older');
    expect((await checkServer(await deployment(withVersion(FUNCTIONS_VERSION + 1)))).state).toBe('newer');
  });

  it('says "missing" when the server answers without this app\'s functions', async () => {
    const none = await deployment(() => ({ status: 560, body: { status: 'error', errorMessage: "Could not find public function for 'meta:version'" } }));
    expect((await checkServer(none)).state).toBe('missing');
    const otherApp = await deployment(() => ({ status: 200, body: { status: 'success', value: { app: 'other', functionsVersion: 1 } } }));
    expect((await checkServer(otherApp)).state).toBe('missing');
    const notConvex = await deployment(() => ({ status: 404, body: { error: 'not found' } }));
    expect((await checkServer(notConvex)).state).toBe('missing');
  });

  it('says "unreachable" when nothing answers in time', async () => {
    const closed = await deployment(withVersion(1));
    // Closed, and its port no longer listening (close's callback), before the check.
    await new Promise((r) => servers.pop()!.close(r));
    expect((await checkServer(closed)).state).toBe('unreachable');
    // A server that never answers: the check gives up after its time limit.
    const silent = createServer(() => {});
    servers.push(silent);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    expect((await checkServer(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`, { timeoutMs: 300 })).state).toBe('unreachable');
  });

  it('drops trailing slashes of a pasted URL before asking (the client would call //api/query)', async () => {
    const url = await deployment(withVersion(FUNCTIONS_VERSION));
    expect(await checkServer(` ${url}// `)).toEqual({ state: 'ok', url, expected: FUNCTIONS_VERSION, actual: FUNCTIONS_VERSION });
  });

  it('refuses cleartext http to another machine before sending anything', async () => {
    expect((await checkServer('http://192.168.1.20:3210')).state).toBe('not-https');
    expect((await checkServer('not a url')).state).toBe('invalid');
  });
});

describe('first-run screen and start handshake (core handlers)', () => {
  const handlers = (backend: BackendInfo, restart?: () => void) => {
    const settings = new SettingsStore(mkdtempSync(join(tmpdir(), 'server-')));
    // Only what these handlers use of the core's services.
    const svc = { host: 'electron', version: '0.1.0', backend, settings, hostCapabilities: restart ? { restart } : {} } as unknown as CoreServices;
    return { h: createAppFeature(svc, {} as JobRunner).handlers, settings };
  };

  it('asks for a server when none is configured, and saves one only after it passed the check', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const restart = vi.fn();
      const { h, settings } = handlers({ kind: 'memory', source: 'none' }, restart);
      expect((await h.getAppInfo({})).server.state).toBe('unconfigured');
      expect((await h.getAppInfo({})).ephemeral).toBe(false);

      const older = await deployment(withVersion(FUNCTIONS_VERSION - 1));
      expect(await h.saveServer({ url: older })).toMatchObject({ saved: false, restarting: false, status: { state: 'older' } });
      expect(settings.get().backendUrl).toBeNull();

      const good = await deployment(withVersion(FUNCTIONS_VERSION));
      // Saved as checked: without the trailing slash it was pasted with.
      expect(await h.saveServer({ url: `${good}/` })).toMatchObject({ saved: true, restarting: true, status: { state: 'ok' } });
      expect(settings.get().backendUrl).toBe(good);
      expect(restart).not.toHaveBeenCalled();
      vi.advanceTimersByTime(600);
      expect(restart).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports the start handshake in the app info, and checks again on retry', async () => {
    let version = FUNCTIONS_VERSION + 1;
    const url = await deployment((path) => withVersion(version)(path));
    const { h } = handlers({ kind: 'convex', url, source: 'settings' });
    expect((await h.getAppInfo({})).server).toEqual({ state: 'newer', url, expected: FUNCTIONS_VERSION, actual: FUNCTIONS_VERSION + 1 });
    version = FUNCTIONS_VERSION;
    expect((await h.checkServer({})).state).toBe('ok');
    expect((await h.getAppInfo({})).server.state).toBe('ok');
  });

  it('refuses a cleartext http URL at the contract (Settings) before any handler runs', () => {
    expect(channels.saveSettings.input.safeParse({ backendUrl: 'http://192.168.1.20:3210' }).success).toBe(false);
    expect(channels.saveSettings.input.safeParse({ backendUrl: 'http://127.0.0.1:3210' }).success).toBe(true);
    expect(channels.saveSettings.input.safeParse({ backendUrl: 'https://convex.example.org' }).success).toBe(true);
  });
});
