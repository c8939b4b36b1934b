// Set-up for the opt-in live suite (`npm run test:live`): a real Convex deployment named by
// CONVEX_URL that runs this project's functions. Without one the suite is skipped, saying why.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeFunctionReference } from 'convex/server';
import { api } from '../convex/_generated/api';
import { ConvexGateway } from '../electron/services/backend/convexGateway';
import { withActingUser, type Gateway } from '../electron/services/backend/gateway';

export interface LiveBackend {
  url: string;
  /** Calls as the live suite's staff user. */
  gateway: Gateway;
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
  // The suite's own staff profile (one per run), who the functions see as the acting user.
  const userId = await raw.mutation(api.users.saveProfile, { name: 'Canlı Test Kullanıcısı', email: 'canli-test@example.org' });
  return { url, raw, gateway: withActingUser(raw, () => userId), close: () => raw.close() };
}
