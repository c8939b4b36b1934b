// The project's function builders: the only way to define a public function (ESLint refuses
// `query`/`mutation`/`action` from _generated/server elsewhere). Each resolves the caller on
// every call: the identity from ctx.auth (a Convex Auth token, subject "userId|sessionId"), the
// session still existing (sign-out and deactivation delete it), and the role and active flag
// from the users table — so a deactivated account is refused at its next call, not when its
// token expires. Handlers see the caller as `ctx.user`.
import { customAction, customMutation, customQuery } from 'convex-helpers/server/customFunctions';
import { makeFunctionReference } from 'convex/server';
import { ConvexError } from 'convex/values';
import type { Doc } from '../_generated/dataModel';
import { action, mutation, query, type QueryCtx } from '../_generated/server';
import { type Role, hasRole } from '../../shared/domain/roles';

/** What a refused call carries (ConvexError data): clients act on `code`, never on text. */
export type AuthErrorCode = 'unauthenticated' | 'forbidden';

export function authError(code: AuthErrorCode, message: string): ConvexError<{ code: AuthErrorCode; message: string }> {
  return new ConvexError({ code, message });
}

/** The signed-in, active caller; throws `unauthenticated` otherwise. */
export async function resolveCaller(ctx: Pick<QueryCtx, 'auth' | 'db'>): Promise<Doc<'users'>> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) throw authError('unauthenticated', 'Sign-in required');
  const [userPart, sessionPart] = identity.subject.split('|');
  const userId = userPart ? ctx.db.normalizeId('users', userPart) : null;
  const sessionId = sessionPart ? ctx.db.normalizeId('authSessions', sessionPart) : null;
  if (userId === null || sessionId === null) throw authError('unauthenticated', 'Not a staff session');
  const session = await ctx.db.get(sessionId);
  if (session === null || session.userId !== userId || session.expirationTime < Date.now()) {
    throw authError('unauthenticated', 'The session has ended');
  }
  const user = await ctx.db.get(userId);
  if (user === null || !user.active) throw authError('unauthenticated', 'The account is deactivated');
  return user;
}

async function callerWithRole(ctx: Pick<QueryCtx, 'auth' | 'db'>, role: Role): Promise<Doc<'users'>> {
  const user = await resolveCaller(ctx);
  if (!hasRole(user.role, role)) throw authError('forbidden', `This needs the ${role} role`);
  return user;
}

// users.caller, referenced by name with its type spelled out: going through the generated
// `internal` object would make this builder's type depend on every module built with it.
const callerRef = makeFunctionReference<'query', Record<string, never>, Doc<'users'>>('users:caller');

function queryFor(role: Role) {
  return customQuery(query, {
    args: {},
    input: async (ctx) => ({ ctx: { user: await callerWithRole(ctx, role) }, args: {} }),
  });
}

function mutationFor(role: Role) {
  return customMutation(mutation, {
    args: {},
    input: async (ctx) => ({ ctx: { user: await callerWithRole(ctx, role) }, args: {} }),
  });
}

function actionFor(role: Role) {
  return customAction(action, {
    args: {},
    input: async (ctx) => {
      // Actions have no db: the caller is resolved by an internal query, which sees the same identity.
      const user = await ctx.runQuery(callerRef, {});
      if (!hasRole(user.role, role)) throw authError('forbidden', `This needs the ${role} role`);
      return { ctx: { user }, args: {} };
    },
  });
}

/** Any signed-in staff member, observers included: reads. */
export const viewerQuery = queryFor('gozlemci');
/**
 * Writes an observer may make: only to their own things (their inbox, their password) or the
 * audit trail of what they read. The all-functions test lists every function built with it.
 */
export const viewerMutation = mutationFor('gozlemci');
export const viewerAction = actionFor('gozlemci');
/** Office staff and administrators: imports, exports, sends, records. */
export const staffQuery = queryFor('personel');
export const staffMutation = mutationFor('personel');
export const staffAction = actionFor('personel');
/** Administrators only: staff accounts, messaging settings. */
export const adminQuery = queryFor('yonetici');
export const adminMutation = mutationFor('yonetici');
export const adminAction = actionFor('yonetici');

/**
 * Callable without signing in. Only for what must work before sign-in: the version handshake
 * and first-administrator setup (whose own check is the setup code). The all-functions test
 * names each one.
 */
export const publicQuery = query;
export const publicAction = action;
