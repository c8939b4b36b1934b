// The import wizard's steps as staff take them, shared by the import specs.
import { expect, type Page } from '@playwright/test';

export const stepHeading = (page: Page, name: string) => page.getByRole('heading', { level: 3, name });
export const next = (page: Page) => page.getByRole('button', { name: 'İleri', exact: true });
/** The summary's count titled `title`. */
export const stat = (page: Page, title: string) => page.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content');

/**
 * From the file step to the mode choice: `path` as beneficiaries with the suggested mapping,
 * its check finished with `rows` rows, then `mode` chosen (the dry run starts).
 */
export async function chooseBeneficiaryImport(page: Page, path: string, rows: number, mode: RegExp): Promise<void> {
  await page.getByTestId('import-file-input').setInputFiles(path);
  await expect(stepHeading(page, 'Sayfa ve başlık')).toBeVisible();
  await next(page).click();
  await page.getByRole('radio', { name: /İhtiyaç sahipleri/ }).check();
  await next(page).click();
  await expect(stepHeading(page, 'Eşleştirme')).toBeVisible();
  await next(page).click();
  await expect(page.getByText(`Kontrol bitti: ${rows} satır.`)).toBeVisible({ timeout: 60_000 });
  await next(page).click();
  await page.getByRole('radio', { name: mode }).check();
}
