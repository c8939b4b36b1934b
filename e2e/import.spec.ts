// The import wizard end to end in real Chromium against the web bridge and a rehearsal backend (the real client):
// a Turkish Excel CSV (Windows-1254, ';', CRLF) goes from the file input to imported records,
// with its invalid rows shown, one fixed inline, one skipped, and the error report downloaded.
// A second test cancels a bigger import half-way and then imports the same file again; another
// drops a file whose quote is never closed and sees that row named.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './signIn';
import { holdImportBatches, importHeldAt, releaseImportBatches } from './support/rehearsalHold';
import iconv from 'iconv-lite';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HEADER = 'Adı Soyadı;T.C. Kimlik No;Cep Telefonu;İl;Doğum Tarihi;Aylık Gelir (TL)';

/** A valid TC Kimlik No from a 9-digit stem, by the checksum rule in shared/domain/README.md. */
function tcKimlik(stem: number): string {
  const d = String(100_000_000 + (stem % 800_000_000))
    .split('')
    .map(Number);
  const at = (i: number) => d[i] ?? 0;
  const odd = at(0) + at(2) + at(4) + at(6) + at(8);
  const even = at(1) + at(3) + at(5) + at(7);
  const d10 = (((odd * 7 - even) % 10) + 10) % 10;
  const d11 = (d.reduce((a, b) => a + b, 0) + d10) % 10;
  return d.join('') + String(d10) + String(d11);
}

/** The same number with its last digit changed: the checksum no longer holds. */
const breakChecksum = (tc: string) => tc.slice(0, 10) + String((Number(tc[10]) + 1) % 10);

function writeTurkishCsv(name: string, lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kafkasder-import-'));
  const path = join(dir, name);
  // Turkish Excel's "CSV (noktalı virgülle ayrılmış)": Windows-1254, no BOM, CRLF.
  writeFileSync(path, iconv.encode([HEADER, ...lines].join('\r\n') + '\r\n', 'windows-1254'));
  return path;
}

