// Failed sign-ins, counted (not logged one by one): one row per e-mail and hour, and a few
// sharded rows per minute for all e-mails together, so concurrent failures rarely write the same
// document. The counts decide the back-off before the next attempt.
import type { DatabaseReader, MutationCtx } from '../_generated/server';
import {
  FREE_FAILED_SIGN_INS_PER_HOUR,
  MAX_FAILED_SIGN_INS_PER_MINUTE,
  SIGN_IN_BACKOFF_BASE_MS,
  SIGN_IN_BACKOFF_CAP_MS,
} from '../../shared/domain/roles';

const HOUR = 3_600_000;
const MINUTE = 60_000;
export const GLOBAL_SHARDS = 8;

/** The counter key of a typed e-mail: its normalised form, or one shared key for anything not an e-mail (never stored). */
export const emailKey = (email: string | null) => (email === null ? 'invalid' : `email:${email}`);
const globalKey = (shard: number) => `global:${shard}`;

/** Milliseconds until another attempt for this e-mail may be made; 0 = now. */
export async function retryAfterMs(ctx: { db: DatabaseReader }, email: string | null, now: number): Promise<number> {
  const minute = Math.floor(now / MINUTE) * MINUTE;
  let global = 0;
  for (let shard = 0; shard < GLOBAL_SHARDS; shard++) {
    const row = await ctx.db
      .query('signInFailures')
      .withIndex('by_key_window', (q) => q.eq('key', globalKey(shard)).eq('window', minute))
      .unique();
    global += row?.count ?? 0;
  }
  if (global >= MAX_FAILED_SIGN_INS_PER_MINUTE) return minute + MINUTE - now;

  const hour = Math.floor(now / HOUR) * HOUR;
  const row = await ctx.db
    .query('signInFailures')
    .withIndex('by_key_window', (q) => q.eq('key', emailKey(email)).eq('window', hour))
    .unique();
  if (row === null || row.count < FREE_FAILED_SIGN_INS_PER_HOUR) return 0;
  const wait = Math.min(SIGN_IN_BACKOFF_CAP_MS, SIGN_IN_BACKOFF_BASE_MS * 2 ** (row.count - FREE_FAILED_SIGN_INS_PER_HOUR));
  return Math.max(0, row.lastAt + wait - now);
}

/** Counts a failure; returns the e-mail's count this hour (1 = the first, the one the audit gets). */
export async function countFailure(ctx: MutationCtx, email: string | null, now: number): Promise<number> {
  const shard = Math.floor(Math.random() * GLOBAL_SHARDS);
  await bump(ctx, globalKey(shard), Math.floor(now / MINUTE) * MINUTE, now);
  return await bump(ctx, emailKey(email), Math.floor(now / HOUR) * HOUR, now);
}

async function bump(ctx: MutationCtx, key: string, window: number, now: number): Promise<number> {
  const row = await ctx.db
    .query('signInFailures')
    .withIndex('by_key_window', (q) => q.eq('key', key).eq('window', window))
    .unique();
  if (row === null) {
    await ctx.db.insert('signInFailures', { key, window, count: 1, lastAt: now });
    return 1;
  }
  await ctx.db.patch(row._id, { count: row.count + 1, lastAt: now });
  return row.count + 1;
}
