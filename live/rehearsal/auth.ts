// Who a token says the caller is, checked as a deployment checks it: an RS256 JWT signed by a key
// of the deployment's `JWKS`, issued by a provider of convex/auth.config.ts (Convex Auth: the
// deployment's own CONVEX_SITE_URL, audience "convex"), not expired. The identity carries the
// token's claims with `tokenIdentifier` = "<issuer>|<subject>", as the real backend derives it.
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import type { Caller } from './deployment';

export interface VerifiedUser {
  caller: Exclude<Caller, null | { kind: 'admin' }>;
  /** Seconds since the epoch; the identity is void from then on. */
  expiresAt: number | null;
}

/** The real backend's words for a token it will not accept (crates/authentication). */
export class AuthenticationError extends Error {
  constructor(detail: string) {
    super(`Could not verify OIDC token claim. Check that the token signature is valid and the token hasn't expired. (${detail})`);
    this.name = 'AuthenticationError';
  }
}

export async function verifyUserToken(
  token: string,
  env: Readonly<Record<string, string | undefined>>,
  providers: readonly { domain?: string; applicationID?: string }[],
): Promise<VerifiedUser> {
  if (!env.JWKS) throw new AuthenticationError('the deployment has no JWKS variable');
  let jwks: JSONWebKeySet;
  try {
    jwks = JSON.parse(env.JWKS) as JSONWebKeySet;
  } catch {
    throw new AuthenticationError('the JWKS variable is not JSON');
  }
  const keys = createLocalJWKSet(jwks);
  let lastError = 'no auth provider is configured';
  for (const provider of providers) {
    if (!provider.domain) continue;
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: provider.domain,
        audience: provider.applicationID,
        algorithms: ['RS256'],
      });
      const subject = String(payload.sub ?? '');
      const issuer = String(payload.iss);
      if (!subject) throw new AuthenticationError('the token has no subject');
      return {
        caller: { kind: 'user', subject, issuer, tokenIdentifier: `${issuer}|${subject}`, claims: {} },
        expiresAt: typeof payload.exp === 'number' ? payload.exp : null,
      };
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
  }
  throw new AuthenticationError(lastError);
}
