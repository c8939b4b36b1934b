// Issue #24: correcting, adding, deleting and restoring a record, its history (by hand, by an
// import run and its undo), and a person's donations, on a deployment with the transaction limits.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { api, internal } from './_generated/api';
import { completeTcKimlik } from '../shared/domain';
import { RESTORE_WINDOW_MS } from '../shared/domain/vocabularies';
import { newRecordDoc } from './lib/recordDocs';
import { asUser, exportPages, newTest, type TestConvex } from './convexTest.test-util';

const FATMA_TC = completeTcKimlik('416273859');

afterEach(() => {
  vi.useRealTimers();
});

async function withDemo() {
  const t = newTest();
  await t.mutation(internal.demo.seed, {});
  const fatmaId = await t.run(async (ctx) => (await ctx.db.query('beneficiaries').withIndex('by_nationalId', (q) => q.eq('nationalId', FATMA_TC)).first())!._id);
  return { t, fatmaId: String(fatmaId) };
}

type Caller = Awaited<ReturnType<typeof asUser>>['as'];

async function opened(as: Caller, id: string, collection: 'beneficiaries' | 'donations' = 'beneficiaries') {
  const o = await as.mutation(api.records.open, { collection, id });
  if (o?.state !== 'live') throw new Error('expected a live record');
  return o;
}

async function historyOf(as: Caller, key: string, collection: 'beneficiaries' | 'donations' = 'beneficiaries') {
  return (await as.query(api.records.history, { collection, key, paginationOpts: { numItems: 50, cursor: null } })).page;
}

const stored = (t: TestConvex, id: string) => t.run(async (ctx) => await ctx.db.get(ctx.db.normalizeId('beneficiaries', id)!));

