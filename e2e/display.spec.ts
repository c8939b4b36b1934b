// Turkish display formats in real Chromium: the Records page shows stored ISO dates, E.164 phones
// and minor-unit amounts as staff write them, in Turkish and in English (README "Display formats");
// and the import wizard preselects the record type its headers point to, which staff can change.
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './signIn';
import iconv from 'iconv-lite';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function searchRecords(page: Page, text: string) {
  const search = page.getByRole('searchbox').or(page.getByLabel(/^(Ara|Search)$/)).first();
  await search.fill(text);
  await search.press('Enter');
}

test('Records shows dates as dd.MM.yyyy, phones as 0532 123 45 67 and money in the language’s format', async ({ page }) => {
  await signIn(page, '/#/records');
  await expect(page.getByRole('heading', { name: 'Kayıtlar', level: 2 })).toBeVisible();
  const table = page.getByRole('table');
  // The demo seed stores Zeynep Kaya with +905000000002, 2004-09-17 and 900,000 kuruş.
  await searchRecords(page, 'Zeynep Kaya');
  const zeynep = table.getByRole('row').filter({ hasText: 'Zeynep Kaya' });
  await expect(zeynep).toContainText('0500 000 00 02');
  await expect(zeynep).toContainText('17.09.2004');
  await expect(zeynep).toContainText('9.000,00 ₺');
  await expect(zeynep).not.toContainText('+90');
  await expect(zeynep).not.toContainText('2004-09-17');

  await page.getByRole('tab', { name: 'Bağışlar' }).click();
  await searchRecords(page, 'Selin Acar');
  // Selin Acar's donation: 25,000 cents in EUR on 2025-02-03.
  const selin = table.getByRole('row').filter({ hasText: 'Selin Acar' });
  await expect(selin).toContainText('250,00 €');
  await expect(selin).toContainText('03.02.2025');
  await expect(selin).toContainText('Online');

  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Records', level: 2 })).toBeVisible();
  await expect(selin).toContainText('€250.00');
  await expect(selin).toContainText('03.02.2025');
  await page.getByRole('tab', { name: 'Beneficiaries' }).click();
  await searchRecords(page, 'Zeynep Kaya');
  await expect(zeynep).toContainText('₺9,000.00');
  await expect(zeynep).toContainText('0500 000 00 02');
  await expect(zeynep).toContainText('17.09.2004');
  await page.getByText('Türkçe', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Kayıtlar', level: 2 })).toBeVisible();
});

test('the wizard preselects the record type the headers show, with the reason, and keeps the one staff pick', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'kafkasder-guess-'));
  const path = join(dir, 'makbuzlar.csv');
  writeFileSync(path, iconv.encode('MAKBUZ NO;BAĞIŞÇI;TUTAR;TARİH\r\nMK-9;Ali Veli;100,00;05.01.2025\r\n', 'windows-1254'));
  await signIn(page, '/#/import');
  await page.getByTestId('import-file-input').setInputFiles(path);
  await expect(page.getByRole('heading', { level: 3, name: 'Sayfa ve başlık' })).toBeVisible();
  await page.getByRole('button', { name: 'İleri', exact: true }).click();

  await expect(page.getByRole('heading', { level: 3, name: 'Kayıt türü' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Bağışlar/ })).toBeChecked();
  await expect(page.getByRole('note', { name: 'Başlıklara göre öneri' })).toContainText('“MAKBUZ NO” sütunu var → Bağışlar');
  await page.getByRole('radio', { name: /Finans kayıtları/ }).check();
  await page.getByRole('button', { name: 'İleri', exact: true }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Eşleştirme' })).toBeVisible();
  await page.getByRole('button', { name: 'Geri' }).click();
  // Staff's choice stands; the suggestion stays marked.
  await expect(page.getByRole('radio', { name: /Finans kayıtları/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /Bağışlar/ })).not.toBeChecked();
  await expect(page.getByRole('radio', { name: /Bağışlar/ })).toHaveAccessibleName(/Önerilen/);
});
