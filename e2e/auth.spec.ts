// Signing in: the sign-in screen comes before any data; a wrong password is refused in Turkish;
// signing out brings the screen back; an observer sees no export and the server refuses anyway.
import { expect, test } from '@playwright/test';
import { bridgeCall, DEMO, fillSignIn, signIn, signInButton, signOutButton, signOutIfSignedIn } from './signIn';

test('no data before sign-in; a wrong password is refused; sign in and out', async ({ page }) => {
  await page.goto('/#/records');
  await signOutIfSignedIn(page);
  await expect(page.getByRole('table').filter({ hasText: 'TC' })).toHaveCount(0);
  // The demo's sign-in page names its accounts (demo only).
  await expect(page.getByText(DEMO.gozlemci.email)).toBeVisible();

  await fillSignIn(page, DEMO.personel.email, 'yanlis-sifre-123');
  await expect(page.getByRole('alert')).toContainText('E-posta veya şifre hatalı');
  await expect(signOutButton(page)).toHaveCount(0);

  await fillSignIn(page, DEMO.personel.email, DEMO.personel.password);
  await expect(signOutButton(page)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Kayıtlar', level: 2 })).toBeVisible();
  await expect(page.getByText(/Personel\) olarak giriş yapıldı/)).toBeVisible();

  await signOutButton(page).click();
  await expect(signInButton(page)).toBeVisible();
  await expect(page.getByText('Çıkış yaptınız.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Kayıtlar', level: 2 })).toBeHidden();
});

test('an observer (gozlemci) sees no export, and the server refuses an export anyway', async ({ page }) => {
  await signIn(page, '/#/records', 'gozlemci');
  await expect(page.getByRole('heading', { name: 'Kayıtlar', level: 2 })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Dışa Aktar' })).toHaveCount(0);
  await page.goto('/#/export');
  await expect(page.getByRole('button', { name: 'Dışa aktarmayı başlat' })).toHaveCount(0);
  // Past the UI: the bridge call the export page would make is refused by Convex for this role.
  const answer = await bridgeCall(page, 'countRecords', { collection: 'beneficiaries' });
  expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});
