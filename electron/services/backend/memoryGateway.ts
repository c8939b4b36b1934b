// Runs the project's own Convex functions in-process through convex-test. Data lives in memory
// only: for tests and the browser demo, never presented as storage.
import { convexTest } from 'convex-test';
import { getFunctionName } from 'convex/server';
import schema from '../../../convex/schema';
import { convexModules } from './convexModules';
import { decodeJwtClaims } from '../auth/jwtClaims';
import { ensureMemoryAuthEnv } from './memoryAuthEnv';
import type { FetchToken, Gateway, QueryRef } from './gateway';

// convex-test's call signatures are generic over each reference; the Gateway already typed them.
type AnyCall = (fn: unknown, args: unknown) => Promise<unknown>;
type Watcher = { fn: QueryRef; args: unknown; onUpdate: (v: unknown) => void; onError?: (e: Error) => void; last?: string };

export class MemoryGateway implements Gateway {
  readonly kind = 'memory' as const;
  // The same per-transaction limits as a real deployment, so a read that would fail there
  // fails here too (convex/test.setup.ts explains what convex-test does not count).
  private readonly t = (ensureMemoryAuthEnv(), convexTest({ schema, modules: convexModules, transactionLimits: true }));
  private readonly watchers = new Set<Watcher>();
  private refreshing: Promise<void> = Promise.resolve();
  private closed = false;
  private fetchToken: FetchToken | null = null;

  query: Gateway['query'] = async (fn, args) => ((await this.caller()).query as AnyCall)(fn, args) as never;

  mutation: Gateway['mutation'] = async (fn, args) => {
    const result = await ((await this.caller()).mutation as AnyCall)(fn, args);
    this.afterWrite();
    return result as never;
  };

  action: Gateway['action'] = async (fn, args) => {
    const result = await ((await this.caller()).action as AnyCall)(fn, args);
    this.afterWrite();
    return result as never;
  };

  anonymousAction: Gateway['anonymousAction'] = async (fn, args) => {
    const result = await (this.t.action as AnyCall)(fn, args);
    this.afterWrite();
    return result as never;
  };

  setAuth: Gateway['setAuth'] = (fetchToken) => {
    this.fetchToken = fetchToken;
    for (const w of this.watchers) w.last = undefined;
    this.afterWrite();
  };

  /** The backend's internal calls (seeding, tests): no identity, like a deployment's own functions. */
  get internal(): Pick<Gateway, 'query' | 'mutation' | 'action'> {
    return { query: (fn, args) => (this.t.query as AnyCall)(fn, args) as never, mutation: this.anonymousMutation, action: this.anonymousAction };
  }

  private anonymousMutation: Gateway['mutation'] = async (fn, args) => {
    const result = await (this.t.mutation as AnyCall)(fn, args);
    this.afterWrite();
    return result as never;
  };

  /**
   * Calls with the identity of the token the auth session holds, as a deployment would after
   * checking its signature: the token was issued by this same in-process backend (auth:signIn),
   * so its claims are read, not re-verified.
   */
  private async caller() {
    if (!this.fetchToken) return this.t;
    let claims = this.liveClaims(await this.fetchToken({ forceRefreshToken: false }));
    // An expired token: ConvexClient, told so by the deployment, asks for a fresh one once.
    if (claims === 'expired') claims = this.liveClaims(await this.fetchToken({ forceRefreshToken: true }));
    if (claims === null || claims === 'expired') return this.t; // no identity
    return this.t.withIdentity({ subject: String(claims.sub), issuer: String(claims.iss) });
  }

  private liveClaims(token: string | null | undefined): Record<string, unknown> | 'expired' | null {
    if (!token) return null;
    const claims = decodeJwtClaims(token);
    return typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now() ? 'expired' : claims;
  }

  watch: Gateway['watch'] = (fn, args, onUpdate, onError) => {
    const watcher: Watcher = { fn, args, onUpdate: onUpdate as (v: unknown) => void, onError };
    this.watchers.add(watcher);
    void this.refresh(watcher);
    return () => this.watchers.delete(watcher);
  };

  /** Runs scheduled functions (ctx.scheduler) that are due, as a real deployment would. */
  async runScheduled(): Promise<void> {
    await this.t.finishInProgressScheduledFunctions();
    this.afterWrite();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watchers.clear();
    await this.refreshing;
  }

  /** Re-runs every watched query after a write; unchanged results are not re-delivered. */
  private afterWrite(): void {
    if (this.closed) return;
    this.refreshing = this.refreshing.then(async () => {
      for (const w of [...this.watchers]) await this.refresh(w);
    });
  }

  private async refresh(w: Watcher): Promise<void> {
    try {
      const value = await ((await this.caller()).query as AnyCall)(w.fn, w.args);
      const serialized = JSON.stringify(value);
      if (serialized === w.last || !this.watchers.has(w)) return;
      w.last = serialized;
      w.onUpdate(value);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      if (w.onError) w.onError(error);
      else console.error(`watch ${getFunctionName(w.fn)} failed:`, error.message);
    }
  }
}
