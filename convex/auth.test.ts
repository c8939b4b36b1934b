// Convex Auth for real inside convex-test: the setup code, the administrator creating accounts,
// the real `auth:signIn` action (tokens signed with the test key pair), the identity those
// tokens carry, refresh, sign-out, deactivation, password changes and the failed-sign-in limiter.
import { ConvexError } from 'convex/values';
import { afterEach, expect, test, vi } from 'vitest';
import { api } from './_generated/api';
import type { Id } from './_generated/dataModel';
import { FREE_FAILED_SIGN_INS_PER_HOUR, MAX_FAILED_SIGN_INS_PER_MINUTE, SIGN_IN_BACKOFF_BASE_MS } from '../shared/domain/roles';
import { passwordCrypto } from './auth';
import { GLOBAL_SHARDS } from './lib/signInLimits';
import { newTest, TEST_AUTH_ENV, type TestConvex } from './convexTest.test-util';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const ADMIN = { name: 'Ayşe Yılmaz', email: 'ayse@kafkasder.org.tr', password: 'ilk-yonetici-sifresi' };

function subjectOf(token: string): string {
  const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { sub: string };
  return payload.sub;
}

async function signIn(t: TestConvex, email: string, password: string) {
  const result = await t.action(api.auth.signIn, { provider: 'password', params: { flow: 'signIn', email, password } });
  const tokens = result.tokens!;
  return { tokens, as: t.withIdentity({ subject: subjectOf(tokens.token) }) };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ConvexError) return (err.data as { code?: string }).code;
    throw err;
  }
  throw new Error('expected a refusal');
}

async function withFirstAdmin() {
  const t = newTest();
  await t.action(api.setup.createFirstAdmin, { setupCode: TEST_AUTH_ENV.KAFKASDER_SETUP_CODE!, ...ADMIN });
  const admin = await signIn(t, ADMIN.email, ADMIN.password);
  return { t, admin };
}

test('the first administrator is created once, only with the setup code', async () => {
  const t = newTest();
  expect(await t.query(api.setup.status, {})).toEqual({ needsFirstAdmin: true });
  expect(await codeOf(t.action(api.setup.createFirstAdmin, { setupCode: 'wrong-code-wrong-code', ...ADMIN }))).toBe('invalid_setup_code');
  expect(await codeOf(t.action(api.setup.createFirstAdmin, { setupCode: TEST_AUTH_ENV.KAFKASDER_SETUP_CODE!, ...ADMIN, password: 'short' }))).toBe(
    'weak_password',
  );
  await t.action(api.setup.createFirstAdmin, { setupCode: TEST_AUTH_ENV.KAFKASDER_SETUP_CODE!, ...ADMIN });
  expect(await t.query(api.setup.status, {})).toEqual({ needsFirstAdmin: false });
  expect(
    await codeOf(t.action(api.setup.createFirstAdmin, { setupCode: TEST_AUTH_ENV.KAFKASDER_SETUP_CODE!, ...ADMIN, email: 'second@kafkasder.org.tr' })),
  ).toBe('setup_closed');

  const { as } = await signIn(t, ADMIN.email, ADMIN.password);
  expect(await as.query(api.users.me, {})).toMatchObject({ name: ADMIN.name, email: ADMIN.email, role: 'yonetici' });
});

test('open sign-up is impossible: the signUp flow is refused and creates nothing', async () => {
  const t = newTest();
  const code = await codeOf(
    t.action(api.auth.signIn, { provider: 'password', params: { flow: 'signUp', email: 'me@example.org', password: 'long-enough-password' } }),
  );
  expect(code).toBe('flow_not_allowed');
  expect(await t.run(async (ctx) => (await ctx.db.query('users').collect()).length)).toBe(0);
  expect(await t.run(async (ctx) => (await ctx.db.query('authAccounts').collect()).length)).toBe(0);
});

