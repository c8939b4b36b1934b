// Starts a rehearsal backend as its own process (as `npm run rehearse` does, without npm in
// between so that the pid is the server's) and reads the lines it prints once it accepts
// connections. For tests, the dev hosts (web mode, the CLI's memory backend) and the journal.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HotDocument, JournalEntry } from './journal';

/** The checkout this code runs from (also from a bundle under dist/): where live/rehearsal is. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'live', 'rehearsal', 'main.ts'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('the rehearsal backend (live/rehearsal/main.ts) is not in this checkout');
    dir = up;
  }
  return dir;
}

export interface DemoAccount {
  role: 'yonetici' | 'personel' | 'gozlemci';
  email: string;
  password: string;
}

export interface RehearsalProcess {
  url: string;
  siteUrl: string;
  adminKey: string;
  demoAccounts: DemoAccount[];
  /** What the server wrote to stderr so far (its functions' console output among it). */
  stderr(): string;
  /** The journal from `since` (a mark) on, and the documents written by overlapping mutations. */
  journal(since?: number): Promise<{ mark: number; entries: JournalEntry[]; hot: HotDocument[] }>;
  /** Waits until no scheduled function is due or running. */
  settle(): Promise<void>;
  /** Empties the database (the environment stays). */
  reset(): Promise<void>;
  /** Sets environment variables as `npx convex env set` does (the same admin endpoint). */
  setEnv(vars: Record<string, string>): Promise<void>;
  /** Holds calls of `path` whose batchIndex is `from` or later (none counts as 0) until releaseBatches (an import held at a known batch). */
  holdBatches(path: string, from: number): Promise<void>;
  /** How many calls wait at the hold and how many before it finished; null without a hold. */
  batchHold(): Promise<{ waiting: number; doneBefore: number } | null>;
  releaseBatches(): Promise<void>;
  /** Moves the server's clock ahead by `ms` (a test that moved its own clock). */
  advanceClock(ms: number): Promise<void>;
  /** Stops it (SIGTERM: it writes its data first) and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface RehearsalSpawnOptions {
  demo?: boolean;
  /** Convex Auth's keys set (what --demo does before seeding), no data. */
  authKeys?: boolean;
  dataDir?: string;
  /** Default 0: any free port (the site origin too). */
  port?: number;
  /** How long to wait for the printed lines (default 60 s: two cores shared by many runs). */
  timeoutMs?: number;
}

/** The printed `KEY=value` lines: CONVEX_URL, CONVEX_SITE_URL, the admin key, DEMO_ACCOUNT lines. */
export function parseRehearsalLines(text: string): { url?: string; siteUrl?: string; adminKey?: string; demoAccounts: DemoAccount[] } {
  const out: ReturnType<typeof parseRehearsalLines> = { demoAccounts: [] };
  for (const line of text.split('\n')) {
    const [key, ...rest] = line.trim().split('=');
    const value = rest.join('=');
    if (key === 'CONVEX_URL') out.url = value;
    else if (key === 'CONVEX_SITE_URL') out.siteUrl = value;
    else if (key === 'CONVEX_SELF_HOSTED_ADMIN_KEY') out.adminKey = value;
    else if (key === 'DEMO_ACCOUNT') {
      const [role, email, password] = value.split(' ') as [DemoAccount['role'], string, string];
      out.demoAccounts.push({ role, email, password });
    }
  }
  return out;
}

export async function spawnRehearsal(options: RehearsalSpawnOptions = {}): Promise<RehearsalProcess> {
  const root = projectRoot();
  const args = ['--import', 'tsx', join(root, 'live', 'rehearsal', 'main.ts'), '--port', String(options.port ?? 0)];
  if (options.dataDir) args.push('--data', options.dataDir);
  if (options.demo) args.push('--demo');
  if (options.authKeys) args.push('--auth-keys');
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.length > 1_000_000) stderr = stderr.slice(-500_000);
  });
  // Never outlive the process that started it (a test file, a web host that crashed).
  const stopWithUs = () => child.kill('SIGTERM');
  process.once('exit', stopWithUs);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.removeListener('exit', stopWithUs);
      resolve(code);
    }),
  );
  const lines = await new Promise<ReturnType<typeof parseRehearsalLines>>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the rehearsal backend printed no address in time; stderr:\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const parsed = parseRehearsalLines(stdout);
      if (parsed.url && parsed.siteUrl && parsed.adminKey) {
        clearTimeout(timer);
        resolve(parsed);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the rehearsal backend exited (${code}) before it was ready; stderr:\n${stderr}`));
    });
  });
  return {
    url: lines.url!,
    siteUrl: lines.siteUrl!,
    adminKey: lines.adminKey!,
    demoAccounts: lines.demoAccounts,
    stderr: () => stderr,
    ...rehearsalAdmin(lines.url!, lines.adminKey!),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return await exited;
    },
  };
}

/** The admin calls of a running rehearsal backend, from its address and admin key alone. */
export function rehearsalAdmin(url: string, adminKey: string): Omit<RehearsalProcess, 'url' | 'siteUrl' | 'adminKey' | 'demoAccounts' | 'stderr' | 'stop'> {
  const admin = async (path: string, method: 'GET' | 'POST', body?: unknown) => {
    const headers = { Authorization: `Convex ${adminKey}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
    const send = () => fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    // A kept-alive socket the server closed just as a request went out fails with ECONNRESET (seen
    // on a busy machine); a GET only reads, so it is sent once more on a new socket.
    const res = await send().catch((err: unknown) => {
      if (method === 'GET' && (err as { cause?: { code?: string } }).cause?.code === 'ECONNRESET') return send();
      throw err;
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as unknown;
  };
  return {
    journal: async (since = 1) => (await admin(`/rehearsal/journal?since=${since}`, 'GET')) as { mark: number; entries: JournalEntry[]; hot: HotDocument[] },
    settle: async () => void (await admin('/rehearsal/settle', 'POST')),
    reset: async () => void (await admin('/rehearsal/reset', 'POST')),
    setEnv: async (vars) => void (await admin('/api/update_environment_variables', 'POST', { changes: Object.entries(vars).map(([name, value]) => ({ name, value })) })),
    advanceClock: async (ms) => void (await admin(`/rehearsal/advance-clock?ms=${ms}`, 'POST')),
    holdBatches: async (path, from) => void (await admin(`/rehearsal/hold-batches?path=${encodeURIComponent(path)}&from=${from}`, 'POST')),
    batchHold: async () => ((await admin('/rehearsal/hold-batches', 'GET')) as { hold: { waiting: number; doneBefore: number } | null }).hold,
    releaseBatches: async () => void (await admin('/rehearsal/release-batches', 'POST')),
  };
}
