// Staff accounts end to end in web mode: an administrator creates a `personel` account and the
// new person signs in with the first password; a task assigned to a colleague reaches their
// inbox and the assigner follows it under "Gönderdiklerim"; a deactivated account cannot sign in;
// an observer has no staff page, and the server refuses them the staff list anyway.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { bridgeCall, DEMO, fillSignIn, signIn, signInButton, signOutButton } from './signIn';

const DATE_TIME = /\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/;

async function signOut(page: Page): Promise<void> {
  await signOutButton(page).click();
  await expect(signInButton(page)).toBeVisible();
}

/** Fills the "Yeni hesap" form; with no password, asks for a generated one and returns it. */
async function createAccount(page: Page, name: string, email: string, password?: string): Promise<string> {
  await page.getByRole('button', { name: 'Yeni hesap' }).click();
  const dialog = page.getByRole('dialog', { name: 'Yeni hesap' });
  await dialog.getByLabel('Ad soyad').fill(name);
  await dialog.getByLabel('E-posta').fill(email);
  // Personel is the form's default role.
  await expect(dialog.getByText('Personel', { exact: true })).toBeVisible();
  if (password) {
    await dialog.getByLabel('Şifre', { exact: true }).fill(password);
  } else {
    await dialog.getByRole('radio', { name: 'Otomatik oluştur' }).check();
    await expect(dialog.getByLabel('Şifre', { exact: true })).toHaveCount(0);
  }
  await dialog.getByRole('button', { name: 'Hesabı oluştur' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${name} için hesap oluşturuldu`)).toBeVisible();
  if (password) return password;
  const shown = page.getByRole('dialog', { name: `Oluşturulan şifre: ${name}` });
  await expect(shown.getByRole('button', { name: 'Şifreyi kopyala' })).toBeVisible();
  const generated = await shown.getByLabel('Oluşturulan şifre').inputValue();
  expect(generated.length).toBeGreaterThanOrEqual(10);
  await shown.getByRole('button', { name: 'Kapat' }).first().click();
  await expect(shown).toBeHidden();
  return generated;
}

const staffRow = (page: Page, email: string) => page.getByRole('row').filter({ hasText: email });

test('an administrator creates a personel account; the new person signs in with that password', async ({ page }) => {
  await signIn(page, '/#/staff');
  await expect(page.getByRole('heading', { name: 'Personel hesapları', level: 2 })).toBeVisible();
  // The demo's own accounts are listed with their roles.
  await expect(staffRow(page, DEMO.gozlemci.email)).toContainText('Etkin');

  const email = `yeni.personel.${Date.now()}@example.org`;
  const password = 'ilk-sifre-2026-x';
  // Too short a first password is refused before anything is sent.
  await page.getByRole('button', { name: 'Yeni hesap' }).click();
  const dialog = page.getByRole('dialog', { name: 'Yeni hesap' });
  await dialog.getByLabel('Şifre', { exact: true }).fill('kisa');
  await dialog.getByRole('button', { name: 'Hesabı oluştur' }).click();
  await expect(dialog.getByText('En az 10 karakter').first()).toBeVisible();
  await dialog.getByRole('button', { name: 'Vazgeç' }).click();
  await expect(dialog).toBeHidden();

  await createAccount(page, 'Elif Demir', email, password);
  const row = staffRow(page, email);
  await expect(row).toContainText('Elif Demir');
  await expect(row).toContainText('Etkin');
  await expect(row).toContainText('Hiç giriş yapmadı');

  await signOut(page);
  await fillSignIn(page, email, password);
  await expect(page.getByText('Elif Demir (Personel) olarak giriş yapıldı')).toBeVisible();
  // Office staff have no staff page.
  await expect(page.getByRole('menuitem', { name: 'Personel' })).toHaveCount(0);

  // The administrator now sees when Elif last signed in.
  await signIn(page, '/#/staff');
  await expect(staffRow(page, email)).toContainText(DATE_TIME);
});

test('an administrator assigns a task to a colleague, who sees it; the assigner sees it read', async ({ page }) => {
  await signIn(page, '/#/inbox');
  const title = `Saha ziyareti raporu ${Date.now()}`;
  await page.getByRole('button', { name: 'Yeni bildirim' }).click();
  const dialog = page.getByRole('dialog', { name: 'Yeni bildirim' });
  // Oneself is the default recipient.
  await expect(dialog.getByTitle(/\(siz\)$/)).toBeVisible();
  await dialog.getByLabel('Alıcı').click();
  // Typed to filter, picked with the keyboard.
  await dialog.getByLabel('Alıcı').fill('Kara');
  await dialog.getByLabel('Alıcı').press('Enter');
  await expect(dialog.getByTitle('Mehmet Kara · Personel')).toBeVisible();
  await dialog.getByLabel('Başlık').fill(title);
  await dialog.getByLabel('Açıklama').fill('Cuma gününe kadar.');
  await dialog.getByRole('button', { name: 'Oluştur' }).click();
  await expect(dialog).toBeHidden();

  // Not in the assigner's own inbox; under "Gönderdiklerim", unread, with its date.
  await page.getByRole('tab', { name: 'Tümü' }).click();
  await expect(page.getByRole('button', { name: `${title} bildirimini aç` })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Gönderdiklerim' }).click();
  const sent = page.getByRole('row').filter({ hasText: title });
  await expect(sent).toContainText('Mehmet Kara');
  await expect(sent).toContainText('Okunmadı');
  await expect(sent).toContainText(DATE_TIME);

  await signOut(page);
  await fillSignIn(page, DEMO.personel.email, DEMO.personel.password);
  await expect(signOutButton(page)).toBeVisible();
  const open = page.getByRole('button', { name: `${title} bildirimini aç` });
  await expect(open).toBeVisible();
  await open.click();
  const drawer = page.getByRole('dialog', { name: title });
  await expect(drawer).toContainText('Cuma gününe kadar.');
  await expect(drawer).toContainText('Okundu');
  await drawer.getByRole('button', { name: 'Kapat' }).click();

  await signIn(page, '/#/inbox');
  await page.getByRole('tab', { name: 'Gönderdiklerim' }).click();
  await expect(page.getByRole('row').filter({ hasText: title })).toContainText('Okundu');
});

test('a deactivated account cannot sign in; reactivated, it can again', async ({ page }) => {
  await signIn(page, '/#/staff');
  const email = `gecici.${Date.now()}@example.org`;
  const password = await createAccount(page, 'Can Öz', email);

  await signOut(page);
  await fillSignIn(page, email, password);
  await expect(page.getByText('Can Öz (Personel) olarak giriş yapıldı')).toBeVisible();

  await signIn(page, '/#/staff');
  const row = staffRow(page, email);
  await row.getByRole('button', { name: 'Devre dışı bırak: Can Öz' }).click();
  await page.getByRole('button', { name: 'Evet' }).click();
  await expect(row).toContainText('Devre dışı');

  await signOut(page);
  await fillSignIn(page, email, password);
  // The sign-in form's refusal (the toasts of the steps before are alerts too, and may still show).
  await expect(page.locator('.ant-alert[role="alert"]')).toBeVisible();
  await expect(signOutButton(page)).toHaveCount(0);

  await fillSignIn(page, DEMO.yonetici.email, DEMO.yonetici.password);
  await page.goto('/#/staff');
  await staffRow(page, email).getByRole('button', { name: 'Yeniden etkinleştir: Can Öz' }).click();
  await expect(staffRow(page, email)).toContainText('Etkin');
  await signOut(page);
  await fillSignIn(page, email, password);
  await expect(page.getByText('Can Öz (Personel) olarak giriş yapıldı')).toBeVisible();
});

test('an observer (gozlemci) has no staff page, and the server refuses the staff list', async ({ page }) => {
  await signIn(page, '/#/staff', 'gozlemci');
  await expect(page.getByRole('menuitem', { name: 'Personel' })).toHaveCount(0);
  // The route falls back to the records page.
  await expect(page.getByRole('heading', { name: 'Kayıtlar', level: 2 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Personel hesapları' })).toHaveCount(0);
  const answer = await bridgeCall(page, 'listStaff', {});
  expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});

test('the staff page, its new-account dialog and the password card have no serious accessibility violations', async ({ page }) => {
  const check = async (scope: string, label: string) => {
    const results = await new AxeBuilder({ page }).include(scope).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), label).toEqual([]);
  };
  await signIn(page, '/#/staff');
  await expect(staffRow(page, DEMO.personel.email)).toBeVisible();
  await check('main', 'staff');
  await page.getByRole('button', { name: 'Yeni hesap' }).click();
  await expect(page.getByRole('dialog', { name: 'Yeni hesap' })).toBeVisible();
  await check('.ant-modal', 'new account');
  await page.getByRole('button', { name: 'Vazgeç' }).click();
  await page.getByRole('menuitem', { name: 'Ayarlar' }).click();
  await expect(page.getByRole('button', { name: 'Şifreyi değiştir' })).toBeVisible();
  await check('main', 'settings');
  // A wrong current password is said so, and nothing changes.
  await page.getByLabel('Mevcut şifre').fill('yanlis-sifre-0000');
  await page.getByLabel('Yeni şifre', { exact: true }).fill('yeni-sifre-2026-x');
  await page.getByLabel('Yeni şifre (tekrar)').fill('yeni-sifre-2026-x');
  await page.getByRole('button', { name: 'Şifreyi değiştir' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Mevcut şifre hatalı' })).toBeVisible();
});
