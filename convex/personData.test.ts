// A person's access export: every section found by its index, nobody else's data, the export audited.
import { describe, expect, test } from 'vitest';
import { completeTcKimlik } from '../shared/domain';
import { api } from './_generated/api';
import { asUser, newTest } from './convexTest.test-util';

const TC = '17291716060';
const OTHER = completeTcKimlik('284519372');

describe('person export', () => {
  test('gathers records, donations, consents, messages, history, views and requests of one person, and is audited', async () => {
    const t = newTest();
    const clerk = await asUser(t, 'personel', { name: 'Ayşe Öztürk' });
    const saved = await clerk.as.mutation(api.records.create, {
      collection: 'beneficiaries',
      values: { fullName: 'Zeynep Yılmaz', nationalId: TC, phone: '+905321234567', email: 'zeynep@example.org', city: 'İstanbul' },
    });
    expect(saved).toEqual(expect.objectContaining({ ok: true }));
    const recordId = (saved as { id: string }).id;
    await clerk.as.mutation(api.records.create, { collection: 'beneficiaries', values: { fullName: 'Başka Biri', nationalId: OTHER, phone: '+905551112233' } });
    for (const [receiptNo, donor] of [['M-1', TC], ['M-2', TC], ['M-3', OTHER]] as const) {
      const d = await clerk.as.mutation(api.records.create, {
        collection: 'donations',
        values: { receiptNo, donorName: 'Bağışçı', amount: 100, currency: 'TRY', date: '2026-01-05', donorNationalId: donor },
      });
      expect(d).toEqual(expect.objectContaining({ ok: true }));
    }
    await clerk.as.mutation(api.records.open, { collection: 'beneficiaries', id: recordId });
    await clerk.as.mutation(api.consents.record, { nationalId: TC, purpose: 'sms', noticeVersion: 'v1', givenAt: Date.now() - 1000, method: 'paper' });
    await clerk.as.mutation(api.consents.record, { nationalId: OTHER, purpose: 'sms', noticeVersion: 'v1', givenAt: Date.now() - 1000, method: 'paper' });
    await t.run(async (ctx) => {
      for (const destination of ['+905321234567', 'zeynep@example.org', '+905551112233']) {
        await ctx.db.insert('deliveries', {
          channel: destination.includes('@') ? 'email' : 'sms', destination, template: 'campaign', payload: { body: 'Ramazan kolisi' },
          state: 'sent', attempts: 1, nextAttemptAt: 0, createdAt: 1, updatedAt: 1,
        });
      }
    });
    await clerk.as.mutation(api.dataRequests.create, {
      subjectName: 'Zeynep Yılmaz', subjectNationalId: TC, type: 'access', channel: 'paper', receivedAt: Date.now(), identityCheck: 'Kimlik görüldü', assigneeId: clerk.userId,
    });

    const data = await clerk.as.mutation(api.personData.exportPerson, { nationalId: TC, via: 'cli' });
    expect(data.beneficiaries.map((b) => b.fullName)).toEqual(['Zeynep Yılmaz']);
    expect(data.donations.map((d) => d.receiptNo).sort()).toEqual(['M-1', 'M-2']);
    expect(data.consents.map((c) => c.subjectKey)).toEqual([`tc:${TC}`]);
    expect(data.messages.map((m) => m.destination).sort()).toEqual(['+905321234567', 'zeynep@example.org']);
    expect(data.history.map((h) => h.kind)).toEqual(['create']);
    expect(data.views).toEqual([expect.objectContaining({ recordId, viewer: 'Ayşe Öztürk' })]);
    expect(data.requests.map((r) => r.events.map((e) => e.kind))).toEqual([['intake']]);
    expect(data.truncated).toEqual([]);

    const audit = await t.run(async (ctx) => (await ctx.db.query('auditLogs').withIndex('by_action', (q) => q.eq('action', 'person_export')).collect()));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorName: 'Ayşe Öztürk', summary: { via: 'cli', recordIds: [recordId], counts: { donations: 2, messages: 2, consents: 1 } } });
    expect(JSON.stringify(audit[0]!.summary)).not.toContain(TC);
  });

  test('refuses an invalid TC Kimlik No and an observer', async () => {
    const t = newTest();
    const clerk = await asUser(t, 'personel');
    await expect(clerk.as.mutation(api.personData.exportPerson, { nationalId: '12345678901', via: 'app' })).rejects.toThrow(/TC Kimlik/);
    const observer = await asUser(t, 'gozlemci');
    await expect(observer.as.mutation(api.personData.exportPerson, { nationalId: TC, via: 'app' })).rejects.toThrow(/personel/);
  });
});
