// Export in web mode: the live count, the job, and a download that Turkish Excel reads as
// intended (UTF-8 BOM, `;`, dd.MM.yyyy, decimal commas), plus the audit entry.
import { expect, test } from '@playwright/test';
import { signIn } from './signIn';
import { readFileSync } from 'node:fs';

test('donations export as "Excel (Türkçe)" CSV, download, and appear in the audit log', async ({ page }) => {
  await signIn(page, '/#/export');
  await expect(page.getByRole('heading', { name: 'Dışa aktar', level: 2 })).toBeVisible();
  await page.getByLabel('Koleksiyon').click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.locator('#export-collection').locator('..').locator('..')).toContainText('Bağışlar');
  await expect(page.getByText(/\d+ kayıt aktarılacak/)).toBeVisible();
  await page.getByRole('button', { name: 'Dışa aktarmayı başlat' }).click();
  await expect(page.getByText(/\d+ kayıt dışa aktarıldı\./)).toBeVisible({ timeout: 30_000 });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('Dosyayı indir').click()]);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  const [header, first] = text.split('\r\n');
  expect(header).toContain('Makbuz No;');
  expect(header).toContain('Bağışçı');
  // Dates as dd.MM.yyyy and money with a decimal comma. A cell holding either delimiter is quoted
  // (formula-safe whatever delimiter the reader picks); Excel still reads "5000,00" as a number.
  expect(first).toMatch(/;\d{2}\.\d{2}\.\d{4};/);
  expect(first).toMatch(/;"\d+,\d{2}";/);

  await page.getByRole('menuitem', { name: 'Denetim' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Dışa aktarma' }).first()).toBeVisible();
});