test('sign-in gives tokens whose identity the functions accept; wrong passwords are refused and audited', async () => {
  const { t, admin } = await withFirstAdmin();
  expect(admin.tokens.refreshToken).toBeTruthy();
  expect(await codeOf(t.query(api.users.me, {}))).toBe('unauthenticated');

  expect(await codeOf(signIn(t, ADMIN.email, 'not-the-password'))).toBe('invalid_credentials');
  expect(await codeOf(signIn(t, 'nobody@example.org', 'not-the-password'))).toBe('invalid_credentials');

  const audit = await admin.as.query(api.audit.list, { paginationOpts: { numItems: 20, cursor: null } });
  const actions = audit.page.map((e) => e.action);
  expect(actions.filter((a) => a === 'sign_in_failed')).toHaveLength(2);
  expect(actions).toContain('sign_in');
  const failed = audit.page.find((e) => e.action === 'sign_in_failed' && e.actorId !== undefined)!;
  expect(failed).toMatchObject({ actorName: ADMIN.name, summary: { email: ADMIN.email, reason: 'invalid_credentials' } });

  // The refresh token gives a new pair; the old one cannot be replayed after the reuse window.
  const refreshed = await t.action(api.auth.signIn, { refreshToken: admin.tokens.refreshToken });
  expect(refreshed.tokens?.token).toBeTruthy();
  expect(subjectOf(refreshed.tokens!.token)).toBe(subjectOf(admin.tokens.token));
});

test(`after ${FREE_FAILED_SIGN_INS_PER_HOUR} failures an e-mail backs off (not a lockout): the right password works once the wait is over`, async () => {
  const { t } = await withFirstAdmin();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.UTC(2026, 11, 1, 9, 0, 0));
  for (let i = 0; i < FREE_FAILED_SIGN_INS_PER_HOUR; i++) {
    expect(await codeOf(signIn(t, ADMIN.email, `wrong-password-${i}`))).toBe('invalid_credentials');
  }
  expect(await codeOf(signIn(t, ADMIN.email, ADMIN.password))).toBe('rate_limited');
  // Another person's e-mail is not held up by it.
  expect(await codeOf(signIn(t, 'baska@kafkasder.org.tr', 'wrong-password'))).toBe('invalid_credentials');
  vi.setSystemTime(Date.now() + SIGN_IN_BACKOFF_BASE_MS);
  const { as } = await signIn(t, ADMIN.email, ADMIN.password);
  expect(await as.query(api.users.me, {})).toMatchObject({ email: ADMIN.email });
  // The e-mail is normalised before it is counted: upper case does not start a new count.
  expect(await codeOf(signIn(t, ADMIN.email.toUpperCase(), 'wrong-again-1'))).toBe('invalid_credentials');
  expect(await codeOf(signIn(t, ADMIN.email, 'wrong-again-2'))).toBe('rate_limited');
});

test('unknown e-mails are counted and backed off too, and cost a password hash like a known one', async () => {
  const { t } = await withFirstAdmin();
  vi.useFakeTimers({ toFake: ['Date'] });
  const verify = vi.spyOn(passwordCrypto, 'verifySecret');
  expect(await codeOf(signIn(t, ADMIN.email, 'wrong-password'))).toBe('invalid_credentials');
  expect(verify).toHaveBeenCalledTimes(1);
  expect(await codeOf(signIn(t, 'nobody@example.org', 'wrong-password'))).toBe('invalid_credentials');
  expect(verify).toHaveBeenCalledTimes(2);
  for (let i = 1; i < FREE_FAILED_SIGN_INS_PER_HOUR; i++) await codeOf(signIn(t, 'nobody@example.org', `guess-${i}`));
  expect(await codeOf(signIn(t, 'nobody@example.org', 'one-more'))).toBe('rate_limited');
});

