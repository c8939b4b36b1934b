// The export, count, campaign and search paths against 40,000 beneficiaries, with convex-test
// enforcing a real deployment's per-transaction limits (convexTest.test-util.ts). The data is built so the
// worst filter combinations bite: almost every row shares city, category and status and one
// name, so any read that narrowed by one field and filtered the rest, or searched "mehmet"
// without a bound, would pass 32,000 documents or 1,024 search results. One data set serves the
// whole file: convex-test scans the table on every lookup, so seeding is the expensive part.
import { beforeAll, describe, expect, test } from 'vitest';
import { COLLECTIONS, SPECS } from '../shared/domain';
import { api, internal } from './_generated/api';
import { newRecordDoc } from './lib/recordDocs';
import { assessRow, MATCH_LIMIT } from './lib/importBatch';
import { MAX_PAGE_ROWS } from './lib/readBudget';
import { COUNT_CAP, EQUALITY_FILTERS, indexFor, SEARCH_CAP } from './lib/recordQueries';
import schema from './schema';
import { exportPages, grantConsents, signedInTest } from './convexTest.test-util';

const TOTAL = 40_000;
const CHUNK = 4_000; // inserts per transaction, well under 16,000 documents written
const START = Date.parse('2025-01-01T00:00:00+03:00');
const MINUTE = 60_000; // one record a minute: 2025-01-01 … 2025-01-28
// Needles spread over the whole date range, so a date range does not narrow them either.
const PASSIVE = (i: number) => i % 2_000 === 1_999; // İstanbul, yasli, pasif
const IGDIR = (i: number) => i % 2_000 === 999; // Iğdır, yasli, aktif, with e-mail
const NEEDLES = TOTAL / 2_000;

const phoneOf = (i: number) => `+90532${String(1_000_000 + i)}`;

function beneficiary(i: number) {
  const base = { nationalId: String(10_000_000_000 + i), householdSize: 3, category: 'yasli' };
  if (PASSIVE(i)) return { ...base, fullName: `Ali Pasif ${i}`, city: 'İstanbul', status: 'pasif' };
  if (IGDIR(i)) return { ...base, fullName: `Zeynep Kaya ${i}`, city: 'Iğdır', status: 'aktif', email: `zeynep${i}@example.org`, birthDate: '1990-09-09' };
  // 38,000 people of one name and birth date: a fallback match on them must stay bounded.
  return { ...base, fullName: 'Mehmet Demir', city: 'İstanbul', status: 'aktif', phone: phoneOf(i), birthDate: '1980-05-05' };
}

type T = Awaited<ReturnType<typeof signedInTest>>;
let t: T;

beforeAll(async () => {
  t = await signedInTest();
  for (let start = 0; start < TOTAL; start += CHUNK) {
    await t.run(async (ctx) => {
      for (let i = start; i < start + CHUNK; i++) {
        await ctx.db.insert('beneficiaries', newRecordDoc('beneficiaries', beneficiary(i), START + i * MINUTE) as never);
      }
    });
  }
  // The Iğdır needles agreed to e-mail; nobody else agreed to anything.
  await grantConsents(t, Array.from({ length: TOTAL }, (_, i) => i).filter(IGDIR).map((i) => `tc:${beneficiary(i).nationalId}`), ['email']);
}, 120_000);

type Filters = { city?: string; category?: string; status?: string; from?: string; to?: string };
const WHOLE_RANGE = { from: '2025-01-01', to: '2025-01-31' };

const exportAll = (filters: Filters, numItems: number) => exportPages(t, 'beneficiaries', filters, numItems);

