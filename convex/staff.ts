// Staff administration (administrators only): the list with role and last sign-in, new accounts
// with a first password, role changes, deactivation (their sessions end at once) and password
// resets. Every change is audited with the administrator as actor. Administrators cannot take
// each other over silently: a change to another administrator's account is told to that
// administrator in the inbox and by e-mail (whatever their preferences), and the last active
// administrator can be neither demoted nor deactivated.
import { createAccount, invalidateSessions, modifyAccountCredentials } from '@convex-dev/auth/server';
import { ConvexError, v } from 'convex/values';
import type { Role } from '../shared/domain/roles';
import type { Id } from './_generated/dataModel';
import { internal } from './_generated/api';
import type { Doc } from './_generated/dataModel';
import { internalMutation, internalQuery, type ActionCtx, type MutationCtx } from './_generated/server';
import { checkEmail, checkName, checkPassword, checkPhone } from './lib/accounts';
import { writeAudit } from './lib/audit';
import { createNotification } from './lib/outboxEnqueue';
import { adminAction, adminMutation, adminQuery } from './lib/functions';
import { userRoleValidator } from './lib/tableValidators';

const MAX_STAFF = 500;

export const list = adminQuery({
  args: {},
  handler: async (ctx) => {
    const users = await ctx.db.query('users').withIndex('by_name').take(MAX_STAFF);
    return users.map((u) => ({
      id: u._id,
      name: u.name,
      email: u.email,
      phone: u.phone,
      role: u.role,
      active: u.active,
      lastSignInAt: u.lastSignInAt ?? null,
      createdAt: u.createdAt,
    }));
  },
});

/** Creates a staff account with the first password the administrator chose (shown to them once). */
export const create = adminAction({
  args: { name: v.string(), email: v.string(), role: userRoleValidator, password: v.string(), phone: v.optional(v.string()) },
  handler: async (ctx, args): Promise<Id<'users'>> => {
    const userId = await createStaffAccount(ctx, args);
    await ctx.runMutation(internal.audit.record, {
      action: 'account_change',
      actorId: ctx.user._id,
      summary: { userId, created: true, email: checkEmail(args.email), role: args.role },
    });
    return userId;
  },
});

/** Shared by `create` and the setup code: checks, refuses a taken e-mail, then Convex Auth's createAccount. */
export async function createStaffAccount(
  ctx: ActionCtx,
  args: { name: string; email: string; role: Role; password: string; phone?: string },
): Promise<Id<'users'>> {
  const email = checkEmail(args.email);
  const name = checkName(args.name);
  checkPassword(args.password);
  if (await ctx.runQuery(internal.staff.emailTaken, { email })) {
    throw new ConvexError({ code: 'email_taken', message: `email: ${email} already has an account` });
  }
  const phone = checkPhone(args.phone);
  const { user } = await createAccount(ctx as never, {
    provider: 'password',
    account: { id: email, secret: args.password },
    profile: { name, email, ...(phone ? { phone } : {}), role: args.role, active: true, createdAt: Date.now() },
  });
  return user._id as Id<'users'>;
}

export const emailTaken = internalQuery({
  args: { email: v.string() },
  handler: async (ctx, { email }) =>
    (await ctx.db.query('users').withIndex('email', (q) => q.eq('email', email)).first()) !== null,
});

export const setRole = adminMutation({
  args: { userId: v.id('users'), role: userRoleValidator },
  handler: async (ctx, { userId, role }) => {
    const user = await ctx.db.get(userId);
    if (user === null) throw new ConvexError({ code: 'not_found', message: 'userId: no such account' });
    if (user.role === role) return;
    if (user.role === 'yonetici') await refuseLastAdmin(ctx, user);
    await ctx.db.patch(userId, { role });
    await writeAudit(ctx, { action: 'account_change', actor: ctx.user, summary: { userId, role: { from: user.role, to: role } } });
    if (user.role === 'yonetici') await tellAdministrator(ctx, user, ctx.user, `rolünüz "${ROLE_TR[role]}" yapıldı`);
    else if (role === 'yonetici') await tellAdministrator(ctx, user, ctx.user, 'size yönetici rolü verildi');
  },
});

