// Another person at the same PC, without a reload: after the administrator (whose PC sends e-mail)
// signs out and a colleague signs in, everything shown is the colleague's — no stale "cannot send"
// banner, their own unread count — and this PC's outbox worker now sends as the colleague.
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import { bridgeCall, DEMO, fillSignIn, signIn, signInButton, signOutButton } from './signIn';

test('sign out, sign in as another demo account: the status shown is the new person’s', async ({ page }) => {
  const smtp = new SMTPServer({ disabledCommands: ['STARTTLS', 'AUTH'], authOptional: true, logger: false, onData: (s, _x, done) => s.resume().on('end', () => done()) });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  try {
    await signIn(page, '/#/inbox', 'yonetici');
    expect(await bridgeCall(page, 'saveMessagingSettings', { smtp: { host: '127.0.0.1', port, secure: 'none', from: 'bildirim@kafkasder.test' } })).toMatchObject({ ok: true });
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    await page.getByRole('menuitem', { name: /Ayarlar/ }).click();
    const sending = page.getByRole('region', { name: 'Gönderebilen bilgisayarlar' });
    await expect(sending.getByRole('row').filter({ hasText: '(bu bilgisayar)' })).toContainText('Ayşe Yılmaz');
    await page.getByRole('menuitem', { name: /Bildirimler/ }).click();

    await signOutButton(page).click();
    await expect(signInButton(page)).toBeVisible();
    await fillSignIn(page, DEMO.personel.email, DEMO.personel.password);
    await expect(signOutButton(page)).toBeVisible();

    await page.getByRole('menuitem', { name: /Bildirimler/ }).click();
    await expect(page.getByRole('heading', { name: 'Bildirimler', level: 2 }).filter({ visible: true })).toBeVisible();
    // Give a stale status time to show up, then make sure none did.
    await page.waitForTimeout(1_500);
    await expect(page.getByText('E-posta ve SMS gönderilemiyor').filter({ visible: true })).toHaveCount(0);
    await expect(page.getByText(/Oturumunuz sona erdi/).filter({ visible: true })).toHaveCount(0);
    await expect(page.getByTestId('no-sender-email').filter({ visible: true })).toHaveCount(0);
    // The outbox worker restarted for the colleague: this PC now sends as them.
    await page.getByRole('menuitem', { name: /Ayarlar/ }).click();
    const mine = page.getByRole('region', { name: 'Gönderebilen bilgisayarlar' }).filter({ visible: true }).getByRole('row').filter({ hasText: '(bu bilgisayar)' });
    await expect(mine).toContainText('Mehmet Kara', { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    // A colleague may not change how this PC sends.
    expect(await bridgeCall(page, 'saveMessagingSettings', { smtp: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  } finally {
    // Later specs share this server: leave e-mail unconfigured again.
    await signIn(page, '/#/settings', 'yonetici');
    await bridgeCall(page, 'saveMessagingSettings', { smtp: null });
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }
});
