// The one refresh driver over the real protocol: the core's AuthSession, the real Convex client
// (ConvexGateway) and a rehearsal backend that verifies every token's signature and expiry.
// Convex Auth's access tokens live an hour; here each one the deployment issues is re-signed with
// the deployment's own key to live LIFETIME_S seconds, so several real expiries pass in a test.
import { ConvexHttpClient } from 'convex/browser';
import { makeFunctionReference } from 'convex/server';
import { decodeJwt, decodeProtectedHeader, importPKCS8, SignJWT } from 'jose';
import { describe, expect, test } from 'vitest';
import { api, internal } from '../../../convex/_generated/api';
import { DEMO_ACCOUNTS } from '../../../convex/demo';
import { ConvexGateway } from '../backend/convexGateway';
import type { Gateway } from '../backend/gateway';
import { testBackend } from '../backend/rehearsal.test-util';
import { AuthSession, memoryTokenStore, RETRY_DELAYS_MS } from './authSession';

const LIFETIME_S = 4;
const LEEWAY_S = 2;

async function shortLivedOffice() {
  const backend = await testBackend();
  await backend.internal.action(internal.demo.seedWithAccount, { role: 'personel' });
  const admin = new ConvexHttpClient(backend.url);
  (admin as unknown as { setAdminAuth(key: string): void }).setAdminAuth(backend.rehearsal.adminKey);
  const { value: pem } = (await admin.query(makeFunctionReference<'query'>('_system/cli/queryEnvironmentVariables:get'), { name: 'JWT_PRIVATE_KEY' })) as { value: string };
  const key = await importPKCS8(pem, 'RS256');
  const shorten = async (token: string) => {
    const claims = decodeJwt(token);
    const now = Math.floor(Date.now() / 1000);
    return await new SignJWT({ sub: claims.sub })
      .setProtectedHeader(decodeProtectedHeader(token) as { alg: string })
      .setIssuer(String(claims.iss))
      .setAudience('convex')
      .setIssuedAt(now)
      .setExpirationTime(now + LIFETIME_S)
      .sign(key);
  };

  const gateway = new ConvexGateway(backend.url, { timeoutMs: 30_000, authRefreshLeewaySeconds: LEEWAY_S });
  const exchanges: number[] = [];
  const issued: string[] = [];
  let unreachable = 0;
  const office: Gateway = {
    kind: gateway.kind,
    query: gateway.query,
    mutation: gateway.mutation,
    action: gateway.action,
    watch: gateway.watch,
    setAuth: gateway.setAuth,
    close: () => gateway.close(),
    anonymousAction: async (fn, args) => {
      if ('refreshToken' in (args as object)) {
        exchanges.push(Date.now());
        // A refresh that cannot reach the server, as ConvexGateway reports one after its wait.
        if (unreachable > 0) {
          unreachable -= 1;
          throw new TypeError('fetch failed');
        }
      }
      const result = (await gateway.anonymousAction(fn, args)) as { tokens?: { token: string; refreshToken: string } | null };
      if (result.tokens) {
        result.tokens.token = await shorten(result.tokens.token);
        issued.push(result.tokens.token);
      }
      return result as never;
    },
  };
  const store = memoryTokenStore();
  const session = new AuthSession(office, store);
  const account = DEMO_ACCOUNTS.find((a) => a.role === 'personel')!;
  await session.signIn(account.email, account.password);
  const stillValid = async (token: string) => {
    const probe = new ConvexHttpClient(backend.url);
    probe.setAuth(token);
    return await probe.query(api.users.me, {}).then(
      () => true,
      () => false,
    );
  };
  return { gateway, session, store, exchanges, issued, stillValid, failNextRefreshes: (n: number) => (unreachable = n), close: () => gateway.close() };
}

/** Calls `users.me` every 250 ms for `ms`; returns how many were refused. */
async function keepCalling(gateway: Gateway, ms: number): Promise<{ calls: number; refused: number }> {
  let calls = 0;
  let refused = 0;
  const end = Date.now() + ms;
  while (Date.now() < end) {
    calls += 1;
    await gateway.query(api.users.me, {}).catch(() => (refused += 1));
    await new Promise((r) => setTimeout(r, 250));
  }
  return { calls, refused };
}

describe('token refresh over the real client, across real expiries', () => {
  test('calls keep working while access tokens expire every few seconds; the client alone refreshes, one exchange per lifetime', async () => {
    const office = await shortLivedOffice();
    try {
      const first = office.issued[0]!;
      const started = Date.now();
      const { calls, refused } = await keepCalling(office.gateway, 3 * LIFETIME_S * 1000);
      const elapsedS = (Date.now() - started) / 1000;
      expect(refused).toBe(0);
      expect(calls).toBeGreaterThan(20);
      // The first token really expired on the server, and calls went on.
      expect(await office.stillValid(first)).toBe(false);
      // At least one refresh per lifetime passed; no more than one per (lifetime − leeway): two
      // drivers (the session's own timer beside the client's) would rotate about twice as often.
      expect(office.exchanges.length).toBeGreaterThanOrEqual(Math.floor(elapsedS / LIFETIME_S));
      expect(office.exchanges.length).toBeLessThanOrEqual(Math.ceil(elapsedS / (LIFETIME_S - LEEWAY_S)) + 1);
      // The refresh token sealed last is the one the deployment rotated to last: it still works.
      expect(await office.stillValid(office.issued.at(-1)!)).toBe(true);
      expect(office.session.current().status).toBe('signedIn');
    } finally {
      await office.close();
    }
  });

  test('a refresh that cannot reach the server is no sign-out: once the client gives the expired token up, the session hands it a fresh one', async () => {
    const office = await shortLivedOffice();
    try {
      // The client's next refresh fails: once its token has expired and the server refused it, the
      // client has no fresh one, gives the token up and calls run without identity (refused).
      office.failNextRefreshes(1);
      const before = office.exchanges.length;
      const { refused } = await keepCalling(office.gateway, (LIFETIME_S + 1) * 1000);
      expect(office.exchanges.length - before).toBe(1);
      expect(refused).toBeGreaterThan(0);
      expect(office.session.current().status).toBe('signedIn');
      // The session retries after RETRY_DELAYS_MS[0] and hands the new token over: calls work again.
      const recoverBy = Date.now() + RETRY_DELAYS_MS[0]! + 10_000;
      let ok = false;
      while (!ok && Date.now() < recoverBy) {
        ok = await office.gateway.query(api.users.me, {}).then(
          () => true,
          () => false,
        );
        if (!ok) await new Promise((r) => setTimeout(r, 250));
      }
      expect(ok).toBe(true);
      expect(office.session.current().status).toBe('signedIn');
    } finally {
      await office.close();
    }
  });
});