describe('correcting a record', () => {
  test('staff change a phone; the history names them with the field before and after', async () => {
    const { t, fatmaId } = await withDemo();
    const staff = await asUser(t, 'personel', { name: 'Mehmet Kara' });
    const o = await opened(staff.as, fatmaId);
    expect(o.record).toMatchObject({ fullName: 'Fatma Şahin', birthDate: '1948-03-02', phone: '+905000000003' });
    const saved = await staff.as.mutation(api.records.update, {
      collection: 'beneficiaries', id: fatmaId, values: { phone: '+905327654321' }, expectedUpdatedAt: o.record.updatedAt,
    });
    expect(saved).toMatchObject({ ok: true, record: { phone: '+905327654321' } });
    const [entry] = await historyOf(staff.as, o.historyKey);
    expect(entry).toMatchObject({ kind: 'edit', actorName: 'Mehmet Kara', changes: [{ field: 'phone', before: '+905000000003', after: '+905327654321' }] });
    expect((await stored(t, fatmaId))!.searchText).toContain('905327654321');
  });

  test('the import’s rules: a TC Kimlik No failing its checksum is refused and nothing is saved', async () => {
    const { t, fatmaId } = await withDemo();
    const staff = await asUser(t, 'personel');
    const o = await opened(staff.as, fatmaId);
    const before = await stored(t, fatmaId);
    const res = await staff.as.mutation(api.records.update, {
      collection: 'beneficiaries', id: fatmaId, values: { nationalId: '12345678901', phone: '+905327654321' }, expectedUpdatedAt: o.record.updatedAt,
    });
    expect(res).toEqual({ ok: false, reason: 'invalid', errors: [{ field: 'nationalId', code: 'checksum' }] });
    expect(await stored(t, fatmaId)).toEqual(before);
    expect(await historyOf(staff.as, o.historyKey)).toEqual([]);
    // Other rules the import applies, and a required field emptied.
    const bad = await staff.as.mutation(api.records.update, {
      collection: 'beneficiaries', id: fatmaId, values: { fullName: null, phone: '12', city: 'Atlantis' }, expectedUpdatedAt: o.record.updatedAt,
    });
    expect(bad.ok === false && bad.reason === 'invalid' && bad.errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      'city:unknown_value', 'fullName:required', 'phone:invalid_format',
    ]);
  });

  test('an observer’s edit, add, delete or restore is refused by the server', async () => {
    const { t, fatmaId } = await withDemo();
    const observer = await asUser(t, 'gozlemci');
    const o = await opened(observer.as, fatmaId);
    await expect(observer.as.mutation(api.records.update, { collection: 'beneficiaries', id: fatmaId, values: { phone: '+905327654321' }, expectedUpdatedAt: o.record.updatedAt })).rejects.toThrow(/personel/);
    await expect(observer.as.mutation(api.records.create, { collection: 'beneficiaries', values: { fullName: 'Yeni Kişi', nationalId: completeTcKimlik('777888999') } })).rejects.toThrow(/personel/);
    const staff = await asUser(t, 'personel');
    await expect(staff.as.mutation(api.records.remove, { collection: 'beneficiaries', id: fatmaId, reason: 'mükerrer' })).rejects.toThrow(/yonetici/);
    expect((await stored(t, fatmaId))!.phone).toBe('+905000000003');
  });

  test('two sessions edit the same record: the second save is refused, shows the first change and overwrites nothing', async () => {
    const { t, fatmaId } = await withDemo();
    const a = await asUser(t, 'personel', { name: 'Ayşe Birinci' });
    const b = await asUser(t, 'yonetici', { name: 'Burak İkinci' });
    const openedA = await opened(a.as, fatmaId);
    const openedB = await opened(b.as, fatmaId);
    expect(await a.as.mutation(api.records.update, { collection: 'beneficiaries', id: fatmaId, values: { phone: '+905327654321' }, expectedUpdatedAt: openedA.record.updatedAt })).toMatchObject({ ok: true });
    const second = await b.as.mutation(api.records.update, { collection: 'beneficiaries', id: fatmaId, values: { phone: '+905551112233', district: 'Osmangazi' }, expectedUpdatedAt: openedB.record.updatedAt });
    expect(second).toMatchObject({
      ok: false,
      reason: 'changed',
      changes: [{ kind: 'edit', actorName: 'Ayşe Birinci', changes: [{ field: 'phone', before: '+905000000003', after: '+905327654321' }] }],
    });
    expect(await stored(t, fatmaId)).toMatchObject({ phone: '+905327654321' });
    expect((await stored(t, fatmaId))!.district).toBeUndefined();
    // Reopened, the second person's save goes through.
    const again = await opened(b.as, fatmaId);
    expect(await b.as.mutation(api.records.update, { collection: 'beneficiaries', id: fatmaId, values: { district: 'Osmangazi' }, expectedUpdatedAt: again.record.updatedAt })).toMatchObject({ ok: true });
  });

  test('a natural key another record holds is refused with that record’s id', async () => {
    const { t, fatmaId } = await withDemo();
    const staff = await asUser(t, 'personel');
    const mehmetTc = completeTcKimlik('172917160');
    const mehmet = await t.run(async (ctx) => (await ctx.db.query('beneficiaries').withIndex('by_nationalId', (q) => q.eq('nationalId', mehmetTc)).first())!._id);
    const o = await opened(staff.as, fatmaId);
    expect(await staff.as.mutation(api.records.update, { collection: 'beneficiaries', id: fatmaId, values: { nationalId: mehmetTc }, expectedUpdatedAt: o.record.updatedAt })).toEqual({
      ok: false, reason: 'duplicate', field: 'nationalId', id: mehmet,
    });
    expect(await staff.as.mutation(api.records.create, { collection: 'beneficiaries', values: { fullName: 'Başka Biri', nationalId: mehmetTc } })).toEqual({
      ok: false, reason: 'duplicate', field: 'nationalId', id: mehmet,
    });
  });

  test('staff add a record by hand with the spec defaults and a history entry', async () => {
    const { t } = await withDemo();
    const staff = await asUser(t, 'personel', { name: 'Mehmet Kara' });
    const tc = completeTcKimlik('777888999');
    const res = await staff.as.mutation(api.records.create, { collection: 'beneficiaries', values: { fullName: 'Yeni Kişi', nationalId: tc, city: 'Kars' } });
    if (!res.ok) throw new Error(JSON.stringify(res));
    expect(res.record).toMatchObject({ fullName: 'Yeni Kişi', nationalId: tc, status: 'aktif' });
    const [entry] = await historyOf(staff.as, res.id);
    expect(entry).toMatchObject({ kind: 'create', actorName: 'Mehmet Kara' });
    expect(entry!.changes.map((c) => c.field)).toEqual(['fullName', 'nationalId', 'city', 'status']);
    const invalid = await staff.as.mutation(api.records.create, { collection: 'beneficiaries', values: { fullName: 'X' } });
    expect(invalid).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

describe('deleting and restoring', () => {
  test('an administrator deletes with a reason: gone from lists and exports, restorable, audited, then purged after 30 days', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T09:00:00Z'));
    const { t, fatmaId } = await withDemo();
    const admin = await asUser(t, 'yonetici', { name: 'Yönetici Bir' });
    const o = await opened(admin.as, fatmaId);
    const other = await admin.as.mutation(api.records.create, { collection: 'beneficiaries', values: { fullName: 'Kalan Kişi', nationalId: completeTcKimlik('777888999') } });
    await expect(admin.as.mutation(api.records.remove, { collection: 'beneficiaries', id: fatmaId, reason: '  ' })).rejects.toThrow(/reason/);
    await admin.as.mutation(api.records.remove, { collection: 'beneficiaries', id: fatmaId, reason: 'Mükerrer kayıt' });
    const listed = (await admin.as.mutation(api.records.list, { collection: 'beneficiaries', paginationOpts: { numItems: 50, cursor: null } })).page;
    expect(listed.map((r) => r.fullName)).not.toContain('Fatma Şahin');
    expect((await exportPages(admin.as, 'beneficiaries', {}, 50)).map((r) => r.fullName)).not.toContain('Fatma Şahin');
    expect(await admin.as.mutation(api.records.open, { collection: 'beneficiaries', id: fatmaId })).toMatchObject({
      state: 'deleted', actorName: 'Yönetici Bir', reason: 'Mükerrer kayıt', restorableUntil: Date.now() + RESTORE_WINDOW_MS,
    });
    const audit = await t.run(async (ctx) => (await ctx.db.query('auditLogs').collect()).filter((e) => e.action === 'record_delete'));
    expect(audit.map((e) => [e.actorName, e.summary.reason])).toEqual([['Yönetici Bir', 'Mükerrer kayıt']]);

    const restored = await admin.as.mutation(api.records.restore, { collection: 'beneficiaries', id: fatmaId });
    if (!restored.ok) throw new Error(JSON.stringify(restored));
    expect(restored.record).toMatchObject({ fullName: 'Fatma Şahin', birthDate: '1948-03-02' });
    const back = await opened(admin.as, restored.id);
    expect(back.historyKey).toBe(o.historyKey);
    expect((await historyOf(admin.as, back.historyKey)).map((e) => [e.kind, e.reason])).toEqual([['restore', undefined], ['delete', 'Mükerrer kayıt']]);

    // Deleted again; 30 days later the daily purge removes it and its history, and nothing else.
    await admin.as.mutation(api.records.remove, { collection: 'beneficiaries', id: restored.id, reason: 'Taşındı' });
    vi.setSystemTime(new Date(Date.now() + RESTORE_WINDOW_MS - 60_000));
    expect(await t.mutation(internal.records.purgeDeleted, {})).toEqual({ purged: 0, more: false });
    vi.setSystemTime(new Date(Date.now() + 120_000));
    expect(await t.mutation(internal.records.purgeDeleted, {})).toEqual({ purged: 1, more: false });
    const later = await asUser(t, 'yonetici');
    expect(await later.as.mutation(api.records.open, { collection: 'beneficiaries', id: restored.id })).toBeNull();
    expect(await historyOf(later.as, o.historyKey)).toEqual([]);
    expect(other.ok && (await historyOf(later.as, other.id)).map((e) => e.kind)).toEqual(['create']);
  });

  test('the purge goes on past one call with the same cutoff', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T09:00:00Z'));
    const t = newTest();
    await t.run(async (ctx) => {
      for (let i = 0; i < 150; i++) {
        await ctx.db.insert('deletedRecords', {
          collection: 'beneficiaries', recordId: `r${i}`, historyKey: `r${i}`, key: String(i), values: { fullName: `K ${i}` },
          createdAt: 0, deletedAt: Date.now() - RESTORE_WINDOW_MS - 1000 + i, reason: 'x',
        });
      }
    });
    const before = Date.now() - RESTORE_WINDOW_MS;
    expect(await t.mutation(internal.records.purgeDeleted, {})).toEqual({ purged: 100, more: true });
    const scheduled = await t.run(async (ctx) => await ctx.db.system.query('_scheduled_functions').collect());
    expect(scheduled.map((s) => s.args[0])).toEqual([{ before }]);
  });
});

describe('history across an import and its undo', () => {
  test('an upsert over an edited record, then its undo: the edit, the import’s update and the undo, in order', async () => {
    const { t, fatmaId } = await withDemo();
    const staff = await asUser(t, 'personel', { name: 'Mehmet Kara' });
    const o = await opened(staff.as, fatmaId);
    await staff.as.mutation(api.records.update, { collection: 'beneficiaries', id: fatmaId, values: { phone: '+905327654321' }, expectedUpdatedAt: o.record.updatedAt });
    const runId = await staff.as.mutation(api.imports.startRun, { collection: 'beneficiaries', mode: 'upsert', fileName: 'liste.xlsx' });
    await staff.as.action(api.imports.ingestBatch, {
      runId, batchIndex: 0, rows: [{ rowNumber: 2, values: { fullName: 'Fatma Şahin', nationalId: FATMA_TC, phone: '+905441112233', city: 'Bursa' } }],
    });
    await staff.as.mutation(api.imports.finishRun, { runId, status: 'completed' });
    const afterImport = await opened(staff.as, fatmaId);
    expect(afterImport.lastImport).toMatchObject({ runId, fileName: 'liste.xlsx' });
    expect(await staff.as.mutation(api.imports.undoStep, { runId })).toMatchObject({ done: true, counts: { restored: 1 } });
    expect((await stored(t, fatmaId))!.phone).toBe('+905327654321');
    const entries = await historyOf(staff.as, o.historyKey);
    expect(entries.map((e) => [e.kind, e.runId ?? null, e.actorName, e.changes])).toEqual([
      ['undo', runId, 'Mehmet Kara', [{ field: 'phone', before: '+905441112233', after: '+905327654321' }]],
      ['import', runId, 'Mehmet Kara', [{ field: 'phone', before: '+905327654321', after: '+905441112233' }]],
      ['edit', null, 'Mehmet Kara', [{ field: 'phone', before: '+905000000003', after: '+905327654321' }]],
    ]);
  });

  test('an import that creates a record writes its history; undoing it adds an entry and keeps the first', async () => {
    const t = newTest();
    const staff = await asUser(t, 'personel');
    const tc = completeTcKimlik('777888999');
    const runId = await staff.as.mutation(api.imports.startRun, { collection: 'beneficiaries', mode: 'insert', fileName: 'yeni.csv' });
    const res = await staff.as.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows: [{ rowNumber: 2, values: { fullName: 'Yeni Kişi', nationalId: tc } }] });
    await staff.as.mutation(api.imports.finishRun, { runId, status: 'completed' });
    const id = res.results[0]!.id!;
    await staff.as.mutation(api.imports.undoStep, { runId });
    const entries = await historyOf(staff.as, id);
    expect(entries.map((e) => [e.kind, e.changes.find((c) => c.field === 'nationalId')])).toEqual([
      ['undo', { field: 'nationalId', before: tc, after: null }],
      ['import', { field: 'nationalId', before: null, after: tc }],
    ]);
  });

  test('an observer’s history hides what they may not see and masks numbers', async () => {
    const { t, fatmaId } = await withDemo();
    const staff = await asUser(t, 'personel');
    const o = await opened(staff.as, fatmaId);
    await staff.as.mutation(api.records.update, {
      collection: 'beneficiaries', id: fatmaId, values: { phone: '+905327654321', monthlyIncome: 700_000, category: 'engelli' }, expectedUpdatedAt: o.record.updatedAt,
    });
    const observer = await asUser(t, 'gozlemci');
    const [entry] = await historyOf(observer.as, o.historyKey);
    expect(entry!.changes).toEqual([{ field: 'phone', before: '+90********03', after: '+90********21' }]);
  });
});

