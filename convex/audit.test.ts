import { expect, test } from 'vitest';
import { api, internal } from './_generated/api';
import { newTest } from './test.setup';

test('audit.record appends entries that audit.list pages newest first', async () => {
  const t = newTest();
  const actorId = await t.mutation(api.users.saveProfile, { name: 'Ayşe Yılmaz' });
  await t.mutation(internal.audit.record, {
    action: 'export',
    actorId,
    collection: 'donations',
    summary: { format: 'xlsx', rows: 42, filters: { status: 'tamamlandi' } },
  });
  await t.mutation(internal.audit.record, { action: 'bulk_send', summary: { channel: 'sms', recipients: 3 } });

  const first = await t.query(api.audit.list, { paginationOpts: { numItems: 2, cursor: null } });
  expect(first.page.map((e) => e.action)).toEqual(['bulk_send', 'export']);
  expect(first.page[0]!.actorId).toBeUndefined();
  expect(first.page[1]).toMatchObject({ actorName: 'Ayşe Yılmaz', collection: 'donations', summary: { rows: 42 } });
  const rest = await t.query(api.audit.list, { paginationOpts: { numItems: 2, cursor: first.continueCursor } });
  expect(rest.page.map((e) => e.action)).toEqual(['settings_change']);
  expect(rest.isDone).toBe(true);
});
