// Issue #22 item 1: what each role reads of a record, decided on the server, and every list and
// search page audited. The observer here calls the public functions as any Convex client would.
import { describe, expect, test } from 'vitest';
import { api, internal } from './_generated/api';
import { newRecordDoc } from './lib/recordDocs';
import { completeTcKimlik } from '../shared/domain';
import { fieldAccess, maskValue, projectRecord, projectValue, searchableBy } from '../shared/domain/access';
import { hasRole } from '../shared/domain/roles';
import { asUser, newTest, type TestConvex } from './convexTest.test-util';

const IBAN = 'TR330006100519786457841326';
const TC = completeTcKimlik('555666777');
const firstPage = (numItems: number) => ({ numItems, cursor: null });

async function seeded(): Promise<TestConvex> {
  const t = newTest();
  await t.mutation(internal.demo.seed, {});
  await t.run(async (ctx) => {
    await ctx.db.insert(
      'beneficiaries',
      newRecordDoc('beneficiaries', {
        fullName: 'Gizli Kişi', nationalId: TC, phone: '+905321234567', iban: IBAN, email: 'gizli@example.org', birthDate: '1970-01-05',
        city: 'Kars', district: 'Merkez', address: 'Bir adres', monthlyIncome: 100_000, category: 'engelli', notes: 'not', status: 'aktif',
      }, Date.now()) as never,
    );
    await ctx.db.insert(
      'donations',
      newRecordDoc('donations', {
        receiptNo: 'MK-X-1', donorName: 'Gizli Kişi', donorNationalId: TC, donorPhone: '+905321234567', donorEmail: 'gizli@example.org',
        amount: 10_000, currency: 'TRY', date: '2025-05-01', purpose: 'zekat', notes: 'özel', status: 'tamamlandi',
      }, Date.now()) as never,
    );
  });
  return t;
}

/** Every string value of every row, to look for a secret anywhere in an answer. */
const allText = (rows: unknown) => JSON.stringify(rows);

describe('records: each role sees its own projection (issue #22)', () => {
  test('an observer reads names and places, numbers masked, no special categories, income, address or notes', async () => {
    const t = await seeded();
    const observer = await asUser(t, 'gozlemci');
    const page = (await observer.as.mutation(api.records.list, { collection: 'beneficiaries', paginationOpts: firstPage(50) })).page;
    expect(page).toHaveLength(13);
    const secret = page.find((r) => r.fullName === 'Gizli Kişi')!;
    expect(secret).toMatchObject({ fullName: 'Gizli Kişi', city: 'Kars', district: 'Merkez', status: 'aktif' });
    expect(secret.nationalId).toBe(`${TC.slice(0, 3)}******${TC.slice(-2)}`);
    expect(secret.phone).toBe('+90********67');
    expect(secret.iban).toBe(`TR3*********************26`);
    for (const hidden of ['email', 'birthDate', 'address', 'monthlyIncome', 'householdSize', 'category', 'notes', 'searchText']) {
      expect(secret).not.toHaveProperty(hidden);
    }
    const text = allText(page);
    expect(text).not.toContain(TC);
    expect(text).not.toContain('5321234567');
    expect(text).not.toContain(IBAN);
    expect(text).not.toMatch(/engelli|multeci/);

    const opened = await observer.as.mutation(api.records.open, { collection: 'beneficiaries', id: String(secret._id) });
    expect(opened).toMatchObject({ state: 'live', record: secret });

    const donations = (await observer.as.mutation(api.records.list, { collection: 'donations', paginationOpts: firstPage(50) })).page;
    const donation = donations.find((d) => d.receiptNo === 'MK-X-1')!;
    expect(donation).toMatchObject({ donorName: 'Gizli Kişi', amount: 10_000, donorNationalId: `${TC.slice(0, 3)}******${TC.slice(-2)}` });
    // A donation's purpose (zekât, fitre, kurban) tells a religious belief: staff only.
    expect(donations.every((d) => d.purpose === undefined && d.notes === undefined && d.donorEmail === undefined)).toBe(true);
    expect(allText(donations)).not.toContain(TC);
    const finance = (await observer.as.mutation(api.records.list, { collection: 'financeRecords', paginationOpts: firstPage(50) })).page;
    expect(finance.every((f) => f.description === undefined)).toBe(true);
  });

  test('an observer cannot find a person by TC number or phone; by name they can', async () => {
    const t = await seeded();
    const observer = await asUser(t, 'gozlemci');
    const search = async (q: string) =>
      (await observer.as.mutation(api.records.list, { collection: 'beneficiaries', search: q, paginationOpts: firstPage(20) })).page;
    expect(await search(TC)).toEqual([]);
    expect(await search('05321234567')).toEqual([]);
    expect((await search('gizli')).map((r) => r.fullName)).toEqual(['Gizli Kişi']);
    const staff = await asUser(t, 'personel');
    const found = (await staff.as.mutation(api.records.list, { collection: 'beneficiaries', search: TC, paginationOpts: firstPage(20) })).page;
    expect(found.map((r) => r.nationalId)).toEqual([TC]);
  });

  test('staff and administrators read every field', async () => {
    const t = await seeded();
    for (const role of ['personel', 'yonetici'] as const) {
      const caller = await asUser(t, role);
      const page = (await caller.as.mutation(api.records.list, { collection: 'beneficiaries', search: 'gizli', paginationOpts: firstPage(5) })).page;
      expect(page[0]).toMatchObject({ nationalId: TC, phone: '+905321234567', iban: IBAN, category: 'engelli', monthlyIncome: 100_000, notes: 'not' });
    }
  });

  test('every page and search writes one audit row: who, filters or search text, how many rows, which ids', async () => {
    const t = await seeded();
    const observer = await asUser(t, 'gozlemci', { name: 'Zehra Aksoy' });
    const first = await observer.as.mutation(api.records.list, { collection: 'beneficiaries', status: 'aktif', paginationOpts: firstPage(4) });
    await observer.as.mutation(api.records.list, { collection: 'beneficiaries', status: 'aktif', paginationOpts: { numItems: 4, cursor: first.continueCursor } });
    await observer.as.mutation(api.records.list, { collection: 'beneficiaries', search: 'Gizli', paginationOpts: firstPage(10) });
    const rows = await t.run(async (ctx) =>
      (await ctx.db.query('auditLogs').collect()).filter((e) => e.action === 'record_list' || e.action === 'record_search'),
    );
    expect(rows.map((r) => [r.action, r.actorName, r.collection, r.summary.rows])).toEqual([
      ['record_list', 'Zehra Aksoy', 'beneficiaries', 4],
      ['record_list', 'Zehra Aksoy', 'beneficiaries', 4],
      ['record_search', 'Zehra Aksoy', 'beneficiaries', 1],
    ]);
    expect(rows[0]!.summary).toMatchObject({ filters: { status: 'aktif' }, ids: first.page.map((r) => r._id) });
    expect(rows[2]!.summary).toMatchObject({ search: 'Gizli' });
    expect(rows[2]!.summary.ids).toHaveLength(1);
  });

  test('a page holds at most 200 records, whatever the caller asks', async () => {
    const t = newTest();
    await t.run(async (ctx) => {
      for (let i = 0; i < 205; i++) {
        const nationalId = completeTcKimlik(String(100_000_000 + i * 7919));
        await ctx.db.insert('beneficiaries', newRecordDoc('beneficiaries', { fullName: `Kişi ${i}`, nationalId }, 1_000 + i) as never);
      }
    });
    const staff = await asUser(t, 'personel');
    const res = await staff.as.mutation(api.records.list, { collection: 'beneficiaries', paginationOpts: firstPage(8000) });
    expect(res.page).toHaveLength(200);
    expect(res.isDone).toBe(false);
  });
});

