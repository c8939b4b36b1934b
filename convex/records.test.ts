import { describe, expect, test, vi } from 'vitest';
import { api, internal } from './_generated/api';
import { newRecordDoc } from './lib/recordDocs';
import { completeTcKimlik } from '../shared/domain';
import { asUser, newTest, signedInTest } from './convexTest.test-util';

type T = Awaited<ReturnType<typeof signedInTest>>;

const firstPage = (numItems: number) => ({ numItems, cursor: null });

async function allPages(t: T, args: { collection: 'beneficiaries' | 'donations' | 'financeRecords'; status?: string; from?: string; to?: string }, numItems: number) {
  const pages: string[][] = [];
  let cursor: string | null = null;
  for (;;) {
    const res: { page: { _id: string }[]; isDone: boolean; continueCursor: string } = await t.mutation(api.records.list, {
      ...args,
      paginationOpts: { numItems, cursor },
    });
    pages.push(res.page.map((r) => r._id));
    if (res.isDone) return pages;
    cursor = res.continueCursor;
  }
}

describe('records.list', () => {
  test('pages through a collection newest first without repeats', async () => {
    const t = await signedInTest();
    await t.mutation(internal.demo.seed, {});
    const pages = await allPages(t, { collection: 'beneficiaries' }, 5);
    const ids = pages.flat();
    expect(pages[0]).toHaveLength(5);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    const docs = await t.run(async (ctx) => await ctx.db.query('beneficiaries').collect());
    const byNewest = [...docs].sort((a, b) => b.createdAt - a.createdAt).map((d) => d._id);
    expect(ids).toEqual(byNewest);
  });

  test('returns records without the internal search text', async () => {
    const t = await signedInTest();
    await t.mutation(internal.demo.seed, {});
    const res = await t.mutation(api.records.list, { collection: 'donations', paginationOpts: firstPage(1) });
    expect(res.page[0]).not.toHaveProperty('searchText');
    expect(res.page[0]).toMatchObject({ receiptNo: 'MK-2025-0006', date: '2025-06-06' });
  });

  test('filters by status and by an inclusive date range on the date field', async () => {
    const t = await signedInTest();
    await t.mutation(internal.demo.seed, {});
    const list = async (args: { status?: string; from?: string; to?: string }) =>
      (await t.mutation(api.records.list, { collection: 'donations', ...args, paginationOpts: firstPage(50) })).page.map(
        (d) => d.receiptNo,
      );
    expect(await list({ status: 'beklemede' })).toEqual(['MK-2025-0005']);
    expect(await list({ from: '2025-02-03', to: '2025-03-28' })).toEqual(['MK-2025-0004', 'MK-2025-0003', 'MK-2025-0002']);
    expect(await list({ status: 'tamamlandi', from: '2025-03-01' })).toEqual(['MK-2025-0004', 'MK-2025-0003']);
    expect(await list({ to: '2025-01-15' })).toEqual(['MK-2025-0001']);
    await expect(list({ from: '01.02.2025' })).rejects.toThrow(/yyyy-mm-dd/);
  });

  test('filters beneficiaries by their creation day (Turkish time)', async () => {
    const t = await signedInTest();
    // 2025-03-09T21:30Z is already 10 March in Turkey.
    const stamps = { early: Date.parse('2025-03-09T20:30:00Z'), late: Date.parse('2025-03-09T21:30:00Z') };
    await t.run(async (ctx) => {
      await ctx.db.insert(
        'beneficiaries',
        newRecordDoc('beneficiaries', { fullName: 'Dokuz Mart', nationalId: completeTcKimlik('172917160') }, stamps.early) as never,
      );
      await ctx.db.insert(
        'beneficiaries',
        newRecordDoc('beneficiaries', { fullName: 'On Mart', nationalId: completeTcKimlik('284519372') }, stamps.late) as never,
      );
    });
    const names = async (from: string, to: string) =>
      (await t.mutation(api.records.list, { collection: 'beneficiaries', from, to, paginationOpts: firstPage(10) })).page.map(
        (b) => b.fullName,
      );
    expect(await names('2025-03-09', '2025-03-09')).toEqual(['Dokuz Mart']);
    expect(await names('2025-03-10', '2025-03-10')).toEqual(['On Mart']);
    const c = await t.query(internal.records.count, { collection: 'beneficiaries', status: 'aktif', from: '2025-03-09' });
    expect(c).toEqual({ count: 2, capped: false });
  });

  test('searches names ignoring case and Turkish letters, with status and date filters', async () => {
    const t = await signedInTest();
    await t.mutation(internal.demo.seed, {});
    const search = async (collection: 'beneficiaries' | 'donations' | 'financeRecords', q: string, extra = {}) =>
      (await t.mutation(api.records.list, { collection, search: q, ...extra, paginationOpts: firstPage(20) })).page;
    expect((await search('beneficiaries', 'ayse')).map((b) => b.fullName)).toEqual(['Ayşe Doğan']);
    expect((await search('beneficiaries', 'ÇELİK')).map((b) => b.fullName)).toEqual(['Ali Çelik']);
    expect((await search('beneficiaries', 'Kılıç', { status: 'pasif' })).length).toBe(0);
    expect((await search('donations', 'selin')).map((d) => d.receiptNo)).toEqual(['MK-2025-0002']);
    expect((await search('financeRecords', 'anadolu')).map((f) => f.documentNo)).toEqual(['FT-2025-101']);
    expect((await search('financeRecords', 'kermes')).map((f) => f.documentNo)).toEqual(['FT-2025-103']);
    expect((await search('financeRecords', 'FT', { from: '2025-03-01' })).map((f) => f.documentNo).sort()).toEqual([
      'FT-2025-104',
      'FT-2025-105',
    ]);
    // A search of only punctuation is no search at all.
    expect((await search('donations', ' - ')).length).toBe(6);
  });
});

