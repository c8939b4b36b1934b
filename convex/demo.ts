// A small, realistic demo data set for the web demo and the CLI's memory backend. Every record
// goes through the same domain check as an import, so the demo never shows data the importer
// would refuse. Contacts cannot reach anyone: e-mail only at example.org (reserved by RFC 2606),
// phones in 0500 000 00 xx — Turkey reserves no mobile numbers for fiction, so these are made up
// to look it; and demo data is only ever sent with messaging set up in that same session.
import { ConvexError, v } from 'convex/values';
import { checkRecord, completeTcKimlik } from '../shared/domain';
import type { CollectionName, StoredValue } from '../shared/domain/types';
import { internal } from './_generated/api';
import { internalAction, internalMutation, type ActionCtx, type MutationCtx } from './_generated/server';
import type { Role } from '../shared/domain/roles';
import { userRoleValidator } from './lib/tableValidators';
import { looseWriter } from './lib/looseDb';
import { newRecordDoc } from './lib/recordDocs';
import { createStaffAccount } from './staff';

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

/** Seeds the demo records once (nothing when any beneficiary exists). */
export const seed = internalMutation({
  args: {},
  handler: async (ctx): Promise<void> => {
    if ((await ctx.db.query('beneficiaries').first()) !== null) return;
    const now = Date.now();
    await insertChecked(ctx, 'beneficiaries', BENEFICIARIES, now);
    await insertChecked(ctx, 'donations', DONATIONS, now);
    await insertChecked(ctx, 'financeRecords', FINANCE_RECORDS, now);
    await seedConsents(ctx, now);
  },
});

/**
 * Consents of the demo people with a phone or an e-mail, on paper, recorded by the first demo
 * account — except Hatice Yıldız, who gave none: bulk send leaves her out and says so.
 * Nothing when there is no staff account yet (the records-only seed of some tests).
 */
async function seedConsents(ctx: MutationCtx, now: number) {
  const admin = await ctx.db.query('users').first();
  if (admin === null) return;
  for (const person of BENEFICIARIES) {
    if (person.fullName === 'Hatice Yıldız') continue;
    const purposes = [...(person.phone ? (['sms'] as const) : []), ...(person.email ? (['email'] as const) : [])];
    for (const purpose of purposes) {
      await ctx.db.insert('consents', {
        subjectKey: `tc:${String(person.nationalId)}`,
        purpose,
        noticeVersion: '2025-01',
        givenAt: now - 30 * DAY_MS,
        method: 'paper',
        recordedById: admin._id,
        recordedByName: admin.name,
        recordedAt: now - 30 * DAY_MS,
      });
    }
  }
}

/**
 * The demo's staff, one per role. Demo only: the in-memory backend (web demo, CLI memory
 * backend) seeds them and its sign-in page lists them; a real deployment never has them.
 */
export const DEMO_ACCOUNTS = [
  { role: 'yonetici', name: 'Ayşe Yılmaz', email: 'yonetici@example.org', password: 'demo-yonetici-2026', phone: '+905000000010' },
  { role: 'personel', name: 'Mehmet Kara', email: 'personel@example.org', password: 'demo-personel-2026', phone: '+905000000011' },
  { role: 'gozlemci', name: 'Zehra Aksoy', email: 'gozlemci@example.org', password: 'demo-gozlemci-2026' },
] as const;

async function seedAccount(ctx: ActionCtx, role: Role): Promise<void> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
  if (!(await ctx.runQuery(internal.staff.emailTaken, { email: account.email }))) await createStaffAccount(ctx, account);
}

/** Creates the demo accounts (once) through Convex Auth, then the demo records. */
export const seedAll = internalAction({
  args: {},
  handler: async (ctx): Promise<void> => {
    for (const account of DEMO_ACCOUNTS) await seedAccount(ctx, account.role);
    await ctx.runMutation(internal.demo.seed, {});
  },
});

/** A staff account with the given details, as an administrator would create it (tests, scripted set-ups). */
export const seedStaff = internalAction({
  args: { name: v.string(), email: v.string(), phone: v.optional(v.string()), role: userRoleValidator, password: v.string() },
  handler: async (ctx, args): Promise<string> => await createStaffAccount(ctx, args),
});

/** One demo account and the demo records (tests that need one signed-in role). */
export const seedWithAccount = internalAction({
  args: { role: userRoleValidator },
  handler: async (ctx, { role }): Promise<void> => {
    await seedAccount(ctx, role);
    await ctx.runMutation(internal.demo.seed, {});
  },
});

export const demoData = { beneficiaries: BENEFICIARIES, donations: DONATIONS, financeRecords: FINANCE_RECORDS };