describe('a person’s donations', () => {
  test('a beneficiary’s page lists donations under the same TC, paged; a donation’s page lists the donor’s others', async () => {
    const { t, fatmaId } = await withDemo();
    const ids = await t.run(async (ctx) => {
      const out = [];
      for (const [i, date] of ['2025-01-05', '2025-02-05', '2025-03-05'].entries()) {
        out.push(await ctx.db.insert('donations', newRecordDoc('donations', {
          receiptNo: `F-${i}`, donorName: 'Fatma Şahin', donorNationalId: FATMA_TC, amount: 1000 * (i + 1), currency: 'TRY', date, status: 'tamamlandi',
        }, Date.now()) as never));
      }
      return out;
    });
    const staff = await asUser(t, 'personel');
    const first = await staff.as.mutation(api.records.donationsOf, { collection: 'beneficiaries', id: fatmaId, paginationOpts: { numItems: 2, cursor: null } });
    expect(first.page.map((d) => d.receiptNo)).toEqual(['F-2', 'F-1']);
    const next = await staff.as.mutation(api.records.donationsOf, { collection: 'beneficiaries', id: fatmaId, paginationOpts: { numItems: 2, cursor: first.continueCursor } });
    expect(next.page.map((d) => d.receiptNo)).toEqual(['F-0']);
    const others = await staff.as.mutation(api.records.donationsOf, { collection: 'donations', id: ids[1]!, paginationOpts: { numItems: 10, cursor: null } });
    expect(others.page.map((d) => d.receiptNo)).toEqual(['F-2', 'F-0']);
    const observer = await asUser(t, 'gozlemci');
    const seen = await observer.as.mutation(api.records.donationsOf, { collection: 'beneficiaries', id: fatmaId, paginationOpts: { numItems: 10, cursor: null } });
    expect(JSON.stringify(seen.page)).not.toContain(FATMA_TC);
  });
});
