// The first administrator of an empty deployment, created once with the one-time setup code
// (deployment variable KAFKASDER_SETUP_CODE, set by the launcher for the local backend and by IT
// for a hosted one). Once any account exists, setup is closed for good.
import { ConvexError, v } from 'convex/values';
import type { Id } from './_generated/dataModel';
import { internal } from './_generated/api';
import { internalMutation } from './_generated/server';
import { MIN_SETUP_CODE_LENGTH } from '../shared/domain/setupCode';
import { checkEmail, checkName, checkPassword } from './lib/accounts';
import { writeAudit } from './lib/audit';
import { publicAction, publicQuery } from './lib/functions';
import { createStaffAccount } from './staff';

/** Before sign-in: does this deployment still need its first administrator? */
export const status = publicQuery({
  args: {},
  handler: async (ctx) => ({ needsFirstAdmin: (await ctx.db.query('users').first()) === null }),
});

/** Same-length comparison without an early exit, so timing does not tell how much of the code matched. */
function sameCode(given: string, expected: string): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (given.charCodeAt(i) || 0) ^ expected.charCodeAt(i);
  return diff === 0;
}

export const createFirstAdmin = publicAction({
  args: { setupCode: v.string(), name: v.string(), email: v.string(), password: v.string() },
  handler: async (ctx, args): Promise<Id<'users'>> => {
    const expected = process.env.KAFKASDER_SETUP_CODE ?? '';
    if (expected.length < MIN_SETUP_CODE_LENGTH || !sameCode(args.setupCode.trim(), expected)) {
      throw new ConvexError({ code: 'invalid_setup_code', message: 'The setup code is wrong or not set' });
    }
    // Everything the person typed is checked before setup is claimed: a typo must not close it.
    checkEmail(args.email);
    checkName(args.name);
    checkPassword(args.password);
    // Claimed in one transaction, so two concurrent attempts cannot both pass.
    const claimId = await ctx.runMutation(internal.setup.claim, {});
    let userId: Id<'users'>;
    try {
      userId = await createStaffAccount(ctx, { ...args, role: 'yonetici' });
    } catch (err) {
      // No account was made: setup opens again rather than leaving a deployment nobody can enter.
      await ctx.runMutation(internal.setup.release, { claimId });
      throw err;
    }
    await ctx.runMutation(internal.audit.record, {
      action: 'account_change',
      actorId: userId,
      summary: { userId, created: true, firstAdministrator: true },
    });
    return userId;
  },
});

export const claim = internalMutation({
  args: {},
  handler: async (ctx) => {
    const closed =
      (await ctx.db.query('users').first()) !== null ||
      (await ctx.db.query('auditLogs').withIndex('by_action', (q) => q.eq('action', 'setup_claimed')).first()) !== null;
    if (closed) throw new ConvexError({ code: 'setup_closed', message: 'This deployment already has an administrator' });
    return await writeAudit(ctx, { action: 'setup_claimed', actor: null, summary: null });
  },
});

/** Undoes a claim whose account could not be made; the failed attempt stays in the audit. */
export const release = internalMutation({
  args: { claimId: v.id('auditLogs') },
  handler: async (ctx, { claimId }) => {
    const claim = await ctx.db.get(claimId);
    if (claim?.action !== 'setup_claimed' || (await ctx.db.query('users').first()) !== null) return;
    await ctx.db.delete(claimId);
    await writeAudit(ctx, { action: 'setup_failed', actor: null, summary: null });
  },
});
