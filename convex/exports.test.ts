import { describe, expect, test } from 'vitest';
import { api, internal } from './_generated/api';
import { asUser, exportPages, newTest, signedInTest, type ExportFilterArgs } from './convexTest.test-util';

type T = Awaited<ReturnType<typeof signedInTest>>;
type Collection = 'beneficiaries' | 'donations' | 'financeRecords';
type Filters = ExportFilterArgs;

const exported = (t: T, collection: Collection, filters: Filters, numItems = 3) => exportPages(t, collection, filters, numItems);

async function seeded(): Promise<T> {
  const t = await signedInTest();
  await t.mutation(internal.demo.seed, {});
  return t;
}

describe('exports.list', () => {
  test('pages through everything oldest first, without the internal search text', async () => {
    const t = await seeded();
    const rows = await exported(t, 'donations', {}, 4);
    expect(rows.map((r) => r.receiptNo)).toEqual([
      'MK-2025-0001',
      'MK-2025-0002',
      'MK-2025-0003',
      'MK-2025-0004',
      'MK-2025-0005',
      'MK-2025-0006',
    ]);
    expect(rows[0]).not.toHaveProperty('searchText');
  });

  test('filters by status and an inclusive date range', async () => {
    const t = await seeded();
    const ids = async (f: Filters) => (await exported(t, 'donations', f)).map((r) => r.receiptNo);
    expect(await ids({ from: '2025-02-03', to: '2025-03-28' })).toEqual(['MK-2025-0002', 'MK-2025-0003', 'MK-2025-0004']);
    expect(await ids({ status: 'tamamlandi', from: '2025-03-01' })).toEqual(['MK-2025-0003', 'MK-2025-0004']);
  });

  test('filters beneficiaries by city and category, together with status', async () => {
    const t = await seeded();
    const names = async (f: Filters) => (await exported(t, 'beneficiaries', f)).map((r) => r.fullName);
    expect(await names({ city: 'Iğdır' })).toEqual(['Hatice Yıldız']);
    expect(await names({ category: 'yasli' })).toEqual(['Mehmet Demir', 'Fatma Şahin', 'Hatice Yıldız']);
    expect(await names({ category: 'yasli', status: 'aktif' })).toEqual(['Mehmet Demir', 'Hatice Yıldız']);
    expect(await names({ city: 'Ankara', category: 'yasli' })).toEqual([]);
  });

  test('filters finance records by type, category and date', async () => {
    const t = await seeded();
    const docs = async (f: Filters) => (await exported(t, 'financeRecords', f)).map((r) => r.documentNo);
    expect(await docs({ type: 'gelir' })).toEqual(['FT-2025-103']);
    expect(await docs({ type: 'gider', from: '2025-02-01', to: '2025-03-05' })).toEqual(['FT-2025-102', 'FT-2025-104']);
    expect(await docs({ type: 'gider', status: 'onaylandi' })).toEqual(['FT-2025-101', 'FT-2025-102']);
    expect(await docs({ category: 'Kira' })).toEqual(['FT-2025-102']);
  });

  test('refuses a filter the collection does not have, and malformed dates', async () => {
    const t = await seeded();
    await expect(exported(t, 'donations', { city: 'Ankara' })).rejects.toThrow(/cannot be filtered by city/);
    await expect(exported(t, 'beneficiaries', { type: 'gelir' })).rejects.toThrow(/cannot be filtered by type/);
    await expect(exported(t, 'donations', { from: '01.02.2025' })).rejects.toThrow(/yyyy-mm-dd/);
  });
});

describe('exports.count', () => {
  test('counts with the same filters as the list', async () => {
    const t = await seeded();
    expect(await t.query(api.exports.count, { collection: 'beneficiaries', category: 'yasli', status: 'aktif' })).toEqual({
      count: 2,
      capped: false,
    });
    expect(await t.query(api.exports.count, { collection: 'financeRecords', type: 'gider' })).toEqual({ count: 4, capped: false });
  });
});

