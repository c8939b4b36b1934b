// Journey: a PC starts with a stored session while its server does not answer (a VPN that drops
// packets, a server PC that hangs), then while it is off.
// The window is not held up: the app's information (the version handshake's "unreachable", behind
// the "cannot reach the server" screen and its retry) answers within the restore deadline, the
// stored session is kept, and once the server is back the person is signed in without a password.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { RESTORE_DEADLINE_MS } from '../../electron/core/session/authSession';
import { spawnRehearsal, type RehearsalProcess } from '../rehearsal/spawn';
import { unusedPort } from '../../electron/core/localPorts.test-util';
import { startPc, waitFor, type OfficePc } from './office.test-util';

const dir = mkdtempSync(join(tmpdir(), 'journey-unreachable-'));
let backend: RehearsalProcess | null = null;
let pc: OfficePc | null = null;

afterAll(async () => {
  pc?.kill();
  await pc?.close();
  await backend?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

test('a start with the server off: the window hears "unreachable" within the restore deadline, and the stored session signs in once the server is back', { timeout: 300_000 }, async () => {
  const port = await unusedPort({ andNext: true });
  const data = join(dir, 'backend');
  const pcDir = join(dir, 'pc');
  mkdirSync(pcDir);
  backend = await spawnRehearsal({ demo: true, dataDir: data, port });
  const staff = backend.demoAccounts.find((a) => a.role === 'personel')!;
  const url = backend.url;

  pc = await startPc(url, { dataDir: pcDir });
  await pc.call('signIn', { email: staff.email, password: staff.password });
  await pc.quit();
  await pc.close();
  await backend.stop('SIGTERM');
  backend = null;

  // Started again while the server's address takes connections and never answers (the app's
  // default wait for a call stays 90 s).
  const held = new Set<Socket>();
  const silent = createServer((socket) => void held.add(socket));
  await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
  pc = await startPc(url, { dataDir: pcDir });
  await pc.call('getSettings', {}); // the app is up (a local answer)
  const started = Date.now();
  const info = await pc.call('getAppInfo', {});
  const answeredMs = Date.now() - started;
  expect(info.server.state).toBe('unreachable');
  expect(answeredMs).toBeLessThanOrEqual(RESTORE_DEADLINE_MS + 1_000);
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));

  backend = await spawnRehearsal({ dataDir: data, port });
  // The person asks to retry (the screen's button): the handshake now passes …
  expect((await pc.call('checkServer', {})).state).toBe('ok');
  // … and the stored session signs them in by itself.
  const session = await waitFor('the stored session to sign in', async () => {
    const s = await pc!.call('getSession', {});
    return s.user ? s : null;
  }, 60_000);
  expect(session.user).toMatchObject({ email: staff.email, role: 'personel' });
});
