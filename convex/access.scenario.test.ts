// Walks every public function in convex/ (from the module map, so a new module is covered the
// day it is added) and proves: a caller without an identity is refused by all but the few that
// must work before sign-in; every role against every function, as ROLE_OF declares it (a
// function missing from it fails the walk): administrator-only functions refuse office staff,
// staff functions refuse observers, and the role a function is declared for is let through; an
// observer is refused by every function that writes, except the named few that touch only the
// caller's own things or audit what they read; a deactivated account is refused by all of them.
import { getFunctionName, makeFunctionReference } from 'convex/server';
import { ConvexError } from 'convex/values';
import { describe, expect, test, vi } from 'vitest';
import type { Role } from '../shared/domain/roles';
import { api } from './_generated/api';
import { asUser, modules, newTest } from './convexTest.test-util';

/** Callable without signing in: Convex Auth's endpoints, the version handshake, first-admin setup. */
const PUBLIC = new Set(['auth:signIn', 'auth:signOut', 'auth:isAuthenticated', 'meta:version', 'setup:status', 'setup:createFirstAdmin']);

/** Writes an observer may make: their own inbox, preferences, profile and password; listing and opening records (audited). */
const OBSERVER_WRITES = new Set([
  'records:open',
  'records:list',
  'records:donationsOf',
  'notifications:markRead',
  'notifications:markAllRead',
  'preferences:set',
  'users:updateOwnProfile',
  'users:changeOwnPassword',
]);

/**
 * The least role each signed-in function is for, written out here rather than read from the
 * builders, so that a builder opened to a weaker role (adminAction built for personel) turns
 * this walk red. A new public function fails the walk until it is listed.
 */
const ROLE_OF: Record<string, Role> = {
  'staff:list': 'yonetici',
  'staff:create': 'yonetici',
  'staff:setRole': 'yonetici',
  'staff:setActive': 'yonetici',
  'staff:resetPassword': 'yonetici',
  'records:remove': 'yonetici',
  'records:restore': 'yonetici',
  'outbox:noteSettingsChange': 'yonetici',
  'audit:noteLocalSettingsChange': 'yonetici',
  'retention:settings': 'yonetici',
  'retention:setPeriods': 'yonetici',
  'retention:log': 'yonetici',
  'erasures:preview': 'yonetici',
  'erasures:start': 'yonetici',
  'erasures:progress': 'yonetici',

  'audit:list': 'personel',
  'exports:count': 'personel',
  'exports:open': 'personel',
  'exports:list': 'personel',
  'exports:finish': 'personel',
  'imports:startRun': 'personel',
  'imports:ingestBatch': 'personel',
  'imports:finishRun': 'personel',
  'imports:compareRows': 'personel',
  'imports:listRuns': 'personel',
  'imports:undoStep': 'personel',
  'imports:undoKept': 'personel',
  'notifications:create': 'personel',
  'outbox:claim': 'personel',
  'outbox:report': 'personel',
  'outbox:nextDue': 'personel',
  'outbox:heartbeat': 'personel',
  'outbox:previewCampaign': 'personel',
  'outbox:startCampaign': 'personel',
  'outbox:enqueueCampaign': 'personel',
  'outbox:finishCampaign': 'personel',
  'outbox:getCampaign': 'personel',
  'records:update': 'personel',
  'records:create': 'personel',
  'records:findByKey': 'personel',
  'dataRequests:create': 'personel',
  'dataRequests:assign': 'personel',
  'dataRequests:addReply': 'personel',
  'dataRequests:close': 'personel',
  'dataRequests:list': 'personel',
  'dataRequests:get': 'personel',
  'consents:record': 'personel',
  'consents:withdraw': 'personel',
  'consents:of': 'personel',
  'personData:exportPerson': 'personel',

  'records:list': 'gozlemci',
  'records:open': 'gozlemci',
  'records:history': 'gozlemci',
  'records:donationsOf': 'gozlemci',
  'outbox:sendingPcs': 'gozlemci',
  'notifications:list': 'gozlemci',
  'notifications:sent': 'gozlemci',
  'notifications:unreadCount': 'gozlemci',
  'notifications:markRead': 'gozlemci',
  'notifications:markAllRead': 'gozlemci',
  'preferences:get': 'gozlemci',
  'preferences:set': 'gozlemci',
  'users:me': 'gozlemci',
  'users:colleagues': 'gozlemci',
  'users:updateOwnProfile': 'gozlemci',
  'users:changeOwnPassword': 'gozlemci',
};

type Kind = 'query' | 'mutation' | 'action';
interface PublicFunction {
  name: string;
  kind: Kind;
  args: unknown;
}

type ValidatorJson =
  | { type: 'object'; value: Record<string, { fieldType: ValidatorJson; optional: boolean }> }
  | { type: 'union'; value: ValidatorJson[] }
  | { type: 'array'; value: ValidatorJson }
  | { type: 'record'; keys: ValidatorJson; values: { fieldType: ValidatorJson } }
  | { type: 'literal'; value: unknown }
  | { type: 'id'; tableName: string }
  | { type: 'string' | 'number' | 'float64' | 'int64' | 'boolean' | 'null' | 'any' | 'bytes' };

