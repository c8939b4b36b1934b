// Convex Auth: staff sign in with e-mail and password. There is no open sign-up: the Password
// provider refuses every flow but "signIn"; accounts are made by an administrator (staff.ts) or,
// once, with the setup code (setup.ts), both through Convex Auth's createAccount. Failed
// sign-ins count against Convex Auth's per-account limiter; every attempt is audited.
import { Password } from '@convex-dev/auth/providers/Password';
import type { ConvexCredentialsUserConfig } from '@convex-dev/auth/providers/ConvexCredentials';
import { convexAuth } from '@convex-dev/auth/server';
import { ConvexError } from 'convex/values';
import { makeFunctionReference } from 'convex/server';
import type { DataModel, Id } from './_generated/dataModel';
import { MAX_FAILED_SIGN_INS_PER_HOUR } from '../shared/domain/roles';
import { normalizeEmail } from '../shared/domain/email';
import { checkPassword } from './lib/accounts';


export type SignInErrorCode = 'invalid_credentials' | 'rate_limited' | 'account_disabled' | 'flow_not_allowed';

function signInError(code: SignInErrorCode): ConvexError<{ code: SignInErrorCode }> {
  return new ConvexError({ code });
}

// Internal functions in users.ts, by name: importing `internal` here would make auth.ts's type
// depend on every module (and users.ts depends on this one).
const noteSignInRef = makeFunctionReference<
  'mutation',
  { email: string; userId?: Id<'users'>; outcome: 'success' | 'failure'; reason?: string },
  boolean
>('users:noteSignIn');

const password = Password<DataModel>({
  profile: (params) => {
    // Accounts come only from createAccount (admin or setup); "signUp", "reset" and the rest stop here.
    if (params.flow !== 'signIn') throw signInError('flow_not_allowed');
    const email = normalizeEmail(String(params.email ?? ''));
    return { email } as never;
  },
  validatePasswordRequirements: checkPassword,
});

// Password's authorize, wrapped so that every attempt is audited and a failure reaches the client
// as a code (a plain Error's text is hidden by a production deployment).
const options = (password as unknown as { options: ConvexCredentialsUserConfig<DataModel> }).options;
const passwordAuthorize = options.authorize;
options.authorize = async (params, ctx) => {
  const email = normalizeEmail(String(params.email ?? ''));
  let result: Awaited<ReturnType<typeof passwordAuthorize>>;
  try {
    result = await passwordAuthorize(params, ctx);
  } catch (err) {
    if (err instanceof ConvexError) throw err;
    const reason = err instanceof Error && err.message === 'TooManyFailedAttempts' ? 'rate_limited' : 'invalid_credentials';
    await ctx.runMutation(noteSignInRef, { email, outcome: 'failure', reason });
    throw signInError(reason);
  }
  if (result === null) throw signInError('invalid_credentials');
  const active = await ctx.runMutation(noteSignInRef, { email, userId: result.userId, outcome: 'success' });
  if (!active) throw signInError('account_disabled');
  return result;
};

export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
  providers: [password],
  signIn: { maxFailedAttempsPerHour: MAX_FAILED_SIGN_INS_PER_HOUR },
});
