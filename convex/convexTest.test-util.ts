/// <reference types="vite/client" />
// Shared by the convex-test suites: the schema plus every module, including ./_generated, which
// convex-test needs to find the functions folder; Convex Auth's deployment variables (a key pair
// made once per test process, as a deployment's JWT_PRIVATE_KEY/JWKS); and `asUser`, a caller
// of a given role.
import { convexTest } from 'convex-test';
import type { Role } from '../shared/domain/roles';
import type { CollectionName } from '../shared/domain/vocabularies';
import type { Id } from './_generated/dataModel';
import { api } from './_generated/api';
import schema from './schema';

export const modules = import.meta.glob('./**/*.ts');

/** Test-only deployment variables for Convex Auth: a fresh RS256 key pair, its JWKS, a site URL, a setup code. */
async function authEnv(): Promise<Record<string, string>> {
  const keys = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey));
  const base64 = btoa(String.fromCharCode(...pkcs8)).replace(/(.{64})/g, '$1\n');
  const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
  return {
    JWT_PRIVATE_KEY: `-----BEGIN PRIVATE KEY-----\n${base64}\n-----END PRIVATE KEY-----`,
    JWKS: JSON.stringify({ keys: [{ use: 'sig', alg: 'RS256', kty: jwk.kty, n: jwk.n, e: jwk.e }] }),
    CONVEX_SITE_URL: 'https://kafkasder-test.example.org',
    KAFKASDER_SETUP_CODE: 'test-setup-code-0123456789',
    AUTH_LOG_LEVEL: 'ERROR',
  };
}

export const TEST_AUTH_ENV = await authEnv();
Object.assign(process.env, TEST_AUTH_ENV);

/**
 * A convex-test instance that enforces a real deployment's per-transaction limits (32,000
 * documents / 16 MiB read, 4,096 index ranges, 16,000 documents / 16 MiB written). convex-test
 * counts only documents a query returns, while a real backend also counts those `.filter()`
 * drops, so convex/ narrows reads with indexes and plain JS, never with `.filter()`.
 */
export function newTest() {
  return convexTest({ schema, modules, transactionLimits: true });
}

export type ExportFilterArgs = { status?: string; from?: string; to?: string; city?: string; category?: string; type?: string };

/** Opens an export as the exporter does and reads all of its pages. */
export async function exportPages(
  t: Pick<TestConvex, 'mutation' | 'query'>,
  collection: CollectionName,
  filters: ExportFilterArgs,
  numItems: number,
): Promise<Record<string, unknown>[]> {
  const exportId = await t.mutation(api.exports.open, { collection, format: 'csv', filters, fileName: 'test.csv' });
  const rows: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  for (;;) {
    const res: { page: Record<string, unknown>[]; isDone: boolean; continueCursor: string } = await t.query(api.exports.list, {
      exportId,
      paginationOpts: { numItems, cursor },
    });
    rows.push(...res.page);
    if (res.isDone) return rows;
    cursor = res.continueCursor;
  }
}

export type TestConvex = ReturnType<typeof newTest>;

const NAMES: Record<Role, string> = { yonetici: 'Yönetici Test', personel: 'Personel Test', gozlemci: 'Gözlemci Test' };
let counter = 0;

/**
 * A signed-in staff member of `role`: a users row, a live Convex Auth session, and the test
 * accessor that calls with the identity Convex Auth's token carries (subject "userId|sessionId").
 * The sign-in itself is exercised for real in auth.test.ts; this skips the password hashing.
 */
export async function asUser(
  t: Pick<TestConvex, 'run' | 'withIdentity'>,
  role: Role,
  profile: { name?: string; email?: string; phone?: string; active?: boolean } = {},
) {
  counter += 1;
  const email = profile.email ?? `${role}.${counter}@example.org`;
  const { userId, sessionId } = await t.run(async (ctx) => {
    const userId = await ctx.db.insert('users', {
      name: profile.name ?? NAMES[role],
      email,
      ...(profile.phone ? { phone: profile.phone } : {}),
      role,
      active: profile.active ?? true,
      createdAt: Date.now(),
    });
    const sessionId = await ctx.db.insert('authSessions', { userId, expirationTime: Date.now() + 30 * 86_400_000 });
    return { userId, sessionId };
  });
  return { as: t.withIdentity({ subject: `${userId}|${sessionId}` }), userId: userId as Id<'users'>, sessionId };
}

/** A fresh deployment and a signed-in caller of `role` (default: office staff), for tests about something else. */
export async function signedInTest(role: Role = 'personel') {
  return (await asUser(newTest(), role)).as;
}

/**
 * Claims as a sending PC `worker` that can send `channels`: its heartbeat first (the outbox hands
 * deliveries only to a PC whose recent heartbeat names their channel), then the claim.
 */
export async function claimAsPc(
  t: Pick<TestConvex, 'mutation'>,
  worker: string,
  { limit = 10, leaseMs = 60_000, channels = ['email', 'sms'] }: { limit?: number; leaseMs?: number; channels?: ('email' | 'sms')[] } = {},
) {
  await t.mutation(api.outbox.heartbeat, { worker, name: `PC ${worker}`, channels });
  return await t.mutation(api.outbox.claim, { worker, channels, limit, leaseMs });
}

/** Consents in force for `purposes` under each register key (`tc:…`, `email:…`, `phone:…`), recorded by the first staff member. */
export async function grantConsents(t: Pick<TestConvex, 'run'>, keys: string[], purposes: ('sms' | 'email' | 'special')[] = ['sms', 'email']) {
  await t.run(async (ctx) => {
    const user = (await ctx.db.query('users').first())!;
    for (const subjectKey of keys) {
      for (const purpose of purposes) {
        await ctx.db.insert('consents', { subjectKey, purpose, noticeVersion: 'v1', givenAt: Date.now(), method: 'paper', recordedById: user._id, recordedByName: user.name, recordedAt: Date.now() });
      }
    }
  });
}
