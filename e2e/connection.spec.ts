// The app shell shows when the backend cannot be reached, in real Chromium over the web bridge:
// the core's ConvexGateway points at a loopback port where nothing answers, then a peer speaking
// Convex's sync protocol starts there and the banner goes away.
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSyncPeer, type SyncPeer } from '../electron/core/backend/syncPeer.test-util';
import { unusedPort } from '../electron/core/localPorts.test-util';

const root = fileURLToPath(new URL('..', import.meta.url));
let server: ChildProcess | undefined;
let peer: SyncPeer | undefined;
let dataDir = '';

test.afterEach(async () => {
  server?.kill('SIGTERM');
  await peer?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function startRemoteBridge(backend: string): Promise<string> {
  dataDir = mkdtempSync(join(tmpdir(), 'kafkasder-e2e-remote-'));
  // Web mode over a deployment given by URL: the core's ConvexGateway to it, as the desktop app runs it.
  server = spawn(join(root, 'node_modules/.bin/tsx'), ['electron/web/main.ts', '--backend', backend, '--port', '0', '--data-dir', dataDir], { cwd: root });
  return await new Promise<string>((resolve, reject) => {
    let out = '';
    server!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /→ (http:\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    server!.once('exit', (code) => reject(new Error(`bridge exited (${code}): ${out}`)));
  });
}

test('"Sunucuya bağlanılamıyor" shows while the server is unreachable and goes once it answers', async ({ page }) => {
  test.setTimeout(120_000);
  const port = await unusedPort();
  const backend = `http://127.0.0.1:${port}`;
  const link = await startRemoteBridge(backend);
  // Its one-time link first (this browser gets the cookie), then the page.
  await page.goto(link);
  await page.locator('#root').waitFor({ state: 'attached' });
  await page.goto(`${new URL(link).origin}/#/inbox`);
  // The shell's banner (the first-run server screen may say the same beneath it).
  const banner = page.getByRole('alert').filter({ hasText: 'hiçbir şey kaybolmaz' });
  await expect(banner).toContainText(`Sunucuya bağlanılamıyor (${backend})`, { timeout: 20_000 });
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'nothing is lost' })).toContainText(`Cannot reach the server (${backend})`);

  // The server comes up: the client reconnects by itself and the banner goes.
  peer = await startSyncPeer((path) => ({ value: path === 'outbox:nextDue' ? { at: null } : path === 'notifications:unreadCount' ? 0 : null }), port);
  await expect(page.getByRole('alert').filter({ hasText: 'nothing is lost' })).toHaveCount(0, { timeout: 45_000 });
});