describe('within the transaction limits at 40,000 rows', () => {
  test('the test engine enforces them: reading the whole table in one transaction fails', async () => {
    await expect(t.run(async (ctx) => await ctx.db.query('beneficiaries').collect())).rejects.toThrow(/too many documents/);
  });

  test('every filter combination the pages offer has an index of exactly those fields and the date', () => {
    for (const collection of COLLECTIONS) {
      const dateField = SPECS[collection].dateField ?? 'createdAt';
      const table = schema.tables[collection] as unknown as { ' indexes'(): { indexDescriptor: string; fields: string[] }[] };
      const declared = new Map(table[' indexes']().map((i) => [i.indexDescriptor, i.fields]));
      const fields: readonly string[] = EQUALITY_FILTERS[collection];
      for (let mask = 0; mask < 1 << fields.length; mask++) {
        const used = fields.filter((_, bit) => mask & (1 << bit));
        expect(declared.get(indexFor(used)), `${collection}: ${used.join('+') || 'no filter'}`).toEqual([...used, dateField]);
      }
    }
  });

  test('counts stop at their budget and say so; narrow filters count exactly', async () => {
    const all = await t.query(api.exports.count, { collection: 'beneficiaries' });
    expect(all.capped).toBe(true);
    expect(all.count).toBeGreaterThan(0);
    expect(all.count).toBeLessThanOrEqual(COUNT_CAP);
    expect(await t.query(api.exports.count, { collection: 'beneficiaries', city: 'İstanbul', category: 'yasli', status: 'pasif', ...WHOLE_RANGE })).toEqual({
      count: NEEDLES,
      capped: false,
    });
    expect(await t.query(api.exports.count, { collection: 'beneficiaries', category: 'yasli', status: 'pasif' })).toEqual({ count: NEEDLES, capped: false });
    expect((await t.query(internal.records.count, { collection: 'beneficiaries', status: 'aktif', ...WHOLE_RANGE })).capped).toBe(true);
    expect(await t.query(internal.records.count, { collection: 'beneficiaries', status: 'pasif' })).toEqual({ count: NEEDLES, capped: false });
  });

  test('an export of three filters and a date range reads only its rows; a whole-table export pages to the end', async () => {
    const needles = await exportAll({ city: 'İstanbul', category: 'yasli', status: 'pasif', ...WHOLE_RANGE }, 1_000);
    expect(needles).toHaveLength(NEEDLES);
    expect(needles.every((r) => r.status === 'pasif')).toBe(true);
    const igdir = await exportAll({ city: 'Iğdır', status: 'aktif', from: '2025-01-15' }, 1_000);
    expect(igdir.length).toBeGreaterThan(0);
    expect(igdir.length).toBeLessThan(NEEDLES);
    const everything = await exportAll({}, MAX_PAGE_ROWS);
    expect(everything).toHaveLength(TOTAL);
  }, 60_000);

  test('campaign preview is capped on a huge audience and exact on a narrow one; enqueue reaches the narrow one', async () => {
    const broad = await t.query(api.outbox.previewCampaign, { audience: 'beneficiaries', filters: {} });
    expect(broad.capped).toBe(true);
    const narrow = await t.query(api.outbox.previewCampaign, {
      audience: 'beneficiaries',
      filters: { city: 'Iğdır', category: 'yasli', status: 'aktif', ...WHOLE_RANGE },
      channel: 'email',
    });
    expect(narrow).toMatchObject({ count: NEEDLES, capped: false, reachable: { email: NEEDLES, sms: 0 } });
    expect(narrow.consent).toEqual({ channel: 'email', leftOut: 0, sendable: NEEDLES, capped: false });

    const campaignId = await t.mutation(api.outbox.startCampaign, {
      audience: 'beneficiaries',
      filters: { city: 'Iğdır', category: 'yasli', status: 'aktif' },
      channel: 'email',
      template: 'notification',
      locale: 'tr',
      title: 'Kış yardımı',
      body: 'Başvurunuz alındı.',
    });
    const r = await t.mutation(api.outbox.enqueueCampaign, { campaignId, paginationOpts: { cursor: null, numItems: 500 } });
    expect(r).toMatchObject({ enqueued: NEEDLES, isDone: true, status: 'enqueued' });
  }, 60_000);

  test('rows without a TC Kimlik No match by name + phone or birth date among 38,000 namesakes, each reading at most 10 documents', async () => {
    const keyless = (rowNumber: number, values: Record<string, string>) => ({ rowNumber, values });
    const rows = [
      keyless(2, { fullName: 'MEHMET DEMİR', phone: phoneOf(17) }),
      keyless(3, { fullName: 'Zeynep Kaya 999', birthDate: '1990-09-09' }),
      keyless(4, { fullName: 'Demir Mehmet', birthDate: '1980-05-05' }),
      // The worst case: a namesake by birth date and by phone (a few rows: convex-test scans the
      // table for each lookup, so a full 500-row comparison here would cost minutes).
      keyless(5, { fullName: 'Mehmet Demir', birthDate: '1980-05-05', phone: phoneOf(20) }),
    ];
    const labels = await t.query(api.imports.compareRows, { collection: 'beneficiaries', mode: 'upsert', rows });
    expect(labels[0]).toMatchObject({ action: 'unchanged', matchedBy: 'namePhone', expected: { phone: phoneOf(17) } });
    expect(labels[1]).toMatchObject({ action: 'unchanged', matchedBy: 'nameBirthDate' });
    // Thousands match: the error says "5+" and names the five it read, never picks one.
    expect(labels[2]!.errors).toEqual([{ field: 'nationalId', code: 'ambiguous_match', params: { count: MATCH_LIMIT, more: 1, records: expect.stringContaining('Mehmet Demir (TC …') } }]);
    expect(labels.slice(3).every((r) => r.action === 'invalid' && r.errors![0]!.code === 'ambiguous_match')).toBe(true);

    // Documents read per row, counted on the queries the lookup runs.
    const reads = await t.run(async (ctx) => {
      let read = 0;
      const counting = {
        query: (table: string) => ({
          withIndex: (index: string, range: never) => ({
            take: async (n: number) => {
              const docs = await (ctx.db.query(table as 'beneficiaries').withIndex(index as 'by_nameKey_phone', range) as { take(n: number): Promise<unknown[]> }).take(n);
              read += docs.length;
              return docs;
            },
          }),
        }),
      };
      const perRow: number[] = [];
      for (const row of [rows[0]!, rows[2]!, rows[3]!]) {
        read = 0;
        await assessRow(counting as never, 'beneficiaries', 'upsert', row, new Map());
        perRow.push(read);
      }
      return perRow;
    });
    expect(reads).toEqual([1, MATCH_LIMIT, MATCH_LIMIT + 1]);
  }, 60_000);

  test('a search past the shown results, or with a date filter, asks to narrow it instead of failing', async () => {
    const list = (search: string, cursor: string | null, extra: Filters = {}) =>
      t.mutation(api.records.list, { collection: 'beneficiaries', search, ...extra, paginationOpts: { cursor, numItems: 25 } });
    const first = await list('mehmet', null);
    expect(first).toMatchObject({ isDone: false, searchCapped: false });
    expect(first.page).toHaveLength(25);
    const last = await list('mehmet', String(SEARCH_CAP - 10));
    expect(last).toMatchObject({ isDone: true, searchCapped: true });
    expect(last.page).toHaveLength(10);
    // "mehmet" in the last week: more matches than one search can read, so it asks to narrow.
    const dated = await list('mehmet', null, { from: '2025-01-21', to: '2025-01-28' });
    expect(dated).toMatchObject({ isDone: true, searchCapped: true });
    // A search with few matches is complete, date filter included.
    const zeynep = await list('zeynep', null, WHOLE_RANGE);
    expect(zeynep).toMatchObject({ isDone: true, searchCapped: false });
    expect(zeynep.page).toHaveLength(NEEDLES);
  });
});