async function expectNoSeriousA11yViolations(page: Page, step: string) {
  const results = await new AxeBuilder({ page }).include('main').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on the ${step} step`,
  ).toEqual([]);
}

const stepHeading = (page: Page, name: string) => page.getByRole('heading', { level: 3, name });
const next = (page: Page) => page.getByRole('button', { name: 'İleri', exact: true });

/** From the file input to the mapping step of a beneficiaries file. */
async function openAsBeneficiaries(page: Page, path: string, axe: boolean) {
  await signIn(page, '/#/import');
  await expect(page.getByRole('heading', { level: 2, name: 'İçe Aktar' })).toBeVisible();
  if (axe) await expectNoSeriousA11yViolations(page, 'file');
  await page.getByTestId('import-file-input').setInputFiles(path);

  await expect(stepHeading(page, 'Sayfa ve başlık')).toBeVisible();
  await expect(page.getByRole('region', { name: 'İlk satırların önizlemesi' })).toContainText('Adı Soyadı');
  await expect(page.getByText('windows-1254')).toBeVisible();
  if (axe) await expectNoSeriousA11yViolations(page, 'sheet & header');
  await next(page).click();

  await expect(stepHeading(page, 'Kayıt türü')).toBeVisible();
  // The national ID column gives the record type away: preselected, with the reason.
  await expect(page.getByRole('radio', { name: /İhtiyaç sahipleri/ })).toBeChecked();
  await expect(page.getByRole('note', { name: 'Başlıklara göre öneri' })).toContainText('“T.C. Kimlik No” sütunu var → İhtiyaç sahipleri');
  if (axe) await expectNoSeriousA11yViolations(page, 'collection');
  await next(page).click();
  await expect(stepHeading(page, 'Eşleştirme')).toBeVisible();
}

test('a Turkish CSV is checked, fixed, partly skipped, imported and reported', async ({ page }) => {
  test.setTimeout(120_000);
  const rows = [
    `Zeynep Şahinoğlu;${tcKimlik(101_010_101)};0532 111 22 33;İstanbul;12.03.1980;1.234,56`,
    `Ömer Faruk Çelik;${tcKimlik(202_020_202)};05321112234;ankara;01.01.1975;2.500,00`,
    `Gülşen Ilgaz;${breakChecksum(tcKimlik(303_030_303))};05321112235;İzmir;05.06.1990;900`,
    `İsmail Kılıç;${tcKimlik(404_040_404)};05321112236;Atlantis;07.08.1966;1.000,00`,
    `Ayşegül Ünal;${tcKimlik(505_050_505)};05321112237;Bursa;31.02.1985;750,50`,
    `Çağrı Doğan;${tcKimlik(606_060_606)};05321112238;igdir;15.09.2001;0`,
    `Şebnem Yıldız;${tcKimlik(707_070_707)};05321112239;Muğla;22.11.1958;3.100,00`,
    `Hüseyin Ertürk;${tcKimlik(808_080_808)};05321112240;Şanlıurfa;30.04.1972;4.250,75`,
  ];
  const path = writeTurkishCsv('ihtiyac-sahipleri.csv', rows);
  await openAsBeneficiaries(page, path, true);

  // The mapping is filled in from the Turkish headers, each with its confidence.
  const expected = ['Ad Soyad', 'TC Kimlik No', 'Telefon', 'İl', 'Doğum Tarihi', 'Aylık Gelir'];
  for (const [col, label] of expected.entries()) {
    await expect(page.getByTestId(`map-${col}`)).toContainText(label);
  }
  await expect(page.getByText(/^%\d+$/).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'mapping');
  await next(page).click();

  // The check shows exactly the three invalid rows, and in each only the bad cell.
  await expect(stepHeading(page, 'Kontrol')).toBeVisible();
  await expect(page.getByText('Kontrol bitti: 8 satır.')).toBeVisible({ timeout: 30_000 });
  const grid = page.getByRole('grid', { name: 'Kontrol edilen satırlar' });
  await page.getByRole('checkbox', { name: 'Yalnızca hatalı satırlar' }).check();
  const dataRows = grid.getByRole('row').filter({ has: page.getByRole('rowheader') });
  await expect(dataRows).toHaveCount(3);
  await expect(dataRows.getByRole('rowheader')).toHaveText(['4', '5', '6']);
  const invalidCells = grid.locator('[role="gridcell"][aria-invalid="true"]');
  await expect(invalidCells).toHaveCount(3);
  await expect(dataRows.nth(0).locator('[aria-invalid="true"]')).toHaveAttribute('aria-label', /^T\.C\. Kimlik No:/);
  await expect(dataRows.nth(1).locator('[aria-invalid="true"]')).toHaveAttribute('aria-label', 'İl: Atlantis');
  await expect(dataRows.nth(2).locator('[aria-invalid="true"]')).toHaveAttribute('aria-label', 'Doğum Tarihi: 31.02.1985');
  // The message is there for the mouse (title) and for screen readers (aria-describedby).
  const provinceCell = dataRows.nth(1).locator('[aria-invalid="true"]');
  await expect(provinceCell).toHaveAttribute('title', /.+/);
  await expect(provinceCell).toHaveAccessibleDescription(/^Hata: .+/);
  await expectNoSeriousA11yViolations(page, 'check');

  // Fix the province inline with the keyboard: focus the cell, Enter, type, Enter.
  await provinceCell.focus();
  await page.keyboard.press('Enter');
  const editor = page.getByRole('textbox', { name: '5. satır, İl için yeni değer' });
  await editor.fill('Van');
  await editor.press('Enter');
  await expect(page.getByText('5. satır düzeltildi.')).toBeVisible();
  await expect(dataRows.nth(1).locator('[aria-invalid="true"]')).toHaveCount(0);
  await expect(dataRows.nth(1).getByRole('gridcell', { name: 'İl: Van' })).toBeVisible();
  // Phones and dates show as they will be stored and shown in Records.
  await expect(dataRows.nth(1).getByRole('gridcell', { name: 'Cep Telefonu: 0532 111 22 36' })).toBeVisible();

  // Skip the row with the bad national ID.
  await page.getByRole('button', { name: '4. satırı atla' }).click();
  await expect(page.getByRole('button', { name: '4. satırı yeniden dahil et' })).toBeVisible();
  await next(page).click();

  // Import in upsert mode.
  await expect(stepHeading(page, 'İçe aktarma')).toBeVisible();
  await page.getByRole('radio', { name: /Ekle veya güncelle/ }).check();
  await expect(page.getByText('Yeni kayıtlar eklenir, sistemde olanlar güncellenir.')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'import');
  await page.getByRole('button', { name: 'İçe aktarmayı başlat' }).click();

  await expect(stepHeading(page, 'Özet')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('İçe aktarma tamamlandı.')).toBeVisible();
  const stat = (title: string) => page.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content');
  await expect(stat('Eklenen')).toHaveText('6');
  await expect(stat('Atlanan')).toHaveText('1');
  await expect(stat('Hatalı')).toHaveText('1');
  await expectNoSeriousA11yViolations(page, 'summary');

  // The error report downloads and lists the skipped row with its reason, in the file's own encoding.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Hata raporunu indir' }).click()]);
  const saved = join(mkdtempSync(join(tmpdir(), 'kafkasder-report-')), download.suggestedFilename());
  await download.saveAs(saved);
  const report = iconv.decode(readFileSync(saved), 'windows-1254');
  const skippedLine = report.split(/\r?\n/).find((l) => l.includes('Gülşen Ilgaz'));
  expect(skippedLine, report).toBeDefined();
  expect(skippedLine).toContain('Satır 4');
  expect(report).toContain('Ayşegül Ünal'); // the row left invalid is reported too
  expect(report).not.toContain('Zeynep Şahinoğlu');

  // The history lists this run.
  const history = page.getByRole('region', { name: 'İçe aktarma geçmişi' });
  await expect(history.getByRole('row').filter({ hasText: 'ihtiyac-sahipleri.csv' }).first()).toContainText('Tamamlandı');

  // The records page shows the imported rows, the fixed one included.
  await page.getByRole('menuitem', { name: 'Kayıtlar' }).click();
  const search = page.getByRole('searchbox', { name: 'Ara' }).or(page.getByLabel('Ara'));
  await search.first().fill('İsmail Kılıç');
  await search.first().press('Enter');
  const table = page.getByRole('table');
  await expect(table.getByRole('row').filter({ hasText: 'İsmail Kılıç' })).toContainText('Van');
  await search.first().fill('Zeynep Şahinoğlu');
  await search.first().press('Enter');
  await expect(table.getByRole('row').filter({ hasText: 'Zeynep Şahinoğlu' })).toBeVisible();
});

test('an import cancelled half-way shows as cancelled, and the same file then imports completely', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  // The host and its backend outlive an attempt: a retry (or a repeat) takes people and a file name
  // of its own, so it starts as the first attempt did, with none of them stored.
  const attempt = testInfo.retry + testInfo.repeatEachIndex * 10;
  const fileName = attempt === 0 ? 'buyuk-liste.csv' : `buyuk-liste-${attempt}.csv`;
  const provinces = ['Adana', 'Ankara', 'İstanbul', 'İzmir', 'Kars', 'Van', 'Iğdır', 'Çorum', 'Şırnak', 'Muş'];
  const lines = Array.from({ length: 5000 }, (_, i) => {
    const n = i + 1;
    return `Kişi ${n} Öztürk;${tcKimlik(123_456_000 + attempt * 100_000 + n * 7)};0533${String(1_000_000 + n).slice(-7)};${provinces[n % provinces.length]};${String((n % 28) + 1).padStart(2, '0')}.0${(n % 9) + 1}.1970;${n},50`;
  });
  const path = writeTurkishCsv(fileName, lines);

  const throughCheck = async () => {
    await next(page).click();
    await expect(page.getByText('Kontrol bitti: 5.000 satır.')).toBeVisible({ timeout: 60_000 });
    await next(page).click();
    await page.getByRole('radio', { name: /Ekle veya güncelle/ }).check();
    // Started once the dry run shows what will change, as a person would and the other specs do.
    await expect(page.getByTestId('dry-run-counts')).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'İçe aktarmayı başlat' }).click();
  };

  await openAsBeneficiaries(page, path, false);
  // The server holds the run at its third batch (of ten, 500 rows each): the cancel comes after
  // two batches were written and before the rest, every time.
  await holdImportBatches(2);
  try {
    await throughCheck();
    await importHeldAt(2);
    await expect(page.getByRole('progressbar', { name: 'İçe aktarma ilerlemesi' })).toBeVisible();
    await page.getByRole('button', { name: 'İptal et' }).click();
  } finally {
    await releaseImportBatches();
  }
  await expect(stepHeading(page, 'Özet')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/İçe aktarma iptal edildi/)).toBeVisible();
  const historyRow = () =>
    page.locator('section[aria-labelledby="imp-history-title"]').getByRole('row').filter({ hasText: fileName });
  await expect(historyRow().first()).toContainText('İptal edildi');

  // Start over with the same file: the confirmed mapping is remembered and the run completes.
  await page.getByRole('button', { name: 'Baştan başla' }).click();
  await expect(stepHeading(page, 'Dosya')).toBeVisible();
  await page.getByTestId('import-file-input').setInputFiles(path);
  await expect(stepHeading(page, 'Sayfa ve başlık')).toBeVisible();
  await next(page).click();
  await page.getByRole('radio', { name: /İhtiyaç sahipleri/ }).check();
  await next(page).click();
  await expect(page.getByText('Bu başlıklar için daha önce onayladığınız eşleştirme uygulandı.')).toBeVisible();
  await throughCheck();
  await expect(stepHeading(page, 'Özet')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByText('İçe aktarma tamamlandı.')).toBeVisible();
  const stat = (title: string) => page.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content');
  const inserted = Number((await stat('Eklenen').innerText()).replace(/\D/g, ''));
  const updated = Number((await stat('Güncellenen').innerText()).replace(/\D/g, ''));
  const unchanged = Number((await stat('Değişmeyen').innerText()).replace(/\D/g, ''));
  expect(inserted + updated + unchanged).toBe(5000);
  // The rows written before the cancel (two batches, and the held ones if the server took them
  // after the cancel) are found unchanged by the dry run: not sent, not duplicated.
  expect(unchanged).toBeGreaterThanOrEqual(1000);
  expect(unchanged).toBeLessThan(5000);
  expect(updated).toBe(0);
  await expect(historyRow().first()).toContainText('Tamamlandı');
  await expect(historyRow().filter({ hasText: 'İptal edildi' })).toHaveCount(1);
});

test('several files dropped on the window are queued and taken one at a time', async ({ page }) => {
  const a = writeTurkishCsv('birinci.csv', [`Nermin Aksoy;${tcKimlik(111_222_333)};05321234567;Kars;01.02.1960;100`]);
  const b = writeTurkishCsv('ikinci.csv', [`Tarık Özkan;${tcKimlik(444_555_666)};05321234568;Van;03.04.1970;200`]);
  await signIn(page, '/#/import');
  await expect(page.getByRole('heading', { level: 2, name: 'İçe Aktar' })).toBeVisible();
  // A real drop from the desktop: a DataTransfer with both files, dropped on the page body.
  const files = [
    { name: 'birinci.csv', bytes: [...readFileSync(a)] },
    { name: 'ikinci.csv', bytes: [...readFileSync(b)] },
  ];
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: 'text/csv' }));
    return dt;
  }, files);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });

  const queue = page.getByRole('region', { name: 'Dosya sırası' });
  await expect(queue.getByRole('listitem').filter({ hasText: 'birinci.csv' })).toContainText('Şu anki dosya');
  await expect(queue.getByRole('listitem').filter({ hasText: 'ikinci.csv' })).toContainText('Sırada');
  await expect(stepHeading(page, 'Sayfa ve başlık')).toBeVisible();
  await expect(page.getByRole('region', { name: 'İlk satırların önizlemesi' })).toContainText('Nermin Aksoy');

  // Abandoning the first file moves on to the second.
  await page.getByRole('button', { name: 'Baştan başla' }).click();
  await expect(page.getByRole('region', { name: 'İlk satırların önizlemesi' })).toContainText('Tarık Özkan');
  await expect(queue.getByRole('listitem').filter({ hasText: 'ikinci.csv' })).toContainText('Şu anki dosya');
});

test('a CSV whose quote is never closed is refused with that row, not checked as empty cells', async ({ page }) => {
  const path = writeTurkishCsv('tirnak.csv', [`"Mehmet;17291716060;0532 111 22 33;Bursa;12.03.1980;100`, `Ayşe Kaya;${tcKimlik(101_010_101)};0532 111 22 34;İzmir;01.01.1975;200`]);
  await page.goto('/#/import');
  await page.getByTestId('import-file-input').setInputFiles(path);
  await expect(page.getByRole('alert')).toContainText('"tirnak.csv" dosyasının 2. satırında açılan tırnak (") hiç kapanmıyor');
  await expect(stepHeading(page, 'Sayfa ve başlık')).toHaveCount(0);
});
