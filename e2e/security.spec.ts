// Settings refuse what would expose personal data, and say so in Turkish: SMTP sign-in over an
// unencrypted connection to another computer; and the retention of personal data on this PC is a
// setting that sticks.
import { expect, test } from '@playwright/test';
import { signIn } from './signIn';

test('SMTP sign-in without TLS is refused with a clear message under the form', async ({ page }) => {
  await signIn(page, '/#/settings');
  const card = page.locator('.ant-card').filter({ has: page.getByText('E-posta ve SMS', { exact: true }) });
  await card.getByLabel('Sunucu adresi').fill('smtp.example.org');
  await card.getByLabel('Bağlantı güvenliği').click();
  await page.getByTitle('Şifresiz (oturum açmadan ya da bu bilgisayardaki sunucu)').click();
  await card.getByLabel('Kullanıcı adı').fill('panel');
  await card.getByLabel('Parola').fill('gizli-parola');
  await card.getByLabel('Gönderen adresi').fill('Kafkasder <bildirim@example.org>');
  await card.getByRole('button', { name: 'Kaydet' }).first().click();
  await expect(card.getByRole('status').first()).toContainText('TLS ya da STARTTLS gerektirir');
  // Nothing was saved.
  await page.reload();
  await expect(card.getByLabel('Sunucu adresi')).toHaveValue('');
});

test('what is typed into the SMTP form before its saved settings arrive is kept, not wiped out by them', async ({ page }) => {
  // The saved settings are held back until the address is typed (a slow PC or core), then answered.
  let release: () => void = () => undefined;
  const typed = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/call/getMessagingSettings', async (route) => {
    await typed;
    await route.continue();
  });
  await signIn(page, '/#/settings');
  const card = page.locator('.ant-card').filter({ has: page.getByText('E-posta ve SMS', { exact: true }) });
  // Shown with the saved settings, in the same step that fills the forms.
  const loaded = card.getByText('Gizli bilgilerin saklandığı yer');
  await card.getByLabel('Sunucu adresi').fill('smtp.example.org');
  await card.getByLabel('Kullanıcı adı').fill('panel');
  await expect(loaded).toBeHidden();
  release();
  await expect(loaded).toBeVisible();
  await expect(card.getByLabel('Sunucu adresi')).toHaveValue('smtp.example.org');
  await expect(card.getByLabel('Kullanıcı adı')).toHaveValue('panel');
});

test('the retention of personal data on this PC is a setting (1–365 days) that sticks', async ({ page }) => {
  await signIn(page, '/#/settings');
  const card = page.locator('.ant-card').filter({ has: page.getByText('Bu bilgisayardaki kişisel veriler', { exact: true }) });
  const days = card.getByLabel('Saklama süresi (gün)');
  await expect(days).toHaveValue('30');
  await days.fill('14');
  await card.getByRole('button', { name: 'Kaydet' }).click();
  await expect(page.getByText('Kaydedildi')).toBeVisible();
  await page.reload();
  await expect(days).toHaveValue('14');
});
