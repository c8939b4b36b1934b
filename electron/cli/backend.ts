// The CLI's one backend rule, for every command that reaches data: --backend (a URL or
// `memory`), else what the app would find (CONVEX_URL, then .env.local in the working folder).
// Nothing found stops the command: writing into a throw-away in-memory database must be asked for.
import { join } from 'node:path';
import { backendTimeoutMs, ConvexGateway } from '../services/backend/convexGateway';
import type { Gateway } from '../services/backend/gateway';
import { MemoryGateway } from '../services/backend/memoryGateway';
import { backendUrlProblem, readEnvFile, resolveBackend } from '../services/backend/resolveBackend';
import { AppError } from '../services/core/appError';
import type { CliArgs } from './args';
import { signInDemo, signInStaff } from './signIn';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Relative paths and .env.local are taken from here (default: process.cwd()). */
  workDir?: string;
  env?: NodeJS.ProcessEnv;
}

export interface CliBackend {
  gateway: Gateway;
  /** The demo data set in memory, gone when the command ends. */
  memory: boolean;
  close(): Promise<void>;
}

/** The backend's URL (or 'memory') by the rule above; refuses none and cleartext to another machine. */
export function backendUrl(args: Pick<CliArgs, 'backend'>, io: CliIo): string {
  const url =
    args.backend ??
    resolveBackend({ env: io.env ?? process.env, settingsUrl: null, envLocal: readEnvFile(join(io.workDir ?? process.cwd(), '.env.local')) })?.url;
  if (!url) throw new AppError('usage', 'No backend: pass --backend URL or --backend memory', 'Sunucu belirtilmedi: --backend URL ya da --backend memory verin');
  if (url === 'memory') return url;
  const problem = backendUrlProblem(url);
  if (problem === 'invalid') throw new AppError('usage', `--backend must be a URL or memory: ${url}`, `--backend bir URL ya da memory olmalı: ${url}`);
  if (problem === 'not-https') {
    throw new AppError(
      'usage',
      `--backend must be https (http only for a server on this PC): ${url}`,
      `--backend https olmalı (http yalnızca bu bilgisayardaki sunucu için): ${url}`,
    );
  }
  return url;
}

/** Connects and signs in: as the demo administrator in memory, else as --email. */
export async function openBackend(args: Pick<CliArgs, 'backend' | 'email'>, io: CliIo): Promise<CliBackend> {
  const env = io.env ?? process.env;
  const url = backendUrl(args, io);
  if (url === 'memory') {
    const memory = new MemoryGateway();
    const { gateway, session } = await signInDemo(memory);
    return { gateway, close: async () => (await session.close(), await memory.close()), memory: true };
  }
  const convex = new ConvexGateway(url, { timeoutMs: backendTimeoutMs(env) });
  try {
    const { gateway, session } = await signInStaff(convex, args.email, env);
    return { gateway, close: async () => (await session.close(), await convex.close()), memory: false };
  } catch (err) {
    await convex.close();
    throw err;
  }
}
