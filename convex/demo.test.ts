import { expect, test } from 'vitest';
import { checkRecord, completeTcKimlik, isValidTcKimlik } from '../shared/domain';
import { api, internal } from './_generated/api';
import { DEMO_ACCOUNTS } from './demo';
import { checkedAgainstSpec } from './lib/recordValidators';
import { v } from 'convex/values';
import { newTest } from './convexTest.test-util';

const META = new Set(['createdAt', 'updatedAt', 'importRunId', 'searchText', 'nameKey']);

test('demo.seedAll creates one account per role and records that pass the domain check, once', async () => {
  const t = newTest();
  await t.action(internal.demo.seedAll, {});
  const stored = await t.run(async (ctx) => ({
    users: await ctx.db.query('users').collect(),
    beneficiaries: await ctx.db.query('beneficiaries').collect(),
    donations: await ctx.db.query('donations').collect(),
    financeRecords: await ctx.db.query('financeRecords').collect(),
  }));
  expect(stored.users.map((u) => [u.email, u.role, u.active])).toEqual(DEMO_ACCOUNTS.map((a) => [a.email, a.role, true]));
  expect(stored.beneficiaries).toHaveLength(12);
  expect(stored.donations.length).toBeGreaterThan(2);
  expect(stored.financeRecords.length).toBeGreaterThan(2);
  for (const collection of ['beneficiaries', 'donations', 'financeRecords'] as const) {
    for (const doc of stored[collection]) {
      const record = Object.fromEntries(Object.entries(doc).filter(([k]) => !META.has(k)));
      expect(checkRecord(collection, record, { partial: false }), `${collection} ${JSON.stringify(record)}`).toEqual([]);
    }
  }
  expect(stored.beneficiaries.every((b) => isValidTcKimlik(b.nationalId))).toBe(true);
  expect(new Set(stored.beneficiaries.map((b) => b.nationalId)).size).toBe(12);

  // Demo contacts are fictional: reserved example domains, made-up 0500 000 00 xx numbers.
  const contacts = [...stored.users, ...stored.beneficiaries, ...stored.donations] as Array<Record<string, unknown>>;
  for (const c of contacts) {
    for (const key of ['email', 'donorEmail']) if (c[key] !== undefined) expect(c[key]).toMatch(/@example\.(org|com|net)$/);
    for (const key of ['phone', 'donorPhone']) if (c[key] !== undefined) expect(c[key]).toMatch(/^\+90500000\d{4}$/);
  }
  expect(contacts.some((c) => c.phone !== undefined)).toBe(true);

  await t.action(internal.demo.seedAll, {});
  expect((await t.run(async (ctx) => await ctx.db.query('beneficiaries').collect())).length).toBe(12);
  expect((await t.run(async (ctx) => await ctx.db.query('users').collect())).length).toBe(3);
  // Each demo account signs in with the password the demo's sign-in page shows.
  for (const account of DEMO_ACCOUNTS) {
    const result = await t.action(api.auth.signIn, { provider: 'password', params: { flow: 'signIn', email: account.email, password: account.password } });
    expect(result.tokens?.token).toBeTruthy();
  }
});

test('completeTcKimlik yields the documented valid number', () => {
  expect(completeTcKimlik('172917160')).toBe('17291716060');
  expect(() => completeTcKimlik('012345678')).toThrow();
});

test('record validators must agree with the domain spec', () => {
  expect(() => checkedAgainstSpec('financeRecords', { documentNo: v.string() })).toThrow(/type is missing/);
  expect(() =>
    checkedAgainstSpec('donations', {
      receiptNo: v.string(),
      donorName: v.string(),
      amount: v.string(),
      currency: v.optional(v.string()),
      date: v.optional(v.string()),
      method: v.optional(v.string()),
      purpose: v.optional(v.string()),
      donorNationalId: v.optional(v.string()),
      donorPhone: v.optional(v.string()),
      donorEmail: v.optional(v.string()),
      status: v.optional(v.string()),
      notes: v.optional(v.string()),
      extra: v.optional(v.string()),
    }),
  ).toThrow(/amount should be float64.*date should be required.*extra is not in the domain spec/);
});