describe('the access rule itself (shared/domain/access)', () => {
  test('roles in order: each grants what the weaker ones do and nothing of the stronger', () => {
    expect([hasRole('gozlemci', 'gozlemci'), hasRole('gozlemci', 'personel'), hasRole('gozlemci', 'yonetici')]).toEqual([true, false, false]);
    expect([hasRole('personel', 'gozlemci'), hasRole('personel', 'personel'), hasRole('personel', 'yonetici')]).toEqual([true, true, false]);
    expect([hasRole('yonetici', 'gozlemci'), hasRole('yonetici', 'personel'), hasRole('yonetici', 'yonetici')]).toEqual([true, true, true]);
  });

  test('masking keeps three characters in front and two behind; five or fewer are all stars', () => {
    expect(maskValue('12345678990')).toBe('123******90');
    expect(maskValue('123456')).toBe('123*56');
    expect(maskValue('12345')).toBe('*****');
    expect(maskValue('')).toBe('');
  });

  test("an observer's field by field view of each collection; staff and administrators see all", () => {
    const observer = (collection: 'beneficiaries' | 'donations' | 'financeRecords', fields: string[]) => fields.map((f) => fieldAccess('gozlemci', collection, f));
    expect(observer('beneficiaries', ['fullName', 'city', 'district', 'status', 'nationalId', 'phone', 'iban', 'email', 'category'])).toEqual(
      ['full', 'full', 'full', 'full', 'masked', 'masked', 'masked', 'hidden', 'hidden'],
    );
    expect(observer('donations', ['receiptNo', 'donorName', 'amount', 'currency', 'date', 'method', 'status', 'donorNationalId', 'donorPhone', 'purpose'])).toEqual(
      ['full', 'full', 'full', 'full', 'full', 'full', 'full', 'masked', 'masked', 'hidden'],
    );
    expect(observer('financeRecords', ['documentNo', 'type', 'amount', 'currency', 'date', 'category', 'counterparty', 'status', 'description'])).toEqual(
      ['full', 'full', 'full', 'full', 'full', 'full', 'full', 'full', 'hidden'],
    );
    for (const role of ['personel', 'yonetici'] as const) expect(fieldAccess(role, 'beneficiaries', 'category')).toBe('full');
    expect(searchableBy('gozlemci', 'beneficiaries', ['fullName', 'nationalId', 'phone', 'notes'])).toEqual(['fullName']);
    expect(searchableBy('personel', 'beneficiaries', ['fullName', 'nationalId'])).toEqual(['fullName', 'nationalId']);
  });

  test('a projected record keeps the bookkeeping, drops the search text and the name key, and leaves an empty masked field empty', () => {
    const doc = { _id: 'b1', _creationTime: 1, createdAt: 2, updatedAt: 3, importRunId: 'r1', searchText: 'ali 12345678990', nameKey: 'ali', fullName: 'Ali', nationalId: '12345678990', phone: null, notes: 'x' };
    // Strict: a hidden field is left out, not present as undefined.
    expect(projectRecord('gozlemci', 'beneficiaries', doc)).toStrictEqual({ _id: 'b1', _creationTime: 1, createdAt: 2, updatedAt: 3, importRunId: 'r1', fullName: 'Ali', nationalId: '123******90', phone: null });
    expect(projectRecord('personel', 'beneficiaries', doc)).toStrictEqual({ _id: 'b1', _creationTime: 1, createdAt: 2, updatedAt: 3, importRunId: 'r1', fullName: 'Ali', nationalId: '12345678990', phone: null, notes: 'x' });
    expect(projectValue('gozlemci', 'beneficiaries', 'phone', undefined)).toBeUndefined();
    expect(projectValue('gozlemci', 'donations', 'amount', 0)).toBe(0);
  });
});
