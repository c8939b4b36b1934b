// The foundation end to end in real Chromium: the renderer, the web bridge, the contract, the
// core and the project's Convex functions under a rehearsal backend (the real client).
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { signIn } from './signIn';
import { fileURLToPath } from 'node:url';

// The README's screenshot is retaken only when asked (UPDATE_SCREENSHOTS=1), so that test runs
// leave the working tree as they found it.
const screenshot = fileURLToPath(new URL('../assets/screenshots/records.png', import.meta.url));
const updateScreenshot = process.env.UPDATE_SCREENSHOTS === '1';

test('Records lists the seeded beneficiaries, and English relabels the page', async ({ page }) => {
  await signIn(page, '/#/records');
  await expect(page.getByRole('heading', { name: 'Kayıtlar', level: 2 })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('yalnızca bellekte');
  const table = page.getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'Ad Soyad' })).toBeVisible();
  // The demo seed's profile user is Ayşe Yılmaz; its beneficiaries have Turkish names and provinces.
  await expect(table.getByRole('row')).not.toHaveCount(1);
  const firstRowCells = await table.getByRole('row').nth(1).getByRole('cell').allTextContents();
  expect(firstRowCells.join(' ')).toMatch(/\d{11}/);
  if (updateScreenshot) await page.screenshot({ path: screenshot, fullPage: false });

  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Records', level: 2 })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Full name' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Audit log' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('memory only');
  // No Turkish label of the shell is left on screen.
  const body = await page.locator('body').innerText();
  for (const turkish of ['Kayıtlar', 'Denetim', 'Ayarlar', 'Ad Soyad', 'Sonraki sayfa', 'Tanıtım modu']) {
    expect(body).not.toContain(turkish);
  }
  // The choice is saved: a reload stays in English until switched back.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Records', level: 2 })).toBeVisible();
  await page.getByText('Türkçe', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Kayıtlar', level: 2 })).toBeVisible();
});

test('a saved staff profile is recorded in the audit log', async ({ page }) => {
  await signIn(page, '/#/settings');
  const name = page.getByLabel('Ad Soyad');
  await expect(name).toHaveValue(/.+/);
  const before = await name.inputValue();
  // The e-mail is the sign-in name: shown, not editable here (an administrator changes accounts).
  await expect(page.getByLabel('E-posta')).toHaveAttribute('readonly', '');
  await name.fill('Mehmet Öztürk');
  await page.getByRole('button', { name: 'Kaydet' }).first().click();
  await expect(page.getByText('Kaydedildi')).toBeVisible();
  await page.getByRole('menuitem', { name: 'Denetim' }).click();
  const entry = page.getByRole('row').filter({ hasText: 'Hesap değişikliği' }).filter({ hasText: 'Mehmet Öztürk' }).first();
  await expect(entry).toBeVisible();
  await page.getByRole('menuitem', { name: 'Ayarlar' }).click();
  await expect(page.getByLabel('Ad Soyad')).toHaveValue('Mehmet Öztürk');
  // Put the demo administrator's name back for the specs that follow.
  await page.getByLabel('Ad Soyad').fill(before);
  await page.getByRole('button', { name: 'Kaydet' }).first().click();
  await expect(page.getByText('Kaydedildi').first()).toBeVisible();
});

test('the bridge refuses calls and pages without its cookie, and foreign origins', async ({ request, baseURL, page }) => {
  // A local process (or a browser that never opened the link): no app, no data, no key in the page.
  const stranger = await playwrightRequest.newContext({ storageState: { cookies: [], origins: [] } });
  expect((await stranger.post(`${baseURL}/api/call/getAppInfo`, { data: {} })).status()).toBe(401);
  const opening = await stranger.get(`${baseURL}/`);
  expect(opening.status()).toBe(401);
  expect(await opening.text()).not.toContain('id="root"');
  await stranger.dispose();
  // The cookie is out of the page's reach.
  await page.goto('/');
  expect(await page.evaluate(() => document.cookie)).toBe('');
  expect((await request.post(`${baseURL}/api/call/getAppInfo`, { data: {} })).status()).toBe(200);
  const foreign = await request.post(`${baseURL}/api/call/getAppInfo`, {
    data: {},
    headers: { Origin: 'http://evil.example' },
  });
  expect(foreign.status()).toBe(403);
});
