// Administrators cannot take each other over silently (issue #22 item 3): a change to another
// administrator's account reaches that administrator in the inbox and by e-mail, whatever their
// preferences; the last active administrator can be neither demoted nor deactivated.
import { ConvexError } from 'convex/values';
import { expect, test } from 'vitest';
import { api } from './_generated/api';
import type { Id } from './_generated/dataModel';
import { asUser, newTest, type TestConvex } from './convexTest.test-util';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'allowed';
  } catch (err) {
    if (err instanceof ConvexError) return String((err.data as { code?: string }).code);
    throw err;
  }
}

async function noticesOf(t: TestConvex, userId: Id<'users'>) {
  return await t.run(async (ctx) => {
    const inbox = await ctx.db.query('workflowNotifications').withIndex('by_recipient', (q) => q.eq('recipientId', userId)).collect();
    const mails = [];
    for (const n of inbox) mails.push(...(await ctx.db.query('deliveries').withIndex('by_notification', (q) => q.eq('notificationId', n._id)).collect()));
    return { inbox, mails };
  });
}

test("a change to another administrator's account is told to them in the inbox and by e-mail, even with e-mail turned off", async () => {
  const t = newTest();
  const ayse = await asUser(t, 'yonetici', { name: 'Ayşe Yılmaz' });
  const bora = await asUser(t, 'yonetici', { name: 'Bora Demir', email: 'bora@kafkasder.org.tr', phone: '0532 111 22 33' });
  // Bora turned every e-mail and SMS off: a security notice goes anyway, by e-mail only.
  await t.run(async (ctx) => {
    await ctx.db.insert('notificationPreferences', { recipientId: bora.userId, byKind: { sistem: { email: false, sms: false } }, updatedAt: Date.now() });
  });

  await ayse.as.mutation(api.staff.setRole, { userId: bora.userId, role: 'personel' });
  let notices = await noticesOf(t, bora.userId);
  expect(notices.inbox).toHaveLength(1);
  expect(notices.inbox[0]!.body).toContain('Ayşe Yılmaz');
  expect(notices.mails.map((d) => [d.channel, d.destination, d.state])).toEqual([['email', 'bora@kafkasder.org.tr', 'queued']]);

  await ayse.as.mutation(api.staff.setRole, { userId: bora.userId, role: 'yonetici' });
  await ayse.as.action(api.staff.setActive, { userId: bora.userId, active: false });
  notices = await noticesOf(t, bora.userId);
  expect(notices.inbox.map((n) => n.body)).toEqual([
    expect.stringContaining('"personel"'),
    expect.stringContaining('yönetici rolü verildi'),
    expect.stringContaining('devre dışı'),
  ]);
  expect(notices.mails).toHaveLength(3);

  // Office staff are not administrators: their role change is audited, not announced.
  const cem = await asUser(t, 'personel');
  await ayse.as.mutation(api.staff.setRole, { userId: cem.userId, role: 'gozlemci' });
  expect((await noticesOf(t, cem.userId)).inbox).toHaveLength(0);
});

test("resetting another administrator's password tells them", async () => {
  const t = newTest();
  const ayse = await asUser(t, 'yonetici', { name: 'Ayşe Yılmaz' });
  const bora = await asUser(t, 'yonetici', { name: 'Bora Demir' });
  // resetPassword needs a Convex Auth account: make one through staff.create.
  const boraId = await ayse.as.action(api.staff.create, { name: 'Bora İki', email: 'bora2@kafkasder.org.tr', role: 'yonetici', password: 'ilk-sifre-bora-2' });
  await ayse.as.action(api.staff.resetPassword, { userId: boraId, password: 'yeni-sifre-bora-2' });
  const notices = await noticesOf(t, boraId);
  expect(notices.inbox.map((n) => n.body)).toEqual([expect.stringContaining('şifreniz sıfırlandı')]);
  expect(notices.mails.map((d) => d.destination)).toEqual(['bora2@kafkasder.org.tr']);
  expect((await noticesOf(t, bora.userId)).inbox).toHaveLength(0);
});

test('the last active administrator can be neither demoted nor deactivated', async () => {
  const t = newTest();
  const ayse = await asUser(t, 'yonetici');
  const bora = await asUser(t, 'yonetici');
  // With a second active administrator, one may hand over and step down.
  await ayse.as.mutation(api.staff.setRole, { userId: ayse.userId, role: 'personel' });
  expect(await codeOf(bora.as.mutation(api.staff.setRole, { userId: bora.userId, role: 'personel' }))).toBe('last_admin');
  expect(await codeOf(bora.as.action(api.staff.setActive, { userId: bora.userId, active: false }))).toBe('last_admin');

  // A deactivated administrator does not count as the other one.
  const cem = await asUser(t, 'yonetici', { active: false });
  await t.run(async (ctx) => await ctx.db.patch(ayse.userId, { role: 'yonetici', active: false }));
  expect(await codeOf(bora.as.mutation(api.staff.setRole, { userId: bora.userId, role: 'gozlemci' }))).toBe('last_admin');
  // Demoting an administrator who is already deactivated leaves the active one: allowed.
  expect(await codeOf(bora.as.mutation(api.staff.setRole, { userId: cem.userId, role: 'personel' }))).toBe('allowed');
  expect(await bora.as.query(api.users.me, {})).toMatchObject({ role: 'yonetici' });
});
