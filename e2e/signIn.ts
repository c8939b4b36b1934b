// The shared login step: every spec signs in first, as staff do. The web demo lists its
// accounts on the sign-in page; the session belongs to the demo's core, so a spec signs out
// whoever was signed in before.
import { expect, type Page } from '@playwright/test';

export const DEMO = {
  yonetici: { email: 'yonetici@example.org', password: 'demo-yonetici-2026' },
  personel: { email: 'personel@example.org', password: 'demo-personel-2026' },
  gozlemci: { email: 'gozlemci@example.org', password: 'demo-gozlemci-2026' },
} as const;

export const signOutButton = (page: Page) => page.getByRole('button', { name: /^(Çıkış yap|Sign out)$/ });
export const signInButton = (page: Page) => page.getByRole('button', { name: /^(Giriş yap|Sign in)$/ });

export async function signOutIfSignedIn(page: Page): Promise<void> {
  await expect(signOutButton(page).or(signInButton(page))).toBeVisible();
  if (await signOutButton(page).isVisible()) {
    await signOutButton(page).click();
    await expect(signInButton(page)).toBeVisible();
  }
}

export async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  // The pages stay mounted (hidden) under the sign-in screen once someone has signed in: look
  // only inside the sign-in form.
  const form = page.locator('form').filter({ has: signInButton(page) });
  await form.getByLabel(/^(E-posta|E-mail)$/).fill(email);
  await form.getByLabel(/^(Şifre|Password)$/).fill(password);
  await signInButton(page).click();
}

/** Opens `path` signed in as the demo account of `role` (default: the administrator). */
export async function signIn(page: Page, path = '/#/records', role: keyof typeof DEMO = 'yonetici'): Promise<void> {
  await page.goto(path);
  await signOutIfSignedIn(page);
  await fillSignIn(page, DEMO[role].email, DEMO[role].password);
  await expect(signOutButton(page)).toBeVisible();
}
