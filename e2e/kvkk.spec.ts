// The KVKK requests desk in web mode: staff take in a request (assigned to a colleague), it is
// listed as open with its 30-day deadline in Turkish display format, its log shows the intake and
// a reply, closing moves it under "Kapanan"; the page in English; axe clean; observers have no
// desk and the server refuses them anyway.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { bridgeCall, signIn } from './signIn';

async function axeClean(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).include('main').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), label).toEqual([]);
}

test('staff take in a request, reply and close it; the deadline in Turkish format; both languages; axe clean', async ({ page }) => {
  await signIn(page, '/#/kvkk', 'personel');
  await expect(page.getByRole('heading', { name: 'KVKK başvuruları', level: 2 })).toBeVisible();
  await axeClean(page, 'desk');

  await page.getByRole('button', { name: 'Yeni başvuru' }).click();
  const dialog = page.getByRole('dialog', { name: 'Yeni başvuru' });
  await dialog.getByLabel('İlgili kişi').fill('Mehmet Demir');
  await dialog.getByLabel('TC Kimlik No (isteğe bağlı)').fill('17291716060');
  await dialog.getByLabel('Kimlik doğrulaması').fill('Nüfus cüzdanı görüldü');
  // By keyboard: type to search the colleagues, Enter picks the match.
  await dialog.getByLabel('Sorumlu').fill('Ayşe');
  await expect(page.locator('.ant-select-item-option-active')).toHaveText('Ayşe Yılmaz');
  await page.keyboard.press('Enter');
  await axeClean(page, 'intake');
  await dialog.getByRole('button', { name: 'Başvuruyu kaydet' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole('row').filter({ hasText: 'Mehmet Demir' });
  await expect(row).toContainText('Erişim');
  await expect(row).toContainText(/\d{2}\.\d{2}\.\d{4}/);
  await expect(row).toContainText('30 gün kaldı');
  await expect(row).toContainText('Ayşe Yılmaz');

  await row.getByRole('button', { name: 'Mehmet Demir' }).click();
  const drawer = page.getByRole('dialog', { name: 'Mehmet Demir başvurusu' });
  await expect(drawer).toContainText('Alındı');
  await drawer.getByLabel('Yanıt / yapılan işlem').fill('Kayıt dökümü elden verildi');
  await drawer.getByRole('button', { name: 'Yanıtı ekle' }).click();
  await expect(drawer).toContainText('Kayıt dökümü elden verildi');
  await axeClean(page, 'drawer');
  await drawer.getByLabel('Yanıt / yapılan işlem').fill('Yanıtlandı');
  await drawer.getByRole('button', { name: 'Başvuruyu kapat' }).click();
  await expect(drawer).toContainText('Kapatıldı');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(page.getByRole('row').filter({ hasText: 'Mehmet Demir' })).toHaveCount(0);
  await page.getByText('Kapanan', { exact: true }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Mehmet Demir' })).toContainText('Kapandı');

  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'KVKK requests', level: 2 })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Mehmet Demir' })).toContainText('Closed');
  await axeClean(page, 'English');
  await page.getByText('Türkçe', { exact: true }).click();
});

test('an observer has no KVKK desk, and the server refuses them the list', async ({ page }) => {
  await signIn(page, '/#/kvkk', 'gozlemci');
  await expect(page.getByRole('menuitem', { name: /KVKK/ })).toHaveCount(0);
  const res = await bridgeCall(page, 'listDataRequests', { filter: 'open', cursor: null, numItems: 10 });
  expect(res.ok).toBe(false);
  expect(res.error?.code).toBe('forbidden');
});
