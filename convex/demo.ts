// A small, realistic demo data set for the web demo and the CLI's memory backend. Every record
// goes through the same domain check as an import, so the demo never shows data the importer
// would refuse. Contacts cannot reach anyone: e-mail only at example.org (reserved by RFC 2606),
// phones in 0500 000 00 xx — Turkey reserves no mobile numbers for fiction, so these are made up
// to look it; and demo data is only ever sent with messaging set up in that same session.
import { ConvexError } from 'convex/values';
import { checkRecord, completeTcKimlik } from '../shared/domain';
import type { CollectionName, StoredValue } from '../shared/domain/types';
import type { Id } from './_generated/dataModel';
import { internalMutation, type MutationCtx } from './_generated/server';
import { looseWriter } from './lib/looseDb';
import { newRecordDoc } from './lib/recordDocs';

type Values = Record<string, StoredValue>;

const DAY_MS = 86_400_000;

const BENEFICIARIES: Values[] = [
  { fullName: 'Mehmet Demir', nationalId: completeTcKimlik('172917160'), phone: '+905000000001', city: 'İstanbul', district: 'Fatih', householdSize: 5, monthlyIncome: 1_250_000, category: 'yasli', status: 'aktif' },
  { fullName: 'Zeynep Kaya', nationalId: completeTcKimlik('284519372'), phone: '+905000000002', city: 'Ankara', district: 'Keçiören', householdSize: 3, monthlyIncome: 900_000, category: 'ogrenci', status: 'aktif', birthDate: '2004-09-17' },
  { fullName: 'Ali Çelik', nationalId: completeTcKimlik('395126481'), city: 'İzmir', district: 'Buca', householdSize: 6, category: 'yetim', status: 'aktif' },
  { fullName: 'Fatma Şahin', nationalId: completeTcKimlik('416273859'), phone: '+905000000003', city: 'Bursa', householdSize: 2, monthlyIncome: 650_000, category: 'yasli', status: 'beklemede', birthDate: '1948-03-02' },
  { fullName: 'Hüseyin Aydın', nationalId: completeTcKimlik('527384916'), city: 'Kars', district: 'Sarıkamış', householdSize: 7, category: 'engelli', status: 'aktif' },
  { fullName: 'Elif Öztürk', nationalId: completeTcKimlik('638495127'), email: 'elif.ozturk@example.org', city: 'Erzurum', householdSize: 4, category: 'ogrenci', status: 'aktif' },
  { fullName: 'Mustafa Arslan', nationalId: completeTcKimlik('749516238'), phone: '+905000000004', city: 'Konya', householdSize: 3, monthlyIncome: 1_500_000, category: 'diger', status: 'pasif' },
  { fullName: 'Ayşe Doğan', nationalId: completeTcKimlik('851627349'), city: 'Gaziantep', district: 'Şahinbey', householdSize: 8, category: 'multeci', status: 'aktif', notes: 'Kira yardımı talebi değerlendiriliyor.' },
  { fullName: 'Yusuf Kılıç', nationalId: completeTcKimlik('962738451'), city: 'Hatay', district: 'Antakya', householdSize: 5, category: 'yetim', status: 'aktif' },
  { fullName: 'Hatice Yıldız', nationalId: completeTcKimlik('123849562'), phone: '+905000000005', city: 'Iğdır', householdSize: 1, monthlyIncome: 400_000, category: 'yasli', status: 'aktif' },
  { fullName: 'Ömer Aksoy', nationalId: completeTcKimlik('234951673'), city: 'Kocaeli', householdSize: 4, category: 'engelli', status: 'beklemede' },
  { fullName: 'Emine Koç', nationalId: completeTcKimlik('346162784'), city: 'Ardahan', householdSize: 6, category: 'ogrenci', status: 'aktif', address: 'Kaptanpaşa Mah. 12. Sok. No: 4' },
];

