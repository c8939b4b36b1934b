// Undo from the import history in real Chromium (issue #13): a file imported in upsert mode over
// existing records creates one and updates another; Undo in the history deletes the created one
// and gives the updated one its old value back, as the Records page then shows.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completeTcKimlik } from '../shared/domain';
import { chooseBeneficiaryImport, stat, stepHeading } from './importWizard';
import { signIn } from './signIn';


// Records of this spec only, so other specs' imports do not touch them.
const KEPT = { name: 'Nermin Kaplanoğlu', tc: completeTcKimlik('731953842') };
const CREATED = { name: 'Oktay Sarıtaş', tc: completeTcKimlik('842064953') };

function csv(dir: string, name: string, rows: string[][]): string {
  const path = join(dir, name);
  writeFileSync(path, '\uFEFF' + [['Ad Soyad', 'TC Kimlik No', 'İl', 'Durum'], ...rows].map((r) => r.join(';')).join('\r\n') + '\r\n');
  return path;
}

/** Through the wizard: beneficiaries, the suggested mapping, `mode`; waits for the summary. */
async function importFile(page: Page, path: string, rows: number, mode: RegExp) {
  await chooseBeneficiaryImport(page, path, rows, mode);
  await expect(page.getByTestId('dry-run-counts')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'İçe aktarmayı başlat' }).click();
  await expect(stepHeading(page, 'Özet')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('İçe aktarma tamamlandı.')).toBeVisible();
}

async function searchRecords(page: Page, text: string) {
  const search = page.getByRole('searchbox').or(page.getByLabel(/^(Ara|Search)$/)).first();
  await search.fill(text);
  await search.press('Enter');
}

test('Undo in the import history deletes what an upsert import created and restores what it updated', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'kafkasder-undo-'));

  // An existing record: Nermin in Kars.
  await signIn(page, '/#/import');
  await importFile(page, csv(dir, 'ilk-liste.csv', [[KEPT.name, KEPT.tc, 'Kars', 'Aktif']]), 1, /Yalnızca ekle/);
  await expect(stat(page, 'Eklenen')).toHaveText('1');

  // The upsert import: Nermin moves to Van, Oktay is new.
  await page.getByRole('button', { name: 'Baştan başla' }).click();
  await importFile(
    page,
    csv(dir, 'guncelleme.csv', [
      [KEPT.name, KEPT.tc, 'Van', 'Aktif'],
      [CREATED.name, CREATED.tc, 'Muş', 'Aktif'],
    ]),
    2,
    /Ekle veya güncelle/,
  );
  await expect(stat(page, 'Eklenen')).toHaveText('1');
  await expect(stat(page, 'Güncellenen')).toHaveText('1');

  // Undo it from the history.
  const history = page.getByTestId('import-history');
  const run = history.getByRole('row').filter({ hasText: 'guncelleme.csv' });
  await expect(run).toHaveCount(1);
  await run.getByRole('button', { name: 'Geri al' }).click();
  await expect(page.getByText('Bu içe aktarma geri alınsın mı?', { exact: false })).toBeVisible();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Geri al' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Geri alındı:' })).toHaveText(
    'Geri alındı: 1 kayıt silindi, 1 kayıt eski haline döndü, 0 kayıt sonradan değiştiği için bırakıldı.',
    { timeout: 60_000 },
  );
  await expect(run.getByText('Geri alındı', { exact: true })).toBeVisible();
  await expect(run.getByRole('button', { name: 'Geri al' })).toHaveCount(0);
  // The first import is still there to undo.
  await expect(history.getByRole('row').filter({ hasText: 'ilk-liste.csv' }).getByRole('button', { name: 'Geri al' })).toBeVisible();

  // Records: Oktay is gone, Nermin is back in Kars.
  await page.goto('/#/records');
  await expect(page.getByRole('heading', { name: 'Kayıtlar', level: 2 })).toBeVisible();
  const table = page.getByRole('table');
  await searchRecords(page, KEPT.name);
  const nermin = table.getByRole('row').filter({ hasText: KEPT.name });
  await expect(nermin).toHaveCount(1);
  await expect(nermin).toContainText('Kars');
  await expect(nermin).not.toContainText('Van');
  await searchRecords(page, CREATED.name);
  // Nermin's row leaving shows the new search has been answered.
  await expect(table.getByRole('row').filter({ hasText: KEPT.name })).toHaveCount(0);
  await expect(table.getByRole('row').filter({ hasText: CREATED.name })).toHaveCount(0);
});
