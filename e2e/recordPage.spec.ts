// One record's page (issue #24) in web mode: open it from Records in display formats, its
// History tab, correcting it (the edit shows on the page and in History; a wrong TC Kimlik No is
// refused with the import's checksum message and nothing saved), and an observer who can neither
// see an Edit button nor get an edit past the server.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { bridgeCall, signIn } from './signIn';

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('main').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function openFromRecords(page: Page, name: string) {
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  await expect(page).toHaveURL(/#\/records\/beneficiaries\/[^/]+$/);
}

test('staff open Fatma Şahin from Records: Turkish display formats, History tab, both languages', async ({ page }) => {
  await signIn(page, '/#/records', 'personel');
  await openFromRecords(page, 'Fatma Şahin');
  const details = page.getByRole('tabpanel');
  await expect(details).toContainText('02.03.1948');
  await expect(details).toContainText('0500 000 00 03');
  await expect(details).toContainText('6.500,00 ₺');
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('tab', { name: 'Geçmiş' }).click();
  await expect(page.getByRole('table', { name: 'Geçmiş' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  // In English the same page and formats.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('tab', { name: 'History' })).toBeVisible();
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('02.03.1948');
  await page.getByText('Türkçe', { exact: true }).click();
});

test('staff correct Fatma Şahin’s phone: saved, shown, and in History with their name; a bad TC Kimlik No is refused', async ({ page }) => {
  await signIn(page, '/#/records', 'personel');
  await openFromRecords(page, 'Fatma Şahin');
  await page.getByRole('button', { name: 'Düzenle' }).click();
  await page.getByLabel('Telefon', { exact: true }).fill('0532 765 43 21');
  await page.getByRole('button', { name: 'Kaydet' }).click();
  const details = page.getByRole('tabpanel');
  await expect(details).toContainText('0532 765 43 21');
  await expect(details).not.toContainText('0500 000 00 03');

  await page.getByRole('tab', { name: 'Geçmiş' }).click();
  const history = page.getByRole('table', { name: 'Geçmiş' });
  await expect(history.getByRole('row').nth(1)).toContainText('Telefon: 0500 000 00 03 → 0532 765 43 21');
  await expect(history.getByRole('row').nth(1)).toContainText('Mehmet Kara');

  // A TC Kimlik No failing its checksum: the import's message, and the stored one stays.
  await page.getByRole('tab', { name: 'Bilgiler' }).click();
  await page.getByRole('button', { name: 'Düzenle' }).click();
  const tc = page.getByLabel('TC Kimlik No', { exact: true });
  const storedTc = await tc.inputValue();
  await tc.fill('12345678901');
  await page.getByRole('button', { name: 'Kaydet' }).click();
  await expect(page.getByText('TC Kimlik No geçersiz (kontrol hanesi tutmuyor)')).toBeVisible();
  await page.getByRole('button', { name: 'Vazgeç' }).click();
  await expect(page.getByRole('tabpanel')).toContainText(storedTc);
  await expect(page.getByRole('tabpanel')).not.toContainText('12345678901');

  // Put the phone back so later specs see the seeded record.
  await page.getByRole('button', { name: 'Düzenle' }).click();
  await page.getByLabel('Telefon', { exact: true }).fill('0500 000 00 03');
  await page.getByRole('button', { name: 'Kaydet' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('0500 000 00 03');
});

test('an observer sees masked numbers and no Edit button; the server refuses their edit', async ({ page }) => {
  await signIn(page, '/#/records', 'gozlemci');
  await openFromRecords(page, 'Hatice Yıldız');
  const details = page.getByRole('tabpanel');
  await expect(details).toContainText('+90********05');
  await expect(details).not.toContainText('Yaşlı');
  await expect(page.getByRole('button', { name: 'Düzenle' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  const id = page.url().split('/').pop()!;
  const answer = await bridgeCall(page, 'saveRecord', { collection: 'beneficiaries', id, values: { phone: '+905321112233' }, expectedUpdatedAt: 0 });
  expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});
