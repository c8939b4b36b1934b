// Convex Auth: staff sign in with e-mail and password. There is no open sign-up: the Password
// provider refuses every flow but "signIn"; accounts are made by an administrator (staff.ts) or,
// once, with the setup code (setup.ts), both through Convex Auth's createAccount. Failed
// sign-ins are counted per e-mail and hour and in all per minute, with a back-off
// (lib/signInLimits); successes and the first failures are audited.
import { Password } from '@convex-dev/auth/providers/Password';
import type { ConvexCredentialsUserConfig } from '@convex-dev/auth/providers/ConvexCredentials';
import { convexAuth } from '@convex-dev/auth/server';
import { ConvexError } from 'convex/values';
import { makeFunctionReference } from 'convex/server';
import type { DataModel, Id } from './_generated/dataModel';
import { isValidEmail, normalizeEmail } from '../shared/domain/email';
import { checkPassword } from './lib/accounts';


export type SignInErrorCode = 'invalid_credentials' | 'rate_limited' | 'flow_not_allowed';

function signInError(code: SignInErrorCode, retryAfterMs?: number): ConvexError<{ code: SignInErrorCode; retryAfterMs?: number }> {
  return new ConvexError({ code, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
}

// Internal functions in users.ts, by name: importing `internal` here would make auth.ts's type
// depend on every module (and users.ts depends on this one).
const noteSignInRef = makeFunctionReference<
  'mutation',
  { email: string | null; userId?: Id<'users'>; outcome: 'success' | 'failure'; reason?: string },
  boolean
>('users:noteSignIn');
const signInGateRef = makeFunctionReference<'query', { email: string | null }, { retryAfterMs: number }>('users:signInGate');

/** Convex Auth's own per-account limit, kept above what the back-off lets through in an hour (≈65). */
const CONVEX_AUTH_FAILED_PER_HOUR = 100;

const password = Password<DataModel>({
  profile: (params) => {
    // Accounts come only from createAccount (admin or setup); "signUp", "reset" and the rest stop here.
    if (params.flow !== 'signIn') throw signInError('flow_not_allowed');
    const email = normalizeEmail(String(params.email ?? ''));
    return { email } as never;
  },
  validatePasswordRequirements: checkPassword,
});

// Password's authorize and crypto, wrapped: every attempt passes the back-off first; a failure
// is counted and reaches the client as a code (a plain Error's text is hidden by a production
// deployment); an unknown e-mail costs a password hash like a known one (no timing oracle); a
// deactivated account answers exactly as a wrong password does.
const options = (password as unknown as { options: ConvexCredentialsUserConfig<DataModel> }).options;
const passwordAuthorize = options.authorize;
const scrypt = options.crypto!;
/**
 * The one password hashing both paths use: Convex Auth's check of a known account and the dummy
 * check of an unknown one. Looked up at each call (Convex Auth copies the provider's `crypto`),
 * so the test can count the calls of either path.
 */
export const passwordCrypto = {
  hashSecret: (secret: string) => scrypt.hashSecret(secret),
  verifySecret: (secret: string, hash: string) => scrypt.verifySecret(secret, hash),
};
options.crypto = {
  hashSecret: (secret) => passwordCrypto.hashSecret(secret),
  verifySecret: (secret, hash) => passwordCrypto.verifySecret(secret, hash),
};
let dummyHash: Promise<string> | undefined;
async function verifyAgainstNothing(secret: string): Promise<void> {
  dummyHash ??= passwordCrypto.hashSecret('not-a-password-of-anyone');
  await passwordCrypto.verifySecret(secret, await dummyHash);
}

options.authorize = async (params, ctx) => {
  const normalized = normalizeEmail(String(params.email ?? ''));
  // Only an e-mail is stored or counted by name (≤ 254 characters, an e-mail's shape).
  const email = isValidEmail(normalized) ? normalized : null;
  const secret = String(params.password ?? '');
  const { retryAfterMs } = await ctx.runQuery(signInGateRef, { email });
  if (retryAfterMs > 0) throw signInError('rate_limited', retryAfterMs);
  if (email === null) {
    await verifyAgainstNothing(secret);
    await ctx.runMutation(noteSignInRef, { email: null, outcome: 'failure', reason: 'invalid_email' });
    throw signInError('invalid_credentials');
  }
  let result: Awaited<ReturnType<typeof passwordAuthorize>>;
  try {
    result = await passwordAuthorize(params, ctx);
  } catch (err) {
    if (err instanceof ConvexError) throw err;
    const message = err instanceof Error ? err.message : '';
    if (message === 'InvalidAccountId') await verifyAgainstNothing(secret);
    const reason = message === 'TooManyFailedAttempts' ? 'rate_limited' : 'invalid_credentials';
    await ctx.runMutation(noteSignInRef, { email, outcome: 'failure', reason });
    throw signInError(reason);
  }
  if (result === null) throw signInError('invalid_credentials');
  const active = await ctx.runMutation(noteSignInRef, { email, userId: result.userId, outcome: 'success' });
  if (!active) throw signInError('invalid_credentials');
  return result;
};

export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
  providers: [password],
  signIn: { maxFailedAttempsPerHour: CONVEX_AUTH_FAILED_PER_HOUR },
});
