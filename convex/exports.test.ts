import { describe, expect, test } from 'vitest';
import { api, internal } from './_generated/api';
import { signedInTest } from './test.setup';

type T = Awaited<ReturnType<typeof signedInTest>>;
type Collection = 'beneficiaries' | 'donations' | 'financeRecords';
type Filters = { status?: string; from?: string; to?: string; city?: string; category?: string; type?: string };

async function exported(t: T, collection: Collection, filters: Filters, numItems = 3): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  for (;;) {
    const res: { page: Record<string, unknown>[]; isDone: boolean; continueCursor: string } = await t.query(api.exports.list, {
      collection,
      ...filters,
      paginationOpts: { numItems, cursor },
    });
    rows.push(...res.page);
    if (res.isDone) return rows;
    cursor = res.continueCursor;
  }
}

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

describe('exports.recordAudit', () => {
  test('writes one export entry naming the acting user, format, filters, rows and outcome', async () => {
    const t = await seeded();
    const profileId = (await t.query(api.users.me, {})).id;
    await t.mutation(api.exports.recordAudit, {
      collection: 'donations',
      format: 'excel-tr',
      filters: { status: 'tamamlandi' },
      rows: 4,
      status: 'cancelled',
      fileName: 'bagislar.csv',
    });
    const entries = await t.run(async (ctx) => await ctx.db.query('auditLogs').collect());
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'export',
      actorId: profileId,
      actorName: 'Personel Test',
      collection: 'donations',
      summary: { format: 'excel-tr', filters: { status: 'tamamlandi' }, rows: 4, status: 'cancelled', fileName: 'bagislar.csv' },
    });
  });
});