const ROLE_TR: Record<Role, string> = { yonetici: 'yönetici', personel: 'personel', gozlemci: 'gözlemci' };

/** Refuses a change that would leave no active administrator (only one is needed, so two are read). */
async function refuseLastAdmin(ctx: MutationCtx, leaving: Doc<'users'>): Promise<void> {
  const admins = await ctx.db
    .query('users')
    .withIndex('by_role_active', (q) => q.eq('role', 'yonetici').eq('active', true))
    .take(2);
  if (!admins.some((a) => a._id !== leaving._id)) {
    throw new ConvexError({ code: 'last_admin', message: 'The last active administrator can be neither demoted nor deactivated' });
  }
}

/**
 * Tells an administrator (before or after the change) that a colleague changed their account:
 * in the inbox and by e-mail, whatever their preferences, so a takeover cannot be silent.
 */
async function tellAdministrator(ctx: MutationCtx, user: Doc<'users'>, actor: Doc<'users'> | null, what: string): Promise<void> {
  if (actor?._id === user._id) return;
  await createNotification(ctx, {
    recipientId: user._id,
    kind: 'sistem',
    title: 'Yönetici hesabınız değiştirildi',
    body: `${actor?.name ?? 'Bir yönetici'} hesabınızda değişiklik yaptı: ${what}. Bunu siz istemediyseniz hemen diğer yöneticilere haber verin.`,
    alwaysEmail: true,
  });
}

/** Deactivating refuses the account's next call and ends its sessions; reactivating lets it sign in again. */
export const setActive = adminAction({
  args: { userId: v.id('users'), active: v.boolean() },
  handler: async (ctx, { userId, active }) => {
    await ctx.runMutation(internal.staff.writeActive, { actorId: ctx.user._id, userId, active });
    if (!active) await invalidateSessions(ctx, { userId });
  },
});

export const writeActive = internalMutation({
  args: { actorId: v.id('users'), userId: v.id('users'), active: v.boolean() },
  handler: async (ctx, { actorId, userId, active }) => {
    const user = await ctx.db.get(userId);
    if (user === null) throw new ConvexError({ code: 'not_found', message: 'userId: no such account' });
    if (userId === actorId && !active) {
      throw new ConvexError({ code: 'last_admin', message: 'An administrator cannot deactivate their own account' });
    }
    if (user.active === active) return;
    if (user.role === 'yonetici' && !active) await refuseLastAdmin(ctx, user);
    await ctx.db.patch(userId, { active });
    const actor = await ctx.db.get(actorId);
    await writeAudit(ctx, { action: 'account_change', actor, summary: { userId, active } });
    if (user.role === 'yonetici') await tellAdministrator(ctx, user, actor, active ? 'hesabınız yeniden etkinleştirildi' : 'hesabınız devre dışı bırakıldı');
  },
});

/** Sets a new password chosen by the administrator; the account's sessions end. */
export const resetPassword = adminAction({
  args: { userId: v.id('users'), password: v.string() },
  handler: async (ctx, { userId, password }) => {
    checkPassword(password);
    const email = await ctx.runQuery(internal.staff.emailOf, { userId });
    if (email === null) throw new ConvexError({ code: 'not_found', message: 'userId: no such account' });
    await modifyAccountCredentials(ctx, { provider: 'password', account: { id: email, secret: password } });
    await invalidateSessions(ctx, { userId });
    await ctx.runMutation(internal.staff.notePasswordReset, { actorId: ctx.user._id, userId });
  },
});

/** The audit entry of a password reset, and the notice when the account is an administrator's. */
export const notePasswordReset = internalMutation({
  args: { actorId: v.id('users'), userId: v.id('users') },
  handler: async (ctx, { actorId, userId }) => {
    const actor = await ctx.db.get(actorId);
    await writeAudit(ctx, { action: 'account_change', actor, summary: { userId, changed: ['password'] } });
    const user = await ctx.db.get(userId);
    if (user?.role === 'yonetici') await tellAdministrator(ctx, user, actor, 'şifreniz sıfırlandı');
  },
});

export const emailOf = internalQuery({
  args: { userId: v.id('users') },
  handler: async (ctx, { userId }) => (await ctx.db.get(userId))?.email ?? null,
});
