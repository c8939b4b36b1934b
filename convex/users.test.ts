import { expect, test } from 'vitest';
import { api } from './_generated/api';
import { newTest } from './test.setup';

test('saveProfile creates the profile once, then updates it, auditing each change', async () => {
  const t = newTest();
  expect(await t.query(api.users.getProfile, {})).toBeNull();
  const id = await t.mutation(api.users.saveProfile, { name: '  Ayşe   Yılmaz ', email: 'ayse@kafkasder.org.tr' });
  expect(await t.query(api.users.getProfile, { id })).toMatchObject({
    name: 'Ayşe Yılmaz',
    email: 'ayse@kafkasder.org.tr',
    role: 'staff',
    isProfile: true,
  });

  const again = await t.mutation(api.users.saveProfile, { name: 'Ayşe Yılmaz', phone: '+90 555 111 22 33', actingUserId: id });
  expect(again).toBe(id);
  const profile = await t.query(api.users.getProfile, {});
  expect(profile).toMatchObject({ _id: id, phone: '+90 555 111 22 33' });
  expect(profile!.email).toBeUndefined(); // an omitted field clears the stored value

  const audit = await t.query(api.audit.list, { paginationOpts: { numItems: 10, cursor: null } });
  expect(audit.page.map((e) => e.action)).toEqual(['settings_change', 'settings_change']);
  expect(audit.page[0]).toMatchObject({ actorId: id, actorName: 'Ayşe Yılmaz', summary: { changed: ['email', 'phone'] } });
  expect(audit.page[1]!.summary).toMatchObject({ created: true, changed: ['name', 'email'] });
  expect((await t.run(async (ctx) => await ctx.db.query('users').collect())).length).toBe(1);
});

test('saveProfile refuses invalid input and unknown ids', async () => {
  const t = newTest();
  await expect(t.mutation(api.users.saveProfile, { name: 'A' })).rejects.toThrow(/name/);
  await expect(t.mutation(api.users.saveProfile, { name: 'Ayşe', email: 'ayse-at-example' })).rejects.toThrow(/e-mail/);
  const id = await t.mutation(api.users.saveProfile, { name: 'Ayşe' });
  await t.run(async (ctx) => await ctx.db.delete(id));
  await expect(t.mutation(api.users.saveProfile, { name: 'Ayşe', id })).rejects.toThrow(/no such user/);
});

test('an action sees the acting user through staffAction', async () => {
  const t = newTest();
  const id = await t.mutation(api.users.saveProfile, { name: 'Ayşe Yılmaz' });
  const runId = await t.mutation(api.imports.startRun, { collection: 'donations', mode: 'insert', fileName: 'x.csv', actingUserId: id });
  const result = await t.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows: [], actingUserId: id });
  expect(result).toEqual({ batchIndex: 0, results: [], counts: { inserted: 0, updated: 0, unchanged: 0, conflict: 0, failed: 0 } });
});
