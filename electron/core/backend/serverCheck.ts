// The version handshake: before the app uses a deployment it asks `meta:version` over HTTP (the
// Convex client's own protocol) and compares the functions' version with the one this build
// expects. A deployment that does not answer, has no such function, or runs older or newer
// functions gets a clear status instead of failing calls later.
import { ConvexHttpClient } from 'convex/browser';
import { makeFunctionReference } from 'convex/server';
import { backendUrlProblem, normalizeBackendUrl } from '../../../shared/domain/backendUrl';
import { FUNCTIONS_VERSION } from '../../../shared/domain/functionsVersion';
import type { ServerStatus } from '../../../shared/contract/app';

// Referenced by name: the generated `api` would tie this module's type to every Convex module.
const metaVersion = makeFunctionReference<'query', Record<string, never>, { app: string; functionsVersion: number }>('meta:version');

/** Thrown by our fetch when no answer came at all, so it is told apart from an answer that is an error. */
class NoAnswer extends Error {}

/** `fetch`: the host's HTTP (the desktop's net.fetch, with the system's proxy and certificates); Node's by default. */
export async function checkServer(typed: string, options: { timeoutMs?: number; fetch?: typeof fetch } = {}): Promise<ServerStatus> {
  const url = normalizeBackendUrl(typed);
  const problem = backendUrlProblem(url);
  if (problem) return { state: problem, url, expected: FUNCTIONS_VERSION };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const http = options.fetch ?? fetch;
  const fetchOnce: typeof fetch = async (input, init) => {
    try {
      return await http(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new NoAnswer(String(err));
    }
  };
  const client = new ConvexHttpClient(url, { skipConvexDeploymentUrlCheck: true, fetch: fetchOnce, logger: false });
  let answer: unknown;
  try {
    answer = await client.query(metaVersion, {});
  } catch (err) {
    // It answered, but not with this app's functions (none pushed yet, or another app).
    return { state: err instanceof NoAnswer ? 'unreachable' : 'missing', url, expected: FUNCTIONS_VERSION };
  }
  const { app, functionsVersion } = (answer ?? {}) as { app?: unknown; functionsVersion?: unknown };
  if (app !== 'kafkasder-panel' || typeof functionsVersion !== 'number') return { state: 'missing', url, expected: FUNCTIONS_VERSION };
  const state = functionsVersion < FUNCTIONS_VERSION ? 'older' : functionsVersion > FUNCTIONS_VERSION ? 'newer' : 'ok';
  return { state, url, expected: FUNCTIONS_VERSION, actual: functionsVersion };
}
