// Heap and first-page latency of the import wizard's check step with big files. Not a test: it
// prints figures, and exits 1 when a target is missed (at 200,000 rows: first page ≤ 2 s, JS heap
// ≤ 150 MB; the 1,000,000-row file's figures are printed against the same targets). Starts the
// web mode itself (after `npm run build:renderer`), signs in with the administrator's account as
// the sign-in page lists the demo accounts, generates Turkish CSVs, walks the wizard to the check
// step, and samples the page's JS heap (CDP Performance.getMetrics → JSHeapUsedSize) while the
// pass runs and while the grid is scrolled from top to bottom.
//
//   npm run build:renderer && npx tsx bench/wizard/heap.ts [--rows 200000,1000000] [--port N] [--shots DIR]
// (--port 0, the default: a free loopback port.)
import { chromium, type Browser, type BrowserContextOptions, type CDPSession, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { completeTcKimlik } from '../../shared/domain';
import { fillSignIn, signOutButton } from '../../e2e/signIn';
import { loadText, Targets } from '../targets';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '200000,1000000' }, port: { type: 'string', default: '0' }, shots: { type: 'string' } },
});
const SIZES = values.rows.split(',').map(Number);
const PORT = Number(values.port);
const TARGET = { firstPageMs: 2000, heapMaxMB: 150 };
const root = fileURLToPath(new URL('../..', import.meta.url));

function tcKimlik(stem: number): string {
  return completeTcKimlik(String(100_000_000 + (stem % 800_000_000)));
}

function writeCsv(dir: string, ROWS: number): string {
  const path = join(dir, `heap-${ROWS}.csv`);
  const provinces = ['Adana', 'Ankara', 'İstanbul', 'İzmir', 'Kars', 'Van', 'Iğdır', 'Çorum', 'Atlantis', 'Muş'];
  const lines = ['Adı Soyadı;T.C. Kimlik No;Cep Telefonu;İl;Doğum Tarihi;Aylık Gelir (TL)'];
  for (let n = 1; n <= ROWS; n++) {
    // Every tenth row names an unknown province, so the grid has errors to show.
    lines.push(
      `Kişi ${n} Öztürk;${tcKimlik(100_000_000 + n * 3)};0533${String(1_000_000 + (n % 9_000_000)).slice(-7)};${provinces[n % 10]};${String((n % 28) + 1).padStart(2, '0')}.0${(n % 9) + 1}.1970;${n},50`,
    );
  }
  // Written in parts: a million rows joined at once would not fit one string.
  writeFileSync(path, '');
  for (let i = 0; i < lines.length; i += 100_000) appendFileSync(path, iconv.encode(lines.slice(i, i + 100_000).join('\r\n') + '\r\n', 'windows-1254'));
  return path;
}

async function heapMB(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;
}