/** A value its validator accepts (required fields only), so a refusal cannot be an argument error. */
function sample(v: ValidatorJson): unknown {
  switch (v.type) {
    case 'object':
      return Object.fromEntries(Object.entries(v.value).filter(([, f]) => !f.optional).map(([k, f]) => [k, sample(f.fieldType)]));
    case 'union':
      return sample(v.value[0]!);
    case 'array':
      return [];
    case 'record':
      return {};
    case 'literal':
      return v.value;
    case 'id':
      return `99999${v.tableName}`;
    case 'string':
      return 'x';
    case 'number':
    case 'float64':
      return 1;
    case 'int64':
      return 1n;
    case 'boolean':
      return false;
    case 'null':
    case 'any':
      return null;
    case 'bytes':
      return new ArrayBuffer(0);
  }
}

interface Registered {
  isPublic?: boolean;
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  exportArgs?: () => string;
}

async function publicFunctions(): Promise<PublicFunction[]> {
  const found: PublicFunction[] = [];
  for (const [path, load] of Object.entries(modules)) {
    if (path.includes('/_generated/') || path.endsWith('.test.ts') || path.endsWith('.test-util.ts') || path === './schema.ts') continue;
    if (path === './http.ts' || path === './auth.config.ts') continue;
    const mod = (await load()) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(mod)) {
      if (typeof value !== 'function') continue;
      const fn = value as Registered;
      if (!fn.isPublic) continue;
      const kind: Kind | null = fn.isQuery ? 'query' : fn.isMutation ? 'mutation' : fn.isAction ? 'action' : null;
      if (kind === null) continue;
      const name = `${path.slice(2, -3)}:${exportName}`;
      found.push({ name, kind, args: sample(JSON.parse(fn.exportArgs!()) as ValidatorJson) });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'allowed';
  } catch (err) {
    if (err instanceof ConvexError) return String((err.data as { code?: string }).code);
    return `error: ${err instanceof Error ? err.message : String(err)}`;
  }
}

type Caller = Pick<ReturnType<typeof newTest>, 'query' | 'mutation' | 'action'>;
function invoke(t: Caller, f: PublicFunction): Promise<unknown> {
  if (f.kind === 'query') return t.query(makeFunctionReference<'query'>(f.name), f.args as never);
  if (f.kind === 'mutation') return t.mutation(makeFunctionReference<'mutation'>(f.name), f.args as never);
  return t.action(makeFunctionReference<'action'>(f.name), f.args as never);
}

const all = await publicFunctions();
// Weakest first, spelled out here (not shared/domain's ROLES, which the builders use).
const ROLES_ORDER: readonly Role[] = ['gozlemci', 'personel', 'yonetici'];