describe('exports.open, list and finish', () => {
  test('opening writes the audit entry; the outcome is a second entry, written once', async () => {
    const base = newTest();
    await base.mutation(internal.demo.seed, {});
    const { as: t, userId: profileId } = await asUser(base, 'personel', { name: 'Ayşe Yılmaz' });
    const exportId = await t.mutation(api.exports.open, {
      collection: 'donations',
      format: 'excel-tr',
      filters: { status: 'tamamlandi' },
      fileName: 'bagislar.csv',
    });
    const entries = async () => await t.run(async (ctx) => await ctx.db.query('auditLogs').collect());
    expect(await entries()).toEqual([
      expect.objectContaining({
        action: 'export',
        actorName: 'Ayşe Yılmaz',
        collection: 'donations',
        summary: { exportId, format: 'excel-tr', filters: { status: 'tamamlandi' }, status: 'started', fileName: 'bagislar.csv' },
      }),
    ]);
    const page = await t.query(api.exports.list, { exportId, paginationOpts: { numItems: 10, cursor: null } });
    expect(page.page).toHaveLength(4);
    // The client's count is reported apart; the entry's count is the server's (4 records match).
    await t.mutation(api.exports.finish, { exportId, rows: 9999, status: 'cancelled' });
    await t.mutation(api.exports.finish, { exportId, rows: 9, status: 'completed' });
    const [, outcome, ...more] = await entries();
    expect(more).toEqual([]);
    expect(outcome).toMatchObject({
      action: 'export',
      actorId: profileId,
      actorName: 'Ayşe Yılmaz',
      summary: { exportId, format: 'excel-tr', filters: { status: 'tamamlandi' }, matchingRows: 4, reportedRows: 9999, status: 'cancelled', fileName: 'bagislar.csv' },
    });
  });

  test('no page without an open export of ones own', async () => {
    const base = newTest();
    await base.mutation(internal.demo.seed, {});
    const { as: t, userId } = await asUser(base, 'personel');
    const { as: other } = await asUser(base, 'personel', { name: 'Başka Biri' });
    const exportId = await t.mutation(api.exports.open, { collection: 'donations', format: 'csv', filters: {}, fileName: 'a.csv' });
    const page = (caller: typeof t) => caller.query(api.exports.list, { exportId, paginationOpts: { numItems: 10, cursor: null } });
    await expect(page(other)).rejects.toMatchObject({ data: { code: 'export_not_open' } });
    await t.mutation(api.exports.finish, { exportId, rows: 0, status: 'completed' });
    await expect(page(t)).rejects.toMatchObject({ data: { code: 'export_not_open' } });
    // A handle of another table is refused by the argument validator.
    await expect(
      t.query(api.exports.list, { exportId: userId as never, paginationOpts: { numItems: 10, cursor: null } }),
    ).rejects.toThrow();
  });

  test('opening refuses filters the collection does not have, so no entry is written', async () => {
    const t = await seeded();
    await expect(
      t.mutation(api.exports.open, { collection: 'donations', format: 'csv', filters: { city: 'Ankara' }, fileName: 'a.csv' }),
    ).rejects.toThrow(/cannot be filtered by city/);
    expect(await t.run(async (ctx) => await ctx.db.query('auditLogs').collect())).toEqual([]);
  });

  test('an anonymised export carries no direct identifier, birth dates as years, and its entries say so', async () => {
    const base = newTest();
    const { as: t } = await asUser(base, 'personel');
    const person = {
      fullName: 'Zeynep Yılmaz', nationalId: '17291716060', phone: '+905321234567', email: 'zeynep@example.org',
      address: 'Atatürk Cad. 12/3', iban: 'TR330006100519786457841326', notes: 'Annesi Ayşe Yılmaz', birthDate: '1980-04-23',
      city: 'Kars', district: 'Sarıkamış', householdSize: 4, monthlyIncome: 900_000, category: 'yasli', status: 'aktif',
    };
    await base.run(async (ctx) => {
      await ctx.db.insert('beneficiaries', { ...person, createdAt: 1, updatedAt: 1, searchText: 'zeynep yilmaz' });
      await ctx.db.insert('donations', {
        receiptNo: 'MK-2026-0042', donorName: 'Zeynep Yılmaz', donorNationalId: '17291716060', donorPhone: '+905321234567', donorEmail: 'zeynep@example.org',
        amount: 50_000, currency: 'TRY', date: '2026-01-05', purpose: 'zekat', status: 'tamamlandi', createdAt: 1, updatedAt: 1, searchText: 'zeynep',
      });
    });
    const identifiers = ['Zeynep', 'Yılmaz', '17291716060', '905321234567', 'zeynep@example.org', 'Atatürk', 'TR330006100519786457841326', '1980-04-23', 'MK-2026-0042'];
    const rows: Record<string, unknown>[] = [];
    for (const collection of ['beneficiaries', 'donations'] as const) {
      const exportId = await t.mutation(api.exports.open, { collection, format: 'json', filters: {}, fileName: 'istatistik.json', anonymised: true });
      const { page } = await t.query(api.exports.list, { exportId, paginationOpts: { numItems: 10, cursor: null } });
      expect(page).toHaveLength(1);
      const text = JSON.stringify(page);
      for (const id of identifiers) expect([collection, id, text.includes(id)]).toEqual([collection, id, false]);
      rows.push(page[0]!);
      await t.mutation(api.exports.finish, { exportId, rows: 1, status: 'completed' });
    }
    const [beneficiaries, donations] = rows;
    expect(beneficiaries).toEqual({ birthDate: 1980, city: 'Kars', district: 'Sarıkamış', householdSize: 4, monthlyIncome: 900_000, category: 'yasli', status: 'aktif' });
    expect(donations).toEqual({ amount: 50_000, currency: 'TRY', date: '2026-01-05', purpose: 'zekat', status: 'tamamlandi' });
    const entries = await t.run(async (ctx) => (await ctx.db.query('auditLogs').withIndex('by_action', (q) => q.eq('action', 'export')).collect()).map((e) => e.summary as { anonymised?: boolean; status: string }));
    expect(entries.map((e) => [e.status, e.anonymised])).toEqual([['started', true], ['completed', true], ['started', true], ['completed', true]]);
  });
});