const DONATIONS: Values[] = [
  { receiptNo: 'MK-2025-0001', donorName: 'Ahmet Yılmaz', amount: 500_000, currency: 'TRY', date: '2025-01-15', method: 'havale', purpose: 'genel', status: 'tamamlandi' },
  { receiptNo: 'MK-2025-0002', donorName: 'Selin Acar', amount: 25_000, currency: 'EUR', date: '2025-02-03', method: 'online', purpose: 'egitim', status: 'tamamlandi' },
  { receiptNo: 'MK-2025-0003', donorName: 'Kafkas Gıda Ltd. Şti.', amount: 2_000_000, currency: 'TRY', date: '2025-03-10', method: 'havale', purpose: 'gida', status: 'tamamlandi' },
  { receiptNo: 'MK-2025-0004', donorName: 'Burak Erdem', amount: 150_000, currency: 'TRY', date: '2025-03-28', method: 'nakit', purpose: 'zekat', status: 'tamamlandi' },
  { receiptNo: 'MK-2025-0005', donorName: 'Derya Polat', amount: 80_000, currency: 'TRY', date: '2025-04-02', method: 'kredi_karti', purpose: 'fitre', status: 'beklemede' },
  { receiptNo: 'MK-2025-0006', donorName: 'Murat Güneş', amount: 1_000_000, currency: 'TRY', date: '2025-06-06', method: 'havale', purpose: 'kurban', status: 'iptal', notes: 'Mükerrer ödeme, iade edildi.' },
];

const FINANCE_RECORDS: Values[] = [
  { documentNo: 'FT-2025-101', type: 'gider', amount: 1_275_050, currency: 'TRY', date: '2025-01-20', category: 'Gıda kolisi', counterparty: 'Anadolu Toptan Gıda', status: 'onaylandi' },
  { documentNo: 'FT-2025-102', type: 'gider', amount: 350_000, currency: 'TRY', date: '2025-02-01', category: 'Kira', counterparty: 'Dernek binası kirası', status: 'onaylandi' },
  { documentNo: 'FT-2025-103', type: 'gelir', amount: 500_000, currency: 'TRY', date: '2025-02-14', category: 'Bağış', description: 'Kermes geliri', status: 'onaylandi' },
  { documentNo: 'FT-2025-104', type: 'gider', amount: 420_000, currency: 'TRY', date: '2025-03-05', category: 'Burs', description: 'Mart ayı öğrenci bursları', status: 'beklemede' },
  { documentNo: 'FT-2025-105', type: 'gider', amount: 98_000, currency: 'TRY', date: '2025-03-18', category: 'Ulaşım', counterparty: 'Şehirlerarası Kargo A.Ş.', status: 'iptal' },
];

async function insertChecked(ctx: MutationCtx, collection: CollectionName, rows: Values[], now: number) {
  for (const [i, values] of rows.entries()) {
    const errors = checkRecord(collection, values, { partial: false });
    if (errors.length > 0) {
      throw new ConvexError(`demo ${collection}[${i}] fails validation: ${JSON.stringify(errors)}`);
    }
    // Spread creation times over recent weeks so date filters have something to show.
    const createdAt = now - (rows.length - i) * 3 * DAY_MS;
    await looseWriter(ctx.db).insert(collection, newRecordDoc(collection, values, createdAt));
  }
}

/** Seeds the demo data once; returns the staff profile's id (the existing one if already seeded). */
export const seed = internalMutation({
  args: {},
  handler: async (ctx): Promise<Id<'users'>> => {
    const existing = await ctx.db.query('users').withIndex('by_isProfile', (q) => q.eq('isProfile', true)).first();
    if (existing !== null) return existing._id;
    const anyUser = await ctx.db.query('users').first();
    if (anyUser !== null) return anyUser._id;

    const now = Date.now();
    const profileId = await ctx.db.insert('users', {
      name: 'Ayşe Yılmaz',
      email: 'ayse.yilmaz@example.org',
      phone: '+905000000010',
      role: 'staff',
      isProfile: true,
      createdAt: now,
    });
    await insertChecked(ctx, 'beneficiaries', BENEFICIARIES, now);
    await insertChecked(ctx, 'donations', DONATIONS, now);
    await insertChecked(ctx, 'financeRecords', FINANCE_RECORDS, now);
    return profileId;
  },
});

export const demoData = { beneficiaries: BENEFICIARIES, donations: DONATIONS, financeRecords: FINANCE_RECORDS };
