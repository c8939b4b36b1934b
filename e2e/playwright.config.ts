import { defineConfig } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const WEB_PORT = Number(process.env.E2E_PORT ?? 4321);
// Debian's Chromium where Playwright's own browser cannot be downloaded; Playwright's otherwise.
const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// One folder for the runner and its workers (they inherit the environment; the config is read in each).
const dataDir = (process.env.KAFKASDER_E2E_DIR ??= mkdtempSync(join(tmpdir(), 'kafkasder-e2e-')));
/** The bridge writes its one-time link here; e2e/support/openBridge.ts opens it once and keeps the cookie. */
export const LINK_FILE = join(dataDir, 'link');
export const STORAGE_STATE = join(dataDir, 'browser-state.json');
const coreDir = join(dataDir, 'data');
mkdirSync(coreDir, { recursive: true });

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  globalSetup: './support/openBridge.ts',
  // .ci/e2e.mjs gives each of its side-by-side processes a folder of its own (each empties it first).
  outputDir: join(root, process.env.E2E_OUTPUT_DIR ?? 'test-results'),
  use: {
    baseURL: `http://127.0.0.1:${WEB_PORT}`,
    locale: 'tr-TR',
    // Every page starts as the browser that opened the bridge's link (its cookie).
    storageState: STORAGE_STATE,
    // Recording a trace costs about a third of the suite's CPU (screencast frames, snapshots): CI
    // records one on the retry of a failed test only; a local run keeps the failed test's trace.
    trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
    // The app turns antd's animations off for "reduce motion" (an accessibility setting): no frames
    // are drawn for transitions nobody watches, and nothing waits for one to end.
    reducedMotion: 'reduce',
    launchOptions: {
      ...(existsSync(systemChromium) ? { executablePath: systemChromium } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `npx tsx electron/web/main.ts --port ${WEB_PORT} --data-dir ${coreDir} --link-file ${LINK_FILE}`,
    cwd: root,
    url: `http://127.0.0.1:${WEB_PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
  },
});