describe('every public function', () => {
  test('the walk finds the modules (a broken walk must not pass vacuously)', () => {
    expect(all.length).toBeGreaterThan(40);
    expect(all.map((f) => f.name)).toEqual(expect.arrayContaining(['records:list', 'outbox:claim', 'staff:create', 'auth:signIn']));
    // Every name on the public list exists (except functions another module may not have yet).
    for (const name of PUBLIC) if (name !== 'meta:version') expect(all.map((f) => f.name)).toContain(name);
    for (const name of OBSERVER_WRITES) expect(all.map((f) => f.name)).toContain(name);
  });

  test('every signed-in function has its role declared, and only those', () => {
    const signedIn = all.filter((f) => !PUBLIC.has(f.name)).map((f) => f.name);
    expect(signedIn.filter((name) => ROLE_OF[name] === undefined)).toEqual([]);
    expect(Object.keys(ROLE_OF).filter((name) => !signedIn.includes(name))).toEqual([]);
  });

  test.each(all.filter((f) => !PUBLIC.has(f.name)).map((f) => [f.name, f] as const))(
    '%s refuses a caller without an identity',
    async (_name, f) => {
      expect(await refusal(invoke(newTest(), f))).toBe('unauthenticated');
    },
  );

  const writes = all.filter((f) => f.kind !== 'query' && !PUBLIC.has(f.name) && !OBSERVER_WRITES.has(f.name));
  test.each(writes.map((f) => [f.name, f] as const))('%s refuses an observer (gozlemci)', async (_name, f) => {
    const t = newTest();
    const { as } = await asUser(t, 'gozlemci');
    expect(await refusal(invoke(as, f))).toBe('forbidden');
  });

  const declared = all.filter((f) => ROLE_OF[f.name] !== undefined);
  const walk: [string, Role, 'refused' | 'let through', PublicFunction][] = [];
  for (const f of declared) {
    const needed = ROLE_OF[f.name]!;
    for (const role of ['gozlemci', 'personel', 'yonetici'] as const) {
      walk.push([f.name, role, ROLES_ORDER.indexOf(role) < ROLES_ORDER.indexOf(needed) ? 'refused' : 'let through', f]);
    }
  }
  test.each(walk)('%s as %s: %s', async (_name, role, expected, f) => {
    const t = newTest();
    const { as } = await asUser(t, role);
    const outcome = await refusal(invoke(as, f));
    // Let through means past the role check: the sample arguments may still be refused further in.
    if (expected === 'refused') expect(outcome).toBe('forbidden');
    else expect(outcome).not.toMatch(/^(forbidden|unauthenticated)$/);
  });

  test.each(declared.map((f) => [f.name, f] as const))('%s refuses a deactivated administrator', async (_name, f) => {
    const t = newTest();
    const { as } = await asUser(t, 'yonetici', { active: false });
    expect(await refusal(invoke(as, f))).toBe('unauthenticated');
  });

  test('a deactivated account is refused at its next call', async () => {
    const t = newTest();
    const { as, userId } = await asUser(t, 'yonetici');
    expect(await as.query(api.users.me, {})).toMatchObject({ role: 'yonetici' });
    await t.run(async (ctx) => await ctx.db.patch(userId, { active: false }));
    expect(await refusal(as.query(api.users.me, {}))).toBe('unauthenticated');
  });

  test('an identity whose session was deleted (signed out, revoked) is refused', async () => {
    const t = newTest();
    const { as, sessionId } = await asUser(t, 'personel');
    await t.run(async (ctx) => await ctx.db.delete(sessionId));
    expect(await refusal(as.query(api.users.me, {}))).toBe('unauthenticated');
  });

  test('an identity that is not a Convex Auth session is refused', async () => {
    const t = newTest();
    expect(await refusal(t.withIdentity({ subject: 'someone' }).query(api.users.me, {}))).toBe('unauthenticated');
  });

  test('a session past its expiry or of another account is refused; each refusal says why', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const NOW = Date.UTC(2026, 0, 5, 9);
      vi.setSystemTime(NOW);
      const t = newTest();
      const refusedWith = async (call: Promise<unknown>) => {
        try {
          await call;
          return 'allowed';
        } catch (err) {
          return (err as ConvexError<{ code: string; message: string }>).data;
        }
      };
      const { as, sessionId, userId } = await asUser(t, 'personel');
      // A session is good up to and including its expiration time, not a millisecond past it.
      await t.run(async (ctx) => await ctx.db.patch(sessionId, { expirationTime: NOW }));
      expect(await as.query(api.users.me, {})).toMatchObject({ role: 'personel' });
      await t.run(async (ctx) => await ctx.db.patch(sessionId, { expirationTime: NOW - 1 }));
      expect(await refusedWith(as.query(api.users.me, {}))).toEqual({ code: 'unauthenticated', message: 'The session has ended' });
      // A live session of someone else, under this account's id.
      const other = await asUser(t, 'yonetici');
      const borrowed = t.withIdentity({ subject: `${userId}|${other.sessionId}` });
      expect(await refusedWith(borrowed.query(api.users.me, {}))).toEqual({ code: 'unauthenticated', message: 'The session has ended' });
      expect(await refusedWith(t.query(api.users.me, {}))).toEqual({ code: 'unauthenticated', message: 'Sign-in required' });
      const notStaff = { code: 'unauthenticated', message: 'Not a staff session' };
      expect(await refusedWith(t.withIdentity({ subject: 'someone' }).query(api.users.me, {}))).toEqual(notStaff);
      // Either half of the subject not an id of its table is enough.
      expect(await refusedWith(t.withIdentity({ subject: `${userId}|nosession` }).query(api.users.me, {}))).toEqual(notStaff);
      expect(await refusedWith(t.withIdentity({ subject: `nouser|${sessionId}` }).query(api.users.me, {}))).toEqual(notStaff);
      const gone = await asUser(t, 'yonetici', { active: false });
      expect(await refusedWith(gone.as.query(api.users.me, {}))).toEqual({ code: 'unauthenticated', message: 'The account is deactivated' });
      // An account deleted under a live session.
      const deleted = await asUser(t, 'personel');
      await t.run(async (ctx) => await ctx.db.delete(deleted.userId));
      expect(await refusedWith(deleted.as.query(api.users.me, {}))).toEqual({ code: 'unauthenticated', message: 'The account is deactivated' });
      const staff = await asUser(t, 'personel');
      expect(await refusedWith(staff.as.query(api.staff.list, {}))).toEqual({ code: 'forbidden', message: 'This needs the yonetici role' });
      expect(await refusedWith(staff.as.action(api.staff.setActive, { userId: other.userId, active: false }))).toEqual({ code: 'forbidden', message: 'This needs the yonetici role' });
    } finally {
      vi.useRealTimers();
    }
  });

  test("an observer's own-inbox writes reach only their own inbox", async () => {
    const t = newTest();
    const staff = await asUser(t, 'personel', { name: 'Mehmet Kara' });
    const observer = await asUser(t, 'gozlemci');
    const id = await staff.as.mutation(api.notifications.create, { recipientId: staff.userId, kind: 'gorev', title: 'Kendi görevim', body: '' });
    expect(await refusal(observer.as.mutation(api.notifications.markRead, { id }))).not.toBe('allowed');
    expect(getFunctionName(api.notifications.markRead)).toBe('notifications:markRead');
  });
});
