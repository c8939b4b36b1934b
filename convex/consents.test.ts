// The consent register: per person and purpose, in force until withdrawn, every change audited.
import { describe, expect, test } from 'vitest';
import { api } from './_generated/api';
import { completeTcKimlik } from '../shared/domain';
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

  test("an import's consent columns: recorded with the run by the one who ran it, counted in its audit, not twice, undone with it", async () => {
    const t = newTest();
    const clerk = await asUser(t, 'personel', { name: 'Ayşe Öztürk' });
    const TC_B = completeTcKimlik('284519372');
    // B already consented to SMS on paper: the file's "yes" leaves that one as it is.
    await clerk.as.mutation(api.consents.record, { ...given, nationalId: TC_B });
    const person = (nationalId: string, fullName: string) => ({ nationalId, fullName, status: 'aktif' });
    const runId = await clerk.as.mutation(api.imports.startRun, { collection: 'beneficiaries', mode: 'upsert', fileName: 'rizalar.csv' });
    const result = await clerk.as.action(api.imports.ingestBatch, {
      runId,
      batchIndex: 0,
      rows: [
        { rowNumber: 2, values: person('17291716060', 'Mehmet Demir'), consent: { purposes: ['sms', 'special'], date: '2025-11-03', method: 'verbal', noticeVersion: 'v3' } },
        { rowNumber: 3, values: person(TC_B, 'Zeynep Kaya'), consent: { purposes: ['sms', 'email'] } },
        // A rejected row records nothing.
        { rowNumber: 4, values: { fullName: 'X' }, consent: { purposes: ['sms'] } },
      ],
    });
    expect(result.counts).toMatchObject({ inserted: 2, failed: 1 });
    await clerk.as.mutation(api.imports.finishRun, { runId, status: 'completed' });

    const a = await clerk.as.query(api.consents.of, { nationalId: '17291716060' });
    expect(a.inForce).toEqual({ sms: true, email: false, special: true });
    expect(a.rows.map((r) => [r.purpose, r.method, r.noticeVersion, r.recordedByName, new Date(r.givenAt).toISOString()]).sort()).toEqual([
      ['sms', 'verbal', 'v3', 'Ayşe Öztürk', '2025-11-03T06:00:00.000Z'],
      ['special', 'verbal', 'v3', 'Ayşe Öztürk', '2025-11-03T06:00:00.000Z'],
    ]);
    const b = await clerk.as.query(api.consents.of, { nationalId: TC_B });
    expect(b.inForce).toEqual({ sms: true, email: true, special: false });
    // Without a method or notice version: paper and "—"; the SMS consent given before is the only SMS row.
    expect(b.rows.map((r) => [r.purpose, r.method, r.noticeVersion]).sort()).toEqual([
      ['email', 'paper', '—'],
      ['sms', 'paper', 'v2026-01'],
    ]);
    const audit = await t.run(async (ctx) => (await ctx.db.query('auditLogs').collect()).filter((e) => e.action === 'import').map((e) => e.summary as Record<string, unknown>));
    expect(audit.at(-1)).toMatchObject({ status: 'completed', consentsRecorded: 3 });

    // A consent date in the future or before the KVKK is refused by the server too.
    const other = await clerk.as.mutation(api.imports.startRun, { collection: 'beneficiaries', mode: 'upsert', fileName: 'ileri.csv' });
    await expect(
      clerk.as.action(api.imports.ingestBatch, { runId: other, batchIndex: 0, rows: [{ rowNumber: 2, values: person(completeTcKimlik('395126481'), 'Ali Veli'), consent: { purposes: ['sms'], date: '2015-01-01' } }] }),
    ).rejects.toThrow(/consentDate/);

    let undo = await clerk.as.mutation(api.imports.undoStep, { runId });
    while (!undo.done) undo = await clerk.as.mutation(api.imports.undoStep, { runId });
    expect(undo.counts).toMatchObject({ deleted: 2, consents: 3 });
    expect((await clerk.as.query(api.consents.of, { nationalId: '17291716060' })).rows).toEqual([]);
    expect((await clerk.as.query(api.consents.of, { nationalId: TC_B })).rows.map((r) => r.purpose)).toEqual(['sms']);
  });
});
