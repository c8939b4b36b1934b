// The staff inbox end to end in web mode: a notification created from the UI shows up in the
// list and the nav badge without a reload, opening it marks it read; and with SMTP settings saved
// through the UI (pointing at a loopback smtp-server) its e-mail copy really arrives.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from './signIn';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** The unread count the Inbox menu item announces ("…, 3 okunmamış"); none announced means 0. */
async function unreadInNav(page: Page): Promise<number> {
  const text = (await page.getByRole('menuitem', { name: /Bildirimler/ }).textContent()) ?? '';
  return Number(/(\d+)\+? okunmamış/.exec(text)?.[1] ?? 0);
}

/**
 * The core emits notificationsChanged when the unread count changes, not when an e-mail/SMS
 * delivery settles, so a settled state is fetched with the page's own Yenile (never a reload).
 */
/** Delivery states arrive live: the core pushes notificationsChanged when a delivery settles. */
async function expectDeliveryState(item: Locator, text: string): Promise<void> {
  await expect(item).toContainText(text, { timeout: 15_000 });
}

async function createTask(page: Page, title: string, body: string): Promise<void> {
  await page.getByRole('button', { name: 'Yeni bildirim' }).click();
  const dialog = page.getByRole('dialog', { name: 'Yeni bildirim' });
  await expect(dialog).toBeVisible();
  // Görev (task) is the form's default kind.
  await expect(dialog.getByText('Görev', { exact: true })).toBeVisible();
  await dialog.getByLabel('Başlık').fill(title);
  await dialog.getByLabel('Açıklama').fill(body);
  await dialog.getByRole('button', { name: 'Oluştur' }).click();
  await expect(dialog).toBeHidden();
}

test('a task notification appears live with the badge, and opening it marks it read', async ({ page }) => {
  await signIn(page, '/#/inbox');
  await expect(page.getByRole('heading', { name: 'Bildirimler', level: 2 })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Okunmamış', selected: true })).toBeVisible();
  // A marker on the window proves that nothing below reloads the page.
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  // The badge has its first count once the inbox list has loaded (both fetch on mount).
  await expect(page.getByRole('list', { name: 'Bildirimler' }).or(page.getByText('Okunmamış bildirim yok'))).toBeVisible();
  const before = await unreadInNav(page);

  const title = `Bütçe raporunu hazırla ${Date.now()}`;
  await createTask(page, title, 'Cuma gününe kadar, şube toplantısından önce.');

  const open = page.getByRole('button', { name: `${title} bildirimini aç` });
  await expect(open).toBeVisible();
  await expect.poll(() => unreadInNav(page)).toBe(before + 1);
  const item = page.getByRole('listitem').filter({ has: open });
  await expect(item).toContainText('Görev');
  // No PC can send e-mail yet: the e-mail copy waits (never skipped), and the inbox says why.
  await expectDeliveryState(item, 'E-posta: Kuyrukta');
  await expect(page.getByTestId('no-sender-email')).toContainText('e-posta gönderebilen bir bilgisayar açılana kadar bekleyecek');

  await open.click();
  const drawer = page.getByRole('dialog', { name: title });
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText('Okundu');
  await expect(drawer).toContainText('Cuma gününe kadar');
  await expect.poll(() => unreadInNav(page)).toBe(before);
  await drawer.getByRole('button', { name: 'Kapat' }).click();
  // Read items leave the unread tab, and stay in "Tümü" as read.
  await expect(open).toBeHidden();
  await page.getByRole('tab', { name: 'Tümü' }).click();
  const readItem = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: `${title} bildirimini aç` }) });
  await expect(readItem).toContainText('Okundu');
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
});

