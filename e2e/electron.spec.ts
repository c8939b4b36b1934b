// The desktop host itself. Electron's binary downloads on first use and cannot be fetched on
// machines without the network, so this spec skips there with a message saying so.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function installedElectron(): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = installedElectron();
test.skip(!binary, 'Electron binary not installed here (npm start downloads it once, with the network); desktop spec skipped');

test('the desktop window is sandboxed and isolated, and shows Records over IPC', async () => {
  const app = await electron.launch({
    executablePath: binary!,
    args: [join(root, 'dist', 'electron', 'main.cjs')],
    env: { ...process.env, CONVEX_URL: '' },
  });
  try {
    const window = await app.firstWindow();
    // nodeIntegration off and sandboxed: no Node in the page.
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    await expect(window.getByRole('heading', { name: 'Kayıtlar', level: 2 })).toBeVisible();
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    const exposed = await window.evaluate(() => Object.keys((window as unknown as { kafkasder: object }).kafkasder));
    expect(exposed).toContain('listRecords');
    expect(exposed).not.toContain('invoke');
    expect(exposed).not.toContain('ipcRenderer');
  } finally {
    await app.close();
  }
});
