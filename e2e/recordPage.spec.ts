// One record's page (issue #24) in web mode: open it from Records in display formats, its
// History tab, correcting it (the edit shows on the page and in History; a wrong TC Kimlik No is
// refused with the import's checksum message and nothing saved), and an observer who can neither
// see an Edit button nor get an edit past the server; the same correction from the keyboard only,
// and two pages editing the same record (the second save is refused with the first change).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { bridgeCall, signIn } from './signIn';

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('main').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Records lists the newest first: specs before this one import people, so search for the name. */
async function findInRecords(page: Page, name: string) {
  await page.getByRole('searchbox', { name: 'Ara' }).fill(name);
  await page.getByRole('searchbox', { name: 'Ara' }).press('Enter');
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
}

async function openFromRecords(page: Page, name: string) {
  await findInRecords(page, name);
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

test('from the keyboard: open from Records, Edit, change Telefon, Enter saves; Escape cancels', async ({ page }) => {
  await signIn(page, '/#/records', 'personel');
  await findInRecords(page, 'Fatma Şahin');
  await page.getByRole('link', { name: 'Fatma Şahin', exact: true }).focus();
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { level: 2, name: 'Fatma Şahin' });
  await expect(heading).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Düzenle' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Ad Soyad', { exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const phone = page.getByLabel('Telefon', { exact: true });
  await expect(phone).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('0532 765 43 21');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tabpanel')).toContainText('0532 765 43 21');
  await expect(heading).toBeFocused();

  // Escape leaves the form without saving.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Ad Soyad', { exact: true })).toBeFocused();
  await page.keyboard.type(' X');
  await page.keyboard.press('Escape');
  await expect(heading).toBeFocused();
  await expect(page.getByRole('tabpanel')).not.toContainText('Fatma Şahin X');

  // Back to the seeded phone for the specs after this one.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByLabel('Telefon', { exact: true }).fill('0500 000 00 03');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tabpanel')).toContainText('0500 000 00 03');
});

test('two pages edit Fatma Şahin: the second save is refused, shows the first change and overwrites nothing', async ({ page }) => {
  // Two pages in one test: more than the default minute on a loaded 2-core machine.
  test.setTimeout(120_000);
  await signIn(page, '/#/records', 'personel');
  await openFromRecords(page, 'Fatma Şahin');
  const url = page.url();
  await page.getByRole('button', { name: 'Düzenle' }).click();

  const other = await page.context().newPage();
  await other.goto(url);
  await expect(other.getByRole('heading', { level: 2, name: 'Fatma Şahin' })).toBeVisible();
  await other.getByRole('button', { name: 'Düzenle' }).click();
  await other.getByLabel('Telefon', { exact: true }).fill('0532 111 22 33');
  await other.getByRole('button', { name: 'Kaydet' }).click();
  await expect(other.getByRole('tabpanel')).toContainText('0532 111 22 33');

  await page.getByLabel('Telefon', { exact: true }).fill('0532 444 55 66');
  await page.getByRole('button', { name: 'Kaydet' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Kaydedilmedi: bu kayıt siz açtıktan sonra değişti' });
  await expect(refusal).toContainText('Mehmet Kara');
  await expect(refusal).toContainText('Telefon: 0500 000 00 03 → 0532 111 22 33');
  await refusal.getByRole('button', { name: 'Kaydı yeniden aç' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('0532 111 22 33');
  await expect(page.getByRole('tabpanel')).not.toContainText('0532 444 55 66');

  await other.close();

  // Back to the seeded phone for the specs after this one.
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
