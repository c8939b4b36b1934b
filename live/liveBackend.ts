// Set-up for the opt-in live suite (`npm run test:live`): a real Convex deployment named by
// CONVEX_URL that runs this project's functions. Without one the suite is skipped, saying why.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeFunctionReference } from 'convex/server';
import { api } from '../convex/_generated/api';
import { AuthSession, memoryTokenStore } from '../electron/core/session/authSession';
import { refusedSessionsEnd } from '../electron/core/session/sessionGateway';
import { needEmail, signInWith, staffPassword } from '../electron/cli/signIn';
import { ConvexGateway } from '../electron/core/backend/convexGateway';
import type { Gateway } from '../electron/core/backend/gateway';

/** The staff member named by `email` (KAFKASDER_LIVE_EMAIL) signs in with the password the CLI would ask for. */
async function signInStaff(session: AuthSession, email: string | undefined, env: NodeJS.ProcessEnv): Promise<void> {
  const who = needEmail(email);
  await signInWith(session, who, await staffPassword(env));
}

export interface LiveBackend {
  url: string;
  /** Calls as the signed-in staff member (KAFKASDER_LIVE_EMAIL). */
  gateway: Gateway;
  /** Signs the same person in on another connection (a second PC). */
  signInAgain(): Promise<{ gateway: Gateway; close(): Promise<void> }>;
  raw: ConvexGateway;
  close(): Promise<void>;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The deployment answers and runs these functions: the version handshake query `meta:version`
 * when this checkout has it, else a known query of ours. Returns why not, or null.
 */
async function probe(gateway: ConvexGateway): Promise<string | null> {
  try {
    if (existsSync(`${root}/convex/meta.ts`)) await gateway.query(makeFunctionReference<'query'>('meta:version'), {});
    else await gateway.query(api.exports.count, { collection: 'beneficiaries', status: 'live-probe' });
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Connects, or returns the reason the suite is skipped. */
export async function connectLive(env: NodeJS.ProcessEnv = process.env): Promise<LiveBackend | { skip: string }> {
  const url = env.CONVEX_URL;
  if (!url) return { skip: 'CONVEX_URL is not set: the live suite needs a Convex deployment with this project’s functions pushed (see README, "Live tests").' };
  const raw = new ConvexGateway(url, { timeoutMs: 20_000 });
  const problem = await probe(raw);
  if (problem) {
    await raw.close();
    return { skip: `CONVEX_URL=${url} does not run this project’s functions (push them with \`npx convex deploy\`): ${problem}` };
  }
  const email = env.KAFKASDER_LIVE_EMAIL;
  if (!email || !env.KAFKASDER_PASSWORD) {
    await raw.close();
    return { skip: 'KAFKASDER_LIVE_EMAIL and KAFKASDER_PASSWORD are not set: the live suite signs in as a staff member (personel or yonetici) of that deployment.' };
  }
  // Signed in as the CLI is (signIn.ts), with a session of its own per gateway.
  const signIn = async (gateway: ConvexGateway) => {
    const session = new AuthSession(gateway, memoryTokenStore());
    await signInStaff(session, email, env);
    return { gateway: refusedSessionsEnd(gateway, session), session };
  };
  const me = await signIn(raw);
  return {
    url,
    raw,
    gateway: me.gateway,
    signInAgain: async () => {
      const other = new ConvexGateway(url, { timeoutMs: 20_000 });
      const session = await signIn(other);
      return { gateway: session.gateway, close: async () => (await session.session.close(), await other.close()) };
    },
    close: async () => (await me.session.close(), await raw.close()),
  };
}