/** The one-time link the bridge prints once it listens. */
function linkOf(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the web bridge printed no link in 60 s: ${out}`)), 60_000);
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /→ (http\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
}

/** A browser state holding the bridge's cookie: the link opened once, as staff do. */
async function openBridge(browser: Browser, link: string): Promise<BrowserContextOptions['storageState']> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.locator('#root').waitFor({ state: 'attached' });
  const state = await context.storageState();
  await context.close();
  return state;
}

async function shot(page: Page, name: string) {
  if (!values.shots) return;
  mkdirSync(values.shots, { recursive: true });
  await page.screenshot({ path: join(values.shots, `${name}.png`), fullPage: true });
}

/** Signs in as the sign-in page lists the demo administrator (its e-mail and password columns). */
async function signInAsListed(page: Page): Promise<void> {
  const row = page.getByRole('row').filter({ hasText: /Yönetici/ }).first();
  await row.waitFor();
  const cells = await row.getByRole('cell').allInnerTexts();
  const email = cells.find((c) => c.includes('@'));
  const password = cells.at(-1);
  if (!email || !password) throw new Error(`no demo administrator listed on the sign-in page: ${cells.join(' | ')}`);
  await fillSignIn(page, email.trim(), password.trim());
  await signOutButton(page).waitFor();
}

/** One file through the wizard in a fresh page: its figures. */
async function measure(browser: Browser, storageState: BrowserContextOptions['storageState'], ROWS: number) {
  const csv = writeCsv(work, ROWS);
  const page = await browser.newPage({ locale: 'tr-TR', viewport: { width: 1400, height: 1000 }, storageState });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(new URL('/#/import', link).href);
  await signInAsListed(page);
  await shot(page, '0-file');
  await page.getByTestId('import-file-input').setInputFiles(csv);
  await page.getByRole('heading', { level: 3, name: 'Sayfa ve başlık' }).waitFor();
  await shot(page, '1-source');
  const next = page.getByRole('button', { name: 'İleri', exact: true });
  await next.click();
  await page.getByRole('radio', { name: /İhtiyaç sahipleri/ }).check();
  await shot(page, '2-collection');
  await next.click();
  await page.getByRole('heading', { level: 3, name: 'Eşleştirme' }).waitFor();
  await shot(page, '3-mapping');

  const samples: number[] = [];
  const loadAtStart = loadText();
  // A sample taken as the page closes (the bench stopped) is dropped.
  const sampler = setInterval(() => void heapMB(cdp).then((mb) => samples.push(mb), () => undefined), 250);
  const started = Date.now();
  await next.click();
  const firstRow = page.getByRole('grid').getByRole('rowheader').first();
  await firstRow.waitFor({ timeout: 120_000 });
  const firstPageMs = Date.now() - started;
  console.error(`first page after ${firstPageMs} ms`);
  const passStillRunning = await page
    .getByRole('status')
    .filter({ hasText: /Kontrol ediliyor/ })
    .isVisible();
  await page
    .getByRole('status')
    .filter({ hasText: /Kontrol bitti/ })
    .waitFor({ timeout: 600_000 });
  const passMs = Date.now() - started;
  console.error(`pass finished after ${passMs} ms`);
  await shot(page, '4-check');

  // Scroll the whole grid, top to bottom, in screen-sized jumps with a pause for pages to arrive.
  const grid = page.getByRole('grid');
  const height = await grid.evaluate((el) => el.scrollHeight);
  const scrollStarted = Date.now();
  for (let y = 0; y <= height; y += Math.ceil(height / 60)) {
    await grid.evaluate((el, top) => (el.scrollTop = top), y);
    await page.waitForTimeout(50);
  }
  await page.getByRole('grid').getByRole('rowheader').last().waitFor();
  const scrollMs = Date.now() - scrollStarted;
  console.error(`scrolled in ${scrollMs} ms`);
  await shot(page, '5-check-scrolled');
  // Filter + next error as a user would.
  await page.getByRole('checkbox', { name: 'Yalnızca hatalı satırlar' }).check();
  await page.getByRole('button', { name: 'Sonraki hata' }).click();
  await page.waitForTimeout(1000);
  await shot(page, '6-check-errors');
  clearInterval(sampler);
  await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
  const afterGc = await heapMB(cdp);

  const domRows = await page.getByRole('grid').getByRole('row').count();
  const figures = {
    rows: ROWS,
    fileMB: Math.round(statSync(csv).size / 1024 / 1024),
    firstPageMs,
    passStillRunningWhenFirstPageShowed: passStillRunning,
    checkPassMs: passMs,
    scrollTopToBottomMs: scrollMs,
    // No sample (a pass faster than the first 250 ms tick) still has the heap after it.
    heapMaxMB: Math.round(Math.max(afterGc, ...samples) * 10) / 10,
    heapAfterGcMB: Math.round(afterGc * 10) / 10,
    domRowsInGrid: domRows,
    samples: samples.length,
    load: `${loadAtStart} at the start, ${loadText()} at the end`,
  };
  console.log(JSON.stringify(figures, null, 2));
  // The demo's core keeps one session: the next file's page signs in afresh.
  await signOutButton(page).click();
  await page.close();
  return figures;
}

const work = mkdtempSync(join(tmpdir(), 'kafkasder-heap-'));
// node with tsx's loader (not tsx's CLI, nor npx) so that the pid is the server's own, in a process
// group of its own with the demo backend it starts: stopping the bench stops both.
const server = spawn(process.execPath, ['--import', 'tsx', 'electron/web/main.ts', '--port', String(PORT), '--data-dir', join(work, 'data')], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
});
const serverExited = once(server, 'exit');

/** SIGTERM (the web host stops its demo backend and exits); the whole group killed if it has not in 20 s. */
async function stopServer(): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  server.kill('SIGTERM');
  const timer = setTimeout(() => process.kill(-server.pid!, 'SIGKILL'), 20_000);
  await serverExited;
  clearTimeout(timer);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`${signal}: stopping the web host and its demo backend`);
    void stopServer().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}
let link = '';
try {
  link = await linkOf(server);
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch({
    ...(existsSync(chromiumPath) ? { executablePath: chromiumPath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--enable-precise-memory-info'],
  });
  const results = [];
  const state = await openBridge(browser, link);
  for (const rows of SIZES) results.push(await measure(browser, state, rows));
  await browser.close();
  const targets = new Targets();
  for (const r of results) {
    targets.check(r.firstPageMs <= TARGET.firstPageMs, `first page ≤ ${TARGET.firstPageMs / 1000} s (${r.rows.toLocaleString('en')} rows): ${(r.firstPageMs / 1000).toFixed(2)} s`);
    targets.check(r.heapMaxMB <= TARGET.heapMaxMB, `JS heap ≤ ${TARGET.heapMaxMB} MB (${r.rows.toLocaleString('en')} rows): ${r.heapMaxMB} MB`);
  }
  targets.report();
} finally {
  await stopServer();
}
