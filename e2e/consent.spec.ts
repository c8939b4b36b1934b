// Consent in web mode (issue #25): bulk send leaves out who has not agreed to the channel and says
// how many before sending, and queues only the others; axe clean.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { completeTcKimlik } from '../shared/domain';
import { signIn } from './signIn';

// A province no other spec or the demo data uses, so the audience is exactly these ten people.
const CITY = 'Sinop';
const people = Array.from({ length: 10 }, (_, i) => ({
  fullName: `Rıza Deneme ${i + 1}`,
  nationalId: completeTcKimlik(String(310_000_000 + i * 7_919)),
  phone: `+9053200011${String(i).padStart(2, '0')}`,
}));

async function call<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const res = await page.evaluate(
    async ({ channel, input }) => {
      const r = await fetch(`/api/call/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
      return (await r.json()) as { ok: boolean; value?: unknown; error?: unknown };
    },
    { channel, input },
  );
  if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

async function axeClean(page: Page, label: string, scope = 'main') {
  const results = await new AxeBuilder({ page }).include(scope).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), label).toEqual([]);
}

// Ten records and eight consents are set up through the bridge first: more than a page's usual minute on a loaded machine.
test.describe.configure({ timeout: 180_000 });

test('bulk SMS to ten people of whom three gave no SMS consent: "3 left out" before sending, 7 queued', async ({ page }) => {
  await signIn(page, '/#/messages', 'personel');
  for (const [i, p] of people.entries()) {
    const saved = await call<{ ok: boolean }>(page, 'createRecord', { collection: 'beneficiaries', values: { ...p, city: CITY, householdSize: 2, category: 'diger', status: 'aktif' } });
    expect(saved.ok).toBe(true);
    // The last three never agreed to SMS; one of them agreed to e-mail only.
    if (i < 7) await call(page, 'recordConsent', { nationalId: p.nationalId, purpose: 'sms', noticeVersion: '2025-01', givenAt: Date.now(), method: 'paper' });
    if (i === 8) await call(page, 'recordConsent', { nationalId: p.nationalId, purpose: 'email', noticeVersion: '2025-01', givenAt: Date.now(), method: 'paper' });
  }

  await expect(page.getByRole('heading', { name: 'Toplu gönderim', level: 2 })).toBeVisible();
  await page.getByLabel('İl', { exact: true }).click();
  await page.keyboard.type(CITY);
  await page.keyboard.press('Enter');
  await page.getByLabel('SMS', { exact: true }).check();
  await expect(page.getByText('10 kişi seçildi')).toBeVisible();
  await expect(page.getByText(/SMS ile ulaşılabilir: 10/)).toBeVisible();
  const consent = page.getByTestId('bulk-consent');
  await expect(consent).toContainText('SMS gidecek adres: 7');
  await expect(consent).toContainText('3 kişi SMS izni olmadığı için gönderim dışında kalacak');
  await axeClean(page, 'bulk send with consent');

  await page.getByLabel('Başlık').fill('Kış yardımı');
  await page.getByRole('button', { name: 'Gönderimi başlat' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('7 alıcıya SMS ile gönderilecek.');
  await expect(dialog).toContainText('3 kişi SMS izni olmadığı için gönderim dışında kalacak');
  await dialog.getByRole('button', { name: 'Başlat' }).click();
  // No PC can send SMS in the demo: the seven wait in the outbox; the three were never queued.
  await expect(page.getByText(/Kuyrukta: 7 · Gönderildi: 0 · Başarısız: 0 · Bekleyen: 7/)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'İptal' }).click();
});

test("the KVKK screens an administrator works in: a person's consent tab with the access export, an erasure request's preview, retention in Settings; axe clean", async ({ page }) => {
  await signIn(page, '/#/records', 'yonetici');
  const search = page.getByRole('searchbox').or(page.getByLabel(/^(Ara|Search)$/)).first();
  await search.fill('Zeynep Kaya');
  await search.press('Enter');
  await page.getByRole('table').getByRole('link', { name: 'Zeynep Kaya' }).click();
  await page.getByRole('tab', { name: 'Açık rıza' }).click();
  await expect(page.getByRole('heading', { name: 'Açık rıza kayıtları' })).toBeVisible();
  // The access export from the person's page: in web mode both files are offered as downloads.
  await page.getByRole('button', { name: 'Erişim dökümünü hazırla' }).click();
  await expect(page.getByRole('link', { name: 'Okunur HTML dosyasını indir' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'JSON dosyasını indir' })).toBeVisible();
  // The whole page: the record's header (its red Delete button) and the tab.
  await axeClean(page, 'consent tab');

  // An erasure request for someone the demo does not hold: the preview only, nothing is erased.
  const [me] = await call<{ id: string }[]>(page, 'listColleagues', {});
  await call(page, 'createDataRequest', {
    subjectName: 'Silme Önizleme',
    subjectNationalId: completeTcKimlik('555123456'),
    type: 'erasure',
    channel: 'paper',
    receivedAt: Date.now() - 60_000,
    identityCheck: 'Nüfus cüzdanı',
    assigneeId: me!.id,
  });
  await page.evaluate(() => (location.hash = '#/kvkk'));
  await page.getByRole('row').filter({ hasText: 'Silme Önizleme' }).getByRole('button', { name: 'Silme Önizleme' }).click();
  const drawer = page.getByRole('dialog', { name: 'Silme Önizleme başvurusu' });
  await drawer.getByRole('button', { name: 'Önizle' }).click();
  await expect(drawer.getByRole('columnheader', { name: 'Tablo' })).toBeVisible();
  await axeClean(page, 'erasure preview', '[role="dialog"]');
  await page.keyboard.press('Escape');

  await page.evaluate(() => (location.hash = '#/settings'));
  await expect(page.getByText('Sunucudaki verilerin saklama süreleri')).toBeVisible();
  await expect(page.getByText('İmha kaydı', { exact: true })).toBeVisible();
  await axeClean(page, 'retention settings');
});