test('failures are counted in one row per e-mail and hour; the audit gets the first and the start of the back-off, not every attempt', async () => {
  const { t, admin } = await withFirstAdmin();
  for (let i = 0; i < FREE_FAILED_SIGN_INS_PER_HOUR; i++) await codeOf(signIn(t, ADMIN.email, `wrong-password-${i}`));
  const counters = await t.run(async (ctx) => await ctx.db.query('signInFailures').collect());
  expect(counters.filter((c) => c.key.startsWith('email:'))).toEqual([expect.objectContaining({ key: `email:${ADMIN.email}`, count: FREE_FAILED_SIGN_INS_PER_HOUR })]);
  const audit = await admin.as.query(api.audit.list, { paginationOpts: { numItems: 50, cursor: null } });
  expect(audit.page.filter((e) => e.action === 'sign_in_failed').map((e) => e.summary)).toEqual([
    { email: ADMIN.email, reason: 'invalid_credentials', failuresThisHour: FREE_FAILED_SIGN_INS_PER_HOUR, backoff: true },
    { email: ADMIN.email, reason: 'invalid_credentials' },
  ]);
});

test('what is typed as the e-mail is stored only when it is an e-mail (≤ 254 characters)', async () => {
  const { t } = await withFirstAdmin();
  const verify = vi.spyOn(passwordCrypto, 'verifySecret');
  const huge = `${'a'.repeat(100_000)}@example.org`;
  expect(await codeOf(signIn(t, huge, 'some-password'))).toBe('invalid_credentials');
  expect(await codeOf(signIn(t, 'not an e-mail <script>', 'some-password'))).toBe('invalid_credentials');
  expect(verify).toHaveBeenCalledTimes(2);
  const stored = await t.run(async (ctx) => JSON.stringify([await ctx.db.query('auditLogs').collect(), await ctx.db.query('signInFailures').collect()]));
  expect(stored).not.toContain('aaaaaaaaaa');
  expect(stored).not.toContain('<script>');
  const invalid = await t.run(async (ctx) => (await ctx.db.query('signInFailures').collect()).find((c) => c.key === 'invalid'));
  expect(invalid?.count).toBe(2);
});

test(`past ${MAX_FAILED_SIGN_INS_PER_MINUTE} failures a minute in all, every attempt waits for the next minute`, async () => {
  const { t } = await withFirstAdmin();
  vi.useFakeTimers({ toFake: ['Date'] });
  const now = Date.UTC(2026, 11, 1, 9, 0, 30);
  vi.setSystemTime(now);
  // Failures spread over the shards, as concurrent attempts leave them.
  await t.run(async (ctx) => {
    for (let shard = 0; shard < GLOBAL_SHARDS; shard++) {
      await ctx.db.insert('signInFailures', { key: `global:${shard}`, window: now - 30_000, count: Math.ceil(MAX_FAILED_SIGN_INS_PER_MINUTE / GLOBAL_SHARDS), lastAt: now });
    }
  });
  const refused = await t.action(api.auth.signIn, { provider: 'password', params: { flow: 'signIn', email: ADMIN.email, password: ADMIN.password } }).catch((e: ConvexError<{ code: string; retryAfterMs: number }>) => e.data);
  expect(refused).toEqual({ code: 'rate_limited', retryAfterMs: 30_000 });
  vi.setSystemTime(now + 30_000);
  await signIn(t, ADMIN.email, ADMIN.password);
});

