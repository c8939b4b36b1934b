import { expect, test } from 'vitest';
import { api, internal } from './_generated/api';
import { asUser, newTest } from './convexTest.test-util';

test('audit.record appends entries that audit.list pages newest first; the actor is the signed-in person', async () => {
  const t = newTest();
  const { as, userId } = await asUser(t, 'personel', { name: 'Ayşe Yılmaz' });
  const admin = await asUser(t, 'yonetici');
  await t.mutation(internal.audit.record, {
    action: 'export',
    actorId: userId,
    collection: 'donations',
    summary: { format: 'xlsx', rows: 42, filters: { status: 'tamamlandi' } },
  });
  await t.mutation(internal.audit.record, { action: 'bulk_send', summary: { channel: 'sms', recipients: 3 } });
  await as.mutation(api.users.updateOwnProfile, { name: 'Ayşe Yılmaz Kaya' });

  const first = await admin.as.query(api.audit.list, { paginationOpts: { numItems: 2, cursor: null } });
  expect(first.page.map((e) => e.action)).toEqual(['account_change', 'bulk_send']);
  expect(first.page[0]).toMatchObject({ actorId: userId, actorName: 'Ayşe Yılmaz Kaya', summary: { changed: ['name'] } });
  expect(first.page[1]!.actorId).toBeUndefined();
  const rest = await admin.as.query(api.audit.list, { paginationOpts: { numItems: 2, cursor: first.continueCursor } });
  expect(rest.page.map((e) => e.action)).toEqual(['export']);
  expect(rest.page[0]).toMatchObject({ actorName: 'Ayşe Yılmaz', collection: 'donations', summary: { rows: 42 } });
  expect(rest.isDone).toBe(true);
});

test("office staff read only their own entries; administrators read everyone's", async () => {
  const t = newTest();
  const ayse = await asUser(t, 'personel', { name: 'Ayşe Yılmaz' });
  const mehmet = await asUser(t, 'personel', { name: 'Mehmet Kara' });
  const admin = await asUser(t, 'yonetici', { name: 'Yönetici' });
  await ayse.as.mutation(api.users.updateOwnProfile, { name: 'Ayşe Kaya' });
  await mehmet.as.mutation(api.users.updateOwnProfile, { name: 'Mehmet Demir' });
  await t.mutation(internal.audit.record, { action: 'sign_in_failed', actorId: mehmet.userId, summary: { email: 'mehmet@example.org' } });
  await t.mutation(internal.audit.record, { action: 'bulk_send', summary: { channel: 'sms', recipients: 3 } });

  const own = await ayse.as.query(api.audit.list, { paginationOpts: { numItems: 50, cursor: null } });
  expect(own.page.map((e) => e.actorName)).toEqual(['Ayşe Kaya']);
  const his = await mehmet.as.query(api.audit.list, { paginationOpts: { numItems: 50, cursor: null } });
  expect(his.page.map((e) => e.action)).toEqual(['sign_in_failed', 'account_change']);
  const all = await admin.as.query(api.audit.list, { paginationOpts: { numItems: 50, cursor: null } });
  expect(all.page).toHaveLength(4);
});

test('an observer cannot read the audit log', async () => {
  const t = newTest();
  const { as } = await asUser(t, 'gozlemci');
  await expect(as.query(api.audit.list, { paginationOpts: { numItems: 2, cursor: null } })).rejects.toThrow(/personel/);
});
