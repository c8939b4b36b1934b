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

/** Signs out whoever the demo's core has signed in; true when someone was. */
export async function signOutIfSignedIn(page: Page): Promise<boolean> {
  await expect(signOutButton(page).or(signInButton(page))).toBeVisible();
  if (!(await signOutButton(page).isVisible())) return false;
  await signOutButton(page).click();
  await expect(signInButton(page)).toBeVisible();
  return true;
}

export async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  // The previous person's page stays mounted (hidden) under the sign-in screen and may have its
  // own "E-posta" field (bulk send, settings): only the visible sign-in form is meant.
  await page.getByLabel(/^(E-posta|E-mail)$/).filter({ visible: true }).fill(email);
  await page.getByLabel(/^(Şifre|Password)$/).filter({ visible: true }).fill(password);
  await signInButton(page).click();
}

/** Opens `path` signed in as the demo account of `role` (default: the administrator). */
export async function signIn(page: Page, path = '/#/records', role: keyof typeof DEMO = 'yonetici'): Promise<void> {
  await page.goto(path);
  if (await signOutIfSignedIn(page)) {
    // The page opened signed in and started loading as the previous person; a spec starts from a
    // fresh page instead (the app keeps pages mounted under the sign-in screen by design).
    await page.reload();
    await expect(signInButton(page)).toBeVisible();
  }
  await fillSignIn(page, DEMO[role].email, DEMO[role].password);
  await expect(signOutButton(page)).toBeVisible();
}

/** Calls a bridge channel straight from the page (past the UI), as the page itself would. */
export async function bridgeCall(page: Page, channel: string, input: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
  return await page.evaluate(
    async ({ channel, input }) => {
      const res = await fetch(`/api/call/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      return (await res.json()) as { ok: boolean; error?: { code: string } };
    },
    { channel, input },
  );
}
