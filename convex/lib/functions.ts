// The project's function builders. Every public query, mutation and action is built with one
// of these, so there is one place where sign-in and role checks will be added: today the
// caller may name the staff member it acts for (`actingUserId`), and the functions see that
// user (or null) as `ctx.user`. When authentication lands, resolve the user from
// ctx.auth here and reject callers without the needed role.
import { customAction, customMutation, customQuery } from 'convex-helpers/server/customFunctions';
import { makeFunctionReference } from 'convex/server';
import { v } from 'convex/values';
import type { Doc, Id } from '../_generated/dataModel';
import { action, mutation, query } from '../_generated/server';

const actingUserArgs = { actingUserId: v.optional(v.id('users')) };

// users.actingUser, referenced by name with its type spelled out: going through the generated
// `internal` object would make this builder's type depend on every module built with it.
const actingUserRef = makeFunctionReference<'query', { id: Id<'users'> }, Doc<'users'> | null>(
  'users:actingUser',
);

/**
 * A query anyone may call, signed in or not: only for what the app must ask before sign-in
 * (`meta:version`, the version handshake). Keep this list short.
 */
export const publicQuery = query;

export const staffQuery = customQuery(query, {
  args: actingUserArgs,
  input: async (ctx, { actingUserId }) => {
    const user = actingUserId ? await ctx.db.get(actingUserId) : null;
    return { ctx: { user }, args: {} };
  },
});

export const staffMutation = customMutation(mutation, {
  args: actingUserArgs,
  input: async (ctx, { actingUserId }) => {
    const user = actingUserId ? await ctx.db.get(actingUserId) : null;
    return { ctx: { user }, args: {} };
  },
});

export const staffAction = customAction(action, {
  args: actingUserArgs,
  input: async (ctx, { actingUserId }) => {
    // Actions have no db, so the user is read through an internal query.
    const user = actingUserId ? await ctx.runQuery(actingUserRef, { id: actingUserId }) : null;
    return { ctx: { user }, args: {} };
  },
});