test('an administrator creates, re-roles, deactivates and resets accounts; each change is audited', async () => {
  const { t, admin } = await withFirstAdmin();
  const userId: Id<'users'> = await admin.as.action(api.staff.create, {
    name: 'Mehmet Kara',
    email: 'Mehmet@Kafkasder.org.tr',
    role: 'personel',
    password: 'ilk-sifre-mehmet',
  });
  expect(await codeOf(admin.as.action(api.staff.create, { name: 'X Y', email: 'mehmet@kafkasder.org.tr', role: 'gozlemci', password: 'ilk-sifre-mehmet' }))).toBe(
    'email_taken',
  );
  const mehmet = await signIn(t, 'mehmet@kafkasder.org.tr', 'ilk-sifre-mehmet');
  expect(await mehmet.as.query(api.users.me, {})).toMatchObject({ role: 'personel' });
  expect(await codeOf(mehmet.as.query(api.staff.list, {}))).toBe('forbidden');

  const listed = await admin.as.query(api.staff.list, {});
  expect(listed.find((s) => s.id === userId)).toMatchObject({ role: 'personel', active: true, lastSignInAt: expect.any(Number) });

  await admin.as.mutation(api.staff.setRole, { userId, role: 'gozlemci' });
  // The role is read on every call: the next write is refused without signing in again.
  expect(await codeOf(mehmet.as.mutation(api.imports.startRun, { collection: 'donations', mode: 'insert', fileName: 'x.csv' }))).toBe('forbidden');

  await admin.as.action(api.staff.setActive, { userId, active: false });
  expect(await codeOf(mehmet.as.query(api.users.me, {}))).toBe('unauthenticated');
  expect(await codeOf(t.action(api.auth.signIn, { refreshToken: mehmet.tokens.refreshToken }).then((r) => r.tokens ?? Promise.reject(new ConvexError({ code: 'no_tokens' }))))).toBe(
    'no_tokens',
  );
  // A deactivated account answers exactly as a wrong password does (no confirmation the password is right).
  expect(await codeOf(signIn(t, 'mehmet@kafkasder.org.tr', 'ilk-sifre-mehmet'))).toBe('invalid_credentials');

  await admin.as.action(api.staff.setActive, { userId, active: true });
  await admin.as.action(api.staff.resetPassword, { userId, password: 'yeni-sifre-mehmet' });
  expect(await codeOf(signIn(t, 'mehmet@kafkasder.org.tr', 'ilk-sifre-mehmet'))).toBe('invalid_credentials');
  const again = await signIn(t, 'mehmet@kafkasder.org.tr', 'yeni-sifre-mehmet');
  expect(await again.as.query(api.users.me, {})).toMatchObject({ role: 'gozlemci' });

  const audit = await admin.as.query(api.audit.list, { paginationOpts: { numItems: 50, cursor: null } });
  const changes = audit.page.filter((e) => e.action === 'account_change' && (e.summary as { userId?: string }).userId === userId);
  expect(changes.map((e) => e.summary)).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ created: true, role: 'personel' }),
      expect.objectContaining({ role: { from: 'personel', to: 'gozlemci' } }),
      expect.objectContaining({ active: false }),
      expect.objectContaining({ active: true }),
      expect.objectContaining({ changed: ['password'] }),
    ]),
  );
  expect(changes.every((e) => e.actorName === ADMIN.name)).toBe(true);
  // An administrator cannot lock themselves out.
  const adminId = (await admin.as.query(api.users.me, {})).id;
  expect(await codeOf(admin.as.mutation(api.staff.setRole, { userId: adminId, role: 'personel' }))).toBe('last_admin');
});

test('staff change their own password (10+ characters); their other sessions end, this one stays', async () => {
  const { t, admin } = await withFirstAdmin();
  const other = await signIn(t, ADMIN.email, ADMIN.password);
  expect(await codeOf(admin.as.action(api.users.changeOwnPassword, { currentPassword: ADMIN.password, newPassword: 'kisa' }))).toBe('weak_password');
  expect(await codeOf(admin.as.action(api.users.changeOwnPassword, { currentPassword: 'wrong-current', newPassword: 'yepyeni-sifre-1' }))).toBe(
    'invalid_credentials',
  );
  await admin.as.action(api.users.changeOwnPassword, { currentPassword: ADMIN.password, newPassword: 'yepyeni-sifre-1' });
  expect(await admin.as.query(api.users.me, {})).toMatchObject({ email: ADMIN.email });
  expect(await codeOf(other.as.query(api.users.me, {}))).toBe('unauthenticated');
  await signIn(t, ADMIN.email, 'yepyeni-sifre-1');
});

test('signing out ends the session at once, not when the token expires', async () => {
  const { admin } = await withFirstAdmin();
  await admin.as.action(api.auth.signOut, {});
  expect(await codeOf(admin.as.query(api.users.me, {}))).toBe('unauthenticated');
});
