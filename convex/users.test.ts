import { expect, test } from 'vitest';
import { api } from './_generated/api';
import { asUser, newTest } from './convexTest.test-util';

test('me is the signed-in person; updateOwnProfile changes only their name and phone, audited', async () => {
  const t = newTest();
  const { as, userId } = await asUser(t, 'personel', { name: 'Ayşe Yılmaz', email: 'ayse@kafkasder.org.tr' });
  expect(await as.query(api.users.me, {})).toEqual({ id: userId, name: 'Ayşe Yılmaz', email: 'ayse@kafkasder.org.tr', phone: undefined, role: 'personel' });

  await as.mutation(api.users.updateOwnProfile, { name: '  Ayşe   Kaya ', phone: '+90 555 111 22 33' });
  expect(await as.query(api.users.me, {})).toMatchObject({ name: 'Ayşe Kaya', phone: '+90 555 111 22 33', email: 'ayse@kafkasder.org.tr' });
  await as.mutation(api.users.updateOwnProfile, { name: 'Ayşe Kaya' });
  expect((await as.query(api.users.me, {})).phone).toBeUndefined(); // an omitted phone clears it

  const audit = await as.query(api.audit.list, { paginationOpts: { numItems: 10, cursor: null } });
  expect(audit.page.map((e) => e.summary)).toEqual([
    { userId, changed: ['phone'] },
    { userId, changed: ['name', 'phone'] },
  ]);
  expect(audit.page.every((e) => e.actorId === userId)).toBe(true);
});

test('updateOwnProfile refuses invalid input', async () => {
  const t = newTest();
  const { as } = await asUser(t, 'gozlemci');
  await expect(as.mutation(api.users.updateOwnProfile, { name: 'A' })).rejects.toThrow(/name/);
  await expect(as.mutation(api.users.updateOwnProfile, { name: 'Ayşe', phone: 'call me' })).rejects.toThrow(/phone/);
  // The domain's phone rule: a Turkish mobile (what SMS reaches), not a landline.
  await expect(as.mutation(api.users.updateOwnProfile, { name: 'Ayşe', phone: '0212 555 12 34' })).rejects.toThrow(/phone/);
});

test('colleagues lists active staff by name, without e-mails or phones', async () => {
  const t = newTest();
  const { as } = await asUser(t, 'gozlemci', { name: 'Zehra Aksoy' });
  await asUser(t, 'personel', { name: 'Mehmet Kara', phone: '+905000000011' });
  await asUser(t, 'yonetici', { name: 'Eski Çalışan', active: false });
  const list = await as.query(api.users.colleagues, {});
  expect(list.map((c) => c.name)).toEqual(['Mehmet Kara', 'Zehra Aksoy']);
  expect(Object.keys(list[0]!).sort()).toEqual(['id', 'name', 'role']);
});

test('an action sees the signed-in person through staffAction', async () => {
  const t = newTest();
  const { as } = await asUser(t, 'personel');
  const runId = await as.mutation(api.imports.startRun, { collection: 'donations', mode: 'insert', fileName: 'x.csv' });
  const result = await as.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows: [] });
  expect(result).toEqual({ batchIndex: 0, results: [], counts: { inserted: 0, updated: 0, unchanged: 0, conflict: 0, failed: 0 } });
});
