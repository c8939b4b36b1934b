// The desktop host itself: the built main process in Electron, over a demo rehearsal backend
// (CONVEX_URL, as the launcher hands a deployment over), with its own data folder. Signs in as the
// demo administrator and reads Records over IPC. Electron's binary downloads on first use (npm
// start, with the network), and on Linux it needs a display (xvfb-run in CI): where either is
// missing the spec skips, saying which.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnRehearsal, type RehearsalProcess } from '../live/rehearsal/spawn';
import { DEMO, fillSignIn, signOutButton } from './signIn';

const root = fileURLToPath(new URL('..', import.meta.url));

function installedElectron(): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = installedElectron();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
test.skip(!binary, 'Electron binary not installed here (npm start downloads it once, with the network): desktop spec skipped');
test.skip(noDisplay, 'No display for Electron (DISPLAY unset): run under xvfb-run; desktop spec skipped');

let backend: RehearsalProcess | undefined;
let dataDir: string | undefined;
test.beforeAll(async () => {
  backend = await spawnRehearsal({ demo: true });
  dataDir = mkdtempSync(join(tmpdir(), 'kafkasder-electron-'));
});
test.afterAll(async () => {
  await backend?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the desktop window is sandboxed and isolated, signs in and shows Records over IPC', async () => {
  const app = await electron.launch({
    executablePath: binary!,
    args: [join(root, 'dist', 'electron', 'main.cjs')],
    env: { ...process.env, CONVEX_URL: backend!.url, KAFKASDER_DATA_DIR: dataDir! },
  });
  try {
    const window = await app.firstWindow();
    // nodeIntegration off and sandboxed: no Node in the page.
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    // The preload exposes named methods, never a generic invoke.
    const exposed = await window.evaluate(() => Object.keys((window as unknown as { kafkasder: object }).kafkasder));
    expect(exposed).toContain('listRecords');
    expect(exposed).not.toContain('invoke');
    expect(exposed).not.toContain('ipcRenderer');

    await fillSignIn(window, DEMO.yonetici.email, DEMO.yonetici.password);
    await expect(signOutButton(window)).toBeVisible();
    await window.evaluate(() => (location.hash = '#/records'));
    await expect(window.getByRole('heading', { name: 'Kayıtlar', level: 2 })).toBeVisible();
    // The demo's people arrive through the main process (IPC → core → rehearsal backend).
    await expect(window.getByRole('link', { name: 'Fatma Şahin' }).first()).toBeVisible();
  } finally {
    await app.close();
  }
});
