// The consent register: per person and purpose, in force until withdrawn, every change audited.
import { describe, expect, test } from 'vitest';
import { api } from './_generated/api';
import { asUser, newTest } from './convexTest.test-util';

const given = { purpose: 'sms' as const, noticeVersion: 'v2026-01', givenAt: Date.UTC(2026, 0, 5), method: 'paper' as const };

describe('consent register', () => {
  test('recorded, in force, withdrawn; keyed by TC Kimlik No or a normalised contact; audited', async () => {
    const t = newTest();
    const clerk = await asUser(t, 'personel', { name: 'Ayşe Öztürk' });
    await clerk.as.mutation(api.consents.record, { ...given, nationalId: '17291716060' });
    await clerk.as.mutation(api.consents.record, { ...given, purpose: 'email', nationalId: '17291716060', method: 'online' });
    let person = await clerk.as.query(api.consents.of, { nationalId: ' 17291716060 ' });
    expect(person.inForce).toEqual({ sms: true, email: true, special: false });
    expect(person.rows.map((r) => [r.purpose, r.recordedByName, r.noticeVersion])).toEqual([
      ['sms', 'Ayşe Öztürk', 'v2026-01'],
      ['email', 'Ayşe Öztürk', 'v2026-01'],
    ]);

    await clerk.as.mutation(api.consents.withdraw, { nationalId: '17291716060', purpose: 'sms' });
    person = await clerk.as.query(api.consents.of, { nationalId: '17291716060' });
    expect(person.inForce.sms).toBe(false);
    expect(person.rows.find((r) => r.purpose === 'sms')).toMatchObject({ withdrawnByName: 'Ayşe Öztürk' });
    await expect(clerk.as.mutation(api.consents.withdraw, { nationalId: '17291716060', purpose: 'sms' })).rejects.toThrow(/No consent in force/);
    // Given again after a withdrawal: in force again.
    await clerk.as.mutation(api.consents.record, { ...given, nationalId: '17291716060', method: 'verbal' });
    expect((await clerk.as.query(api.consents.of, { nationalId: '17291716060' })).inForce.sms).toBe(true);

    // A donor without a TC: their mobile number, however it is written.
    await clerk.as.mutation(api.consents.record, { ...given, contact: '0532 123 45 67' });
    expect((await clerk.as.query(api.consents.of, { contact: '+90 (532) 123-4567' })).inForce.sms).toBe(true);
    expect((await clerk.as.query(api.consents.of, { contact: 'Donor@Example.org' })).inForce.sms).toBe(false);

    await expect(clerk.as.mutation(api.consents.record, { ...given, nationalId: '17291716061' })).rejects.toThrow(/TC Kimlik/);
    await expect(clerk.as.mutation(api.consents.record, { ...given, contact: 'kimse' })).rejects.toThrow(/required/);
    const actions = await t.run(async (ctx) => (await ctx.db.query('auditLogs').collect()).map((e) => e.action));
    expect(actions).toEqual(['consent_record', 'consent_record', 'consent_withdraw', 'consent_record', 'consent_record']);
  });
});
