// The everyday case of issue #13 in real Chromium: staff export beneficiaries to Turkish Excel
// CSV, correct a phone number and a status (and the file's city spellings change case), and
// import the file back in upsert mode. The dry run must label the rows against the stored
// records, show each change before → after in Turkish formats, not send the unchanged rows, and
// the import must then write exactly those changes.
import { expect, test } from '@playwright/test';
import { chooseBeneficiaryImport, stat, stepHeading } from './importWizard';
import { signIn } from './signIn';
import { completeTcKimlik } from '../shared/domain/tckimlik';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';


test('an edited export imported back in upsert mode: dry run labels, diffs, and only the changes written', async ({ page }) => {
  test.setTimeout(180_000);
  // 1. Export the beneficiaries as "Excel (Türkçe)" CSV.
  await signIn(page, '/#/export');
  await expect(page.getByRole('heading', { name: 'Dışa aktar', level: 2 })).toBeVisible();
  await expect(page.locator('#export-collection').locator('..').locator('..')).toContainText('İhtiyaç sahipleri');
  await expect(page.getByText(/\d+ kayıt aktarılacak/)).toBeVisible();
  await page.getByRole('button', { name: 'Dışa aktarmayı başlat' }).click();
  await expect(page.getByText(/\d+ kayıt dışa aktarıldı\./)).toBeVisible({ timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('Dosyayı indir').click()]);
  const text = readFileSync((await download.path())!).subarray(3).toString('utf8');

  // 2. Edit it as staff would in Excel: keep six records, correct one phone, change one status,
  //    and write one city in capitals (the same value once normalised).
  const [header, ...records] = text.split('\r\n').filter((l) => l !== '');
  const columns = header!.split(';');
  const col = (name: string) => columns.indexOf(name);
  expect(col('TC Kimlik No')).toBeGreaterThanOrEqual(0);
  const rows = records.slice(0, 6).map((l) => l.split(';'));
  expect(rows.length).toBe(6);
  rows[0]![col('Telefon')] = '0535 999 88 77';
  const statusBefore = rows[1]![col('Durum')]!;
  rows[1]![col('Durum')] = statusBefore === 'Pasif' ? 'Aktif' : 'Pasif';
  rows[2]![col('İl')] = rows[2]![col('İl')]!.toLocaleUpperCase('tr-TR');
  const dir = mkdtempSync(join(tmpdir(), 'kafkasder-dryrun-'));
  const path = join(dir, 'duzeltilmis-liste.csv');
  writeFileSync(path, '\uFEFF' + [header, ...rows.map((r) => r.join(';'))].join('\r\n') + '\r\n');

  // 3. Import it back: beneficiaries, upsert.
  await page.goto('/#/import');
  await chooseBeneficiaryImport(page, path, 6, /Ekle veya güncelle/);

  // 4. The dry run: 2 updates, 4 unchanged, nothing new or invalid.
  const counts = page.getByTestId('dry-run-counts');
  await expect(counts).toBeVisible({ timeout: 60_000 });
  const filter = page.getByRole('radiogroup', { name: 'Gösterilen satırlar' });
  await expect(filter.getByText('Güncellenecek (2)')).toBeVisible({ timeout: 60_000 });
  await expect(filter.getByText('Değişmeyecek (4)')).toBeVisible();
  await expect(filter.getByText('Yeni kayıt (0)')).toBeVisible();
  await expect(filter.getByText('Hatalı (0)')).toBeVisible();
  await filter.getByText('Güncellenecek (2)').click();
  const grid = page.getByTestId('dry-run-rows');
  await expect(grid.getByRole('row')).toHaveCount(3); // header + 2
  // Before → after in Turkish formats: the phone as 0535 999 88 77, the status by its label.
  await expect(grid).toContainText(/Telefon: .* → 0535 999 88 77/);
  await expect(grid).toContainText(`Durum: ${statusBefore} → ${statusBefore === 'Pasif' ? 'Aktif' : 'Pasif'}`);

  // 5. Import: only the two changes are written; the unchanged rows are not sent.
  await page.getByRole('button', { name: 'İçe aktarmayı başlat' }).click();
  await expect(stepHeading(page, 'Özet')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('İçe aktarma tamamlandı.')).toBeVisible();
  await expect(stat(page, 'Güncellenen')).toHaveText('2');
  await expect(stat(page, 'Değişmeyen')).toHaveText('4');
  await expect(stat(page, 'Eklenen')).toHaveText('0');
  await expect(stat(page, 'Çakışma')).toHaveText('0');
});

test('people without a TC number: the dry run matches one by name and birth date and calls a row matching two an error', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'kafkasder-notc-'));
  const csv = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, '\uFEFF' + ['Ad Soyad;TC Kimlik No;Doğum Tarihi;Durum', ...lines].join('\r\n') + '\r\n');
    return path;
  };
  // Two people of one name and birth date, imported with their numbers.
  await signIn(page, '/#/import');
  await chooseBeneficiaryImport(page, csv('ikizler.csv', [`Deniz Arıkan;${completeTcKimlik('731985246')};15.06.1991;Aktif`, `Deniz Arıkan;${completeTcKimlik('842196357')};15.06.1991;Aktif`]), 2, /Ekle veya güncelle/);
  await expect(page.getByTestId('dry-run-counts')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'İçe aktarmayı başlat' }).click();
  await expect(page.getByText('İçe aktarma tamamlandı.')).toBeVisible({ timeout: 60_000 });

  // A list without numbers: Fatma Şahin (demo, born 02.03.1948) in capitals, and a Deniz Arıkan.
  await page.getByRole('button', { name: 'Baştan başla' }).click();
  await chooseBeneficiaryImport(page, csv('tcsiz.csv', ['FATMA ŞAHİN;;02.03.1948;Aktif', 'ARIKAN DENİZ;;15.06.1991;Pasif']), 2, /Ekle veya güncelle/);
  const grid = page.getByTestId('dry-run-rows');
  await expect(page.getByRole('radiogroup', { name: 'Gösterilen satırlar' }).getByText('Hatalı (1)')).toBeVisible({ timeout: 60_000 });
  await expect(grid.getByRole('row').filter({ hasText: 'Ad ve doğum tarihiyle eşleşti' })).toHaveCount(1);
  await expect(grid.getByRole('row').filter({ hasText: 'Hatalı' })).toContainText(/2 kayıt eşleşiyor: Deniz Arıkan \(TC …\d{4}, 15\.06\.1991\); Deniz Arıkan/);
});