test('with SMTP saved through Settings, a notification is e-mailed to a loopback server', async ({ page }) => {
  const received: ParsedMail[] = [];
  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          done();
        },
        (err: Error) => done(err),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  try {
    await signIn(page, '/#/settings');
    const card = page.locator('.ant-card').filter({ has: page.getByText('E-posta ve SMS', { exact: true }) });
    await expect(card).toContainText('Dosya, şifresiz (yalnızca sahibi okuyabilir)');
    await card.getByLabel('Sunucu adresi').fill('127.0.0.1');
    await card.getByLabel('Bağlantı güvenliği').click();
    await page.getByTitle('Şifresiz (oturum açmadan ya da bu bilgisayardaki sunucu)').click();
    await card.getByLabel('Port').fill(String(port));
    await card.getByLabel('Gönderen adresi').fill('Kafkasder <bildirim@kafkasder.test>');
    await card.getByRole('button', { name: 'Kaydet' }).first().click();
    await expect(page.getByText('Kaydedildi')).toBeVisible();
    await expect(card.getByLabel('Parola')).toHaveValue('');
    await card.getByRole('button', { name: 'Doğrula' }).click();
    await expect(card.getByText('SMTP sunucusuna bağlanıldı ve oturum açıldı.')).toBeVisible();

    await page.getByRole('menuitem', { name: /Bildirimler/ }).click();
    const title = `Gönüllü listesini güncelle ${Date.now()}`;
    await createTask(page, title, 'Ramazan dağıtımı için.');
    await expect
      .poll(() => received.find((m) => m.subject === `Görev atandı: ${title}`)?.text ?? '', { timeout: 20_000 })
      .toContain('Ramazan dağıtımı için.');
    const item = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: `${title} bildirimini aç` }) });
    await expectDeliveryState(item, 'E-posta: Gönderildi');
  } finally {
    // Later specs share this server: leave e-mail unconfigured again.
    await signIn(page, '/#/settings');
    const remove = page.getByRole('button', { name: 'Ayarı sil' }).first();
    await remove.click({ timeout: 5_000 }).catch(() => undefined);
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }
});

test('bulk send counts the audience live and runs the job to a per-channel summary', async ({ page }) => {
  await signIn(page, '/#/messages');
  await expect(page.getByRole('heading', { name: 'Toplu gönderim', level: 2 })).toBeVisible();
  await expect(page.getByText(/\d+ kişi seçildi/)).toBeVisible();
  // One province of the demo data, so the audience stays small whatever other specs imported.
  await page.getByLabel('İl', { exact: true }).click();
  await page.keyboard.type('Konya');
  await page.keyboard.press('Enter');
  await expect(page.getByText('1 kişi seçildi')).toBeVisible();
  await expect(page.getByText(/SMS ile ulaşılabilir: 1/)).toBeVisible();
  await expect(page.getByRole('table')).toContainText('Ad');
  await page.getByLabel('SMS', { exact: true }).check();
  await page.getByLabel('Başlık').fill('Gıda kolisi dağıtımı');
  await page.getByLabel('İleti', { exact: true }).fill('Cumartesi 10:00, dernek binası.');
  await expect(page.getByText('Gıda kolisi dağıtımı: Cumartesi 10:00, dernek binası.')).toBeVisible();
  // No PC can send SMS in the demo: the page says so before sending, and the message waits.
  await expect(page.getByTestId('no-sender-sms')).toContainText('SMS gönderebilen bir bilgisayar açılana kadar bekleyecek');
  await page.getByRole('button', { name: 'Gönderimi başlat' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Başlat' }).click();
  await expect(page.getByText(/Kuyrukta: 1 · Gönderildi: 0 · Başarısız: 0 · Bekleyen: 1/)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'İptal' }).click();
  // The bulk-send page's own status (the demo banner is another one).
  await expect(page.getByRole('region', { name: 'Toplu gönderim' }).getByRole('status')).toContainText(
    'Gönderim iptal edildi. Kuyruğa alınmış iletiler yine de gönderilebilir.',
  );
});

test('the inbox, bulk send and messaging settings have no serious accessibility violations', async ({ page }) => {
  // On Settings only the messaging card is this feature's; the older cards are checked elsewhere.
  const scopes = { inbox: 'main', messages: 'main', settings: '#messaging-settings' };
  for (const [route, scope] of Object.entries(scopes)) {
    await signIn(page, `/#/${route}`);
    await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
    // Wait for the first fetch of each page (list, live count, settings status) to settle.
    await expect(page.getByText(/Yükleniyor|Hesaplanıyor/)).toHaveCount(0);
    const results = await new AxeBuilder({ page }).include(scope).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      route,
    ).toEqual([]);
  }
});
