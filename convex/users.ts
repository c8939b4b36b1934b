// The signed-in person and their colleagues: who am I, the staff picker, one's own profile and
// password, and the sign-in bookkeeping Convex Auth's provider (auth.ts) calls.
import { invalidateSessions, modifyAccountCredentials, retrieveAccount } from '@convex-dev/auth/server';
import { ConvexError, v } from 'convex/values';
import { internalMutation, internalQuery } from './_generated/server';
import { checkName, checkPassword, checkPhone } from './lib/accounts';
import { writeAudit } from './lib/audit';
import { countFailure, retryAfterMs } from './lib/signInLimits';
import { FREE_FAILED_SIGN_INS_PER_HOUR } from '../shared/domain/roles';
import { resolveCaller, viewerAction, viewerMutation, viewerQuery } from './lib/functions';
import { internal } from './_generated/api';

/** The staff picker lists at most this many colleagues (an association's office, not a city). */
const MAX_COLLEAGUES = 500;

/** Used by the action builders: the caller, resolved with the action's own identity. */
export const caller = internalQuery({
  args: {},
  handler: async (ctx) => await resolveCaller(ctx),
});

/** What the app shows of the signed-in person. Never the password hash (that lives in authAccounts). */
export const me = viewerQuery({
  args: {},
  handler: async (ctx) => {
    const u = ctx.user;
    return { id: u._id, name: u.name, email: u.email, phone: u.phone, role: u.role };
  },
});

/** Active colleagues for assigning work: names and roles only. */
export const colleagues = viewerQuery({
  args: {},
  handler: async (ctx) => {
    const users = await ctx.db.query('users').withIndex('by_name').take(MAX_COLLEAGUES);
    return users.filter((u) => u.active).map((u) => ({ id: u._id, name: u.name, role: u.role }));
  },
});

/** One's own name and phone. The e-mail is the sign-in name: only an administrator changes accounts. */
export const updateOwnProfile = viewerMutation({
  args: { name: v.string(), phone: v.optional(v.string()) },
  handler: async (ctx, args) => {
    const name = checkName(args.name);
    const phone = checkPhone(args.phone);
    const changed = (['name', 'phone'] as const).filter((k) => ctx.user[k] !== { name, phone }[k]);
    await ctx.db.patch(ctx.user._id, { name, phone });
    if (changed.length > 0) {
      await writeAudit(ctx, { action: 'account_change', actor: { ...ctx.user, name }, summary: { userId: ctx.user._id, changed } });
    }
    return { id: ctx.user._id, name, email: ctx.user.email, phone, role: ctx.user.role };
  },
});

/** Changes one's own password after checking the current one; other sessions end. */
export const changeOwnPassword = viewerAction({
  args: { currentPassword: v.string(), newPassword: v.string() },
  handler: async (ctx, { currentPassword, newPassword }) => {
    checkPassword(newPassword);
    try {
      await retrieveAccount(ctx, { provider: 'password', account: { id: ctx.user.email, secret: currentPassword } });
    } catch {
      throw new ConvexError({ code: 'invalid_credentials', message: 'The current password is wrong' });
    }
    await modifyAccountCredentials(ctx, { provider: 'password', account: { id: ctx.user.email, secret: newPassword } });
    const sessionId = (await ctx.auth.getUserIdentity())!.subject.split('|')[1];
    const current = await ctx.runQuery(internal.users.sessionOf, { sessionId: sessionId ?? '' });
    await invalidateSessions(ctx, { userId: ctx.user._id, except: current ? [current] : [] });
    await ctx.runMutation(internal.audit.record, {
      action: 'account_change',
      actorId: ctx.user._id,
      summary: { userId: ctx.user._id, changed: ['password'] },
    });
  },
});

export const sessionOf = internalQuery({
  args: { sessionId: v.string() },
  handler: async (ctx, { sessionId }) => ctx.db.normalizeId('authSessions', sessionId),
});

/** Before each sign-in attempt: how long the typed e-mail (null: not an e-mail) must still wait. */
export const signInGate = internalQuery({
  args: { email: v.union(v.string(), v.null()) },
  handler: async (ctx, { email }) => ({ retryAfterMs: await retryAfterMs(ctx, email, Date.now()) }),
});

/**
 * Called by the Password provider after each attempt. A success notes the time and says whether
 * the account may sign in (false: deactivated; no session is made, and the caller is told what a
 * wrong password gets). A failure is counted (lib/signInLimits); the audit gets the first failure
 * of an e-mail in an hour and the one that starts its back-off, not every attempt, and never text
 * that is not an e-mail (`email` null).
 */
export const noteSignIn = internalMutation({
  args: {
    email: v.union(v.string(), v.null()),
    userId: v.optional(v.id('users')),
    outcome: v.union(v.literal('success'), v.literal('failure')),
    reason: v.optional(v.string()),
  },
  handler: async (ctx, { email, userId, outcome, reason }) => {
    const user = userId
      ? await ctx.db.get(userId)
      : email === null
        ? null
        : await ctx.db.query('users').withIndex('email', (q) => q.eq('email', email)).unique();
    if (outcome === 'success' && user !== null && user.active) {
      await writeAudit(ctx, { action: 'sign_in', actor: user, summary: { email } });
      await ctx.db.patch(user._id, { lastSignInAt: Date.now() });
      return true;
    }
    const why = outcome === 'success' ? 'account_disabled' : (reason ?? 'invalid_credentials');
    const count = await countFailure(ctx, email, Date.now());
    if (count === 1 || count === FREE_FAILED_SIGN_INS_PER_HOUR) {
      await writeAudit(ctx, {
        action: 'sign_in_failed',
        actor: user,
        summary: { email, reason: why, ...(count > 1 ? { failuresThisHour: count, backoff: true } : {}) },
      });
    }
    return false;
  },
});