describe('records.open and records.count', () => {
  test('opens a record by id and answers null for bad or foreign ids', async () => {
    const t = await signedInTest();
    await t.mutation(internal.demo.seed, {});
    const [donation] = (await t.mutation(api.records.list, { collection: 'donations', paginationOpts: firstPage(1) })).page;
    expect(await t.mutation(api.records.open, { collection: 'donations', id: donation!._id })).toMatchObject({
      state: 'live',
      record: { receiptNo: donation!.receiptNo },
    });
    expect(await t.mutation(api.records.open, { collection: 'beneficiaries', id: donation!._id })).toBeNull();
    expect(await t.mutation(api.records.open, { collection: 'donations', id: 'not-an-id' })).toBeNull();
  });

  test('KVKK: opening a beneficiary is audited once per person, record and day', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2025-03-01T09:00:00+03:00'));
      const t = newTest();
      await t.mutation(internal.demo.seed, {});
      const observer = await asUser(t, 'gozlemci', { name: 'Zehra Aksoy' });
      const staff = await asUser(t, 'personel', { name: 'Mehmet Kara' });
      const [a, b] = (await observer.as.mutation(api.records.list, { collection: 'beneficiaries', paginationOpts: firstPage(2) })).page;
      await observer.as.mutation(api.records.open, { collection: 'beneficiaries', id: a!._id });
      await observer.as.mutation(api.records.open, { collection: 'beneficiaries', id: a!._id });
      await observer.as.mutation(api.records.open, { collection: 'beneficiaries', id: b!._id });
      await staff.as.mutation(api.records.open, { collection: 'beneficiaries', id: a!._id });
      vi.setSystemTime(new Date('2025-03-01T23:59:00+03:00'));
      await observer.as.mutation(api.records.open, { collection: 'beneficiaries', id: a!._id }); // same Turkish day
      vi.setSystemTime(new Date('2025-03-02T00:01:00+03:00'));
      await observer.as.mutation(api.records.open, { collection: 'beneficiaries', id: a!._id }); // the next day
      const views = await t.run(async (ctx) => (await ctx.db.query('auditLogs').collect()).filter((e) => e.action === 'record_view'));
      expect(views.map((e) => [e.actorName, (e.summary as { recordId: string }).recordId === a!._id ? 'a' : 'b', (e.summary as { day: string }).day])).toEqual([
        ['Zehra Aksoy', 'a', '2025-03-01'],
        ['Zehra Aksoy', 'b', '2025-03-01'],
        ['Mehmet Kara', 'a', '2025-03-01'],
        ['Zehra Aksoy', 'a', '2025-03-02'],
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  test('counts with the same filters as the list', async () => {
    const t = await signedInTest();
    await t.mutation(internal.demo.seed, {});
    expect(await t.query(internal.records.count, { collection: 'beneficiaries' })).toEqual({ count: 12, capped: false });
    expect(await t.query(internal.records.count, { collection: 'financeRecords', status: 'onaylandi' })).toEqual({
      count: 3,
      capped: false,
    });
    expect(await t.query(internal.records.count, { collection: 'donations', from: '2025-03-01', to: '2025-04-30' })).toEqual({
      count: 3,
      capped: false,
    });
  });
});
