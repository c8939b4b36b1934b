// The staff profile this installation acts as, and user look-ups for the function wrappers.
import { ConvexError, v } from 'convex/values';
import type { Doc, Id } from './_generated/dataModel';
import { internalQuery, type QueryCtx } from './_generated/server';
import { writeAudit } from './lib/audit';
import { staffMutation, staffQuery } from './lib/functions';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{5,24}$/;

/** Trimmed value, or undefined for an empty field (an empty field clears the stored value). */
function optionalText(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

async function findProfile(ctx: QueryCtx): Promise<Doc<'users'> | null> {
  return await ctx.db
    .query('users')
    .withIndex('by_isProfile', (q) => q.eq('isProfile', true))
    .first();
}

/** Used by staffAction to put the acting user on the context. */
export const actingUser = internalQuery({
  args: { id: v.id('users') },
  handler: async (ctx, { id }) => await ctx.db.get(id),
});

/** The given user, or without `id` the installation's staff profile; null if none. */
export const getProfile = staffQuery({
  args: { id: v.optional(v.id('users')) },
  handler: async (ctx, { id }) => (id ? await ctx.db.get(id) : await findProfile(ctx)),
});

/**
 * Creates or updates the staff profile and returns its id. Without `id` the existing profile
 * (if any) is updated. Writes one 'settings_change' audit entry.
 */
export const saveProfile = staffMutation({
  args: {
    id: v.optional(v.id('users')),
    name: v.string(),
    email: v.optional(v.string()),
    phone: v.optional(v.string()),
  },
  handler: async (ctx, args) => {
    const name = args.name.trim().replace(/\s+/g, ' ');
    if (name.length < 2 || name.length > 120) {
      throw new ConvexError('name: must be 2–120 characters');
    }
    const email = optionalText(args.email);
    if (email !== undefined && !EMAIL.test(email)) throw new ConvexError(`email: "${email}" is not an e-mail address`);
    const phone = optionalText(args.phone);
    if (phone !== undefined && !PHONE.test(phone)) throw new ConvexError(`phone: "${phone}" is not a phone number`);

    const existing = args.id ? await ctx.db.get(args.id) : await findProfile(ctx);
    if (args.id && !existing) throw new ConvexError('id: no such user');

    const next = { name, email, phone };
    let id: Id<'users'>;
    let changed: string[];
    if (existing) {
      id = existing._id;
      changed = (['name', 'email', 'phone'] as const).filter((key) => existing[key] !== next[key]);
      await ctx.db.patch(id, next);
    } else {
      id = await ctx.db.insert('users', {
        name,
        email,
        phone,
        role: 'staff',
        isProfile: true,
        createdAt: Date.now(),
      });
      changed = ['name', ...(email ? ['email'] : []), ...(phone ? ['phone'] : [])];
    }
    const actor = ctx.user ?? (await ctx.db.get(id));
    await writeAudit(ctx, {
      action: 'settings_change',
      actor,
      summary: { setting: 'profile', userId: id, created: !existing, changed },
    });
    return id;
  },
});
