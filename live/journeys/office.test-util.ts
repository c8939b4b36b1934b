// What the multi-PC journeys share: an office PC is the desktop core in a process of its own
// (headlessApp.ts) over a deployment URL, with its own data folder, driven over a control
// channel; and the beneficiary files staff drop on it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BENEFICIARY_HEADERS, beneficiaryRow, csvLine, prng, tcFor } from '../../electron/features/imports/sampleData.test-util';
import { startControl, type AppControl } from './control.test-util';

const repo = fileURLToPath(new URL('../..', import.meta.url));
export const HEADLESS_APP = join(repo, 'live/journeys/headlessApp.ts');
export const TSX_LOADER = pathToFileURL(join(repo, 'node_modules/tsx/dist/loader.mjs')).href;

export interface OfficePc extends AppControl {
  child: ChildProcess;
  dataDir: string;
  /** Ends the process at once, as a crash or a pulled plug would (no quit, no core.close). */
  kill(): void;
  exited: Promise<number | null>;
}

export async function startPc(convexUrl: string, options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<OfficePc> {
  const control = await startControl();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'journey-pc-'));
  const child = spawn(process.execPath, ['--import', TSX_LOADER, HEADLESS_APP], {
    cwd: dataDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { PATH: process.env.PATH, HOME: dataDir, CONVEX_URL: convexUrl, JOURNEY_CONTROL_URL: control.url, JOURNEY_DATA_DIR: dataDir, ...options.env },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { ...control, child, dataDir, exited, kill: () => void child.kill('SIGKILL') };
}

/** A beneficiaries CSV as Turkish Excel saves one (';'), all rows valid; `first` shifts the people so files do not overlap. */
export function beneficiaryCsv(dir: string, name: string, rows: number, first = 0): string {
  const r = prng(first + 1);
  let text = csvLine(BENEFICIARY_HEADERS) + '\r\n';
  for (let i = first; i < first + rows; i++) text += csvLine(beneficiaryRow(i, r, { invalidShare: 0 }).cells) + '\r\n';
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The people of beneficiaryCsv(…, rows, first) agree to SMS and e-mail, as staff record it from their forms (bulk send reaches only them). */
export async function consentAll(pc: AppControl, rows: number, first = 0): Promise<void> {
  const people = Array.from({ length: rows }, (_, k) => tcFor(first + k));
  for (let k = 0; k < people.length; k += 25) {
    await Promise.all(
      people.slice(k, k + 25).flatMap((nationalId) =>
        (['sms', 'email'] as const).map((purpose) => pc.call('recordConsent', { nationalId, purpose, noticeVersion: '2025-01', givenAt: Date.now(), method: 'paper' })),
      ),
    );
  }
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Imports a file on a PC as the wizard does: inspect, take the suggested mapping, run. */
export async function importFile(pc: AppControl, path: string, name: string) {
  const file = await pc.grant(path);
  const inspected = await pc.call('inspectImportFile', { file, collection: 'beneficiaries' });
  const mapping = inspected.suggestions!.map((s) => s.field);
  return await pc.job('importRun', { file, collection: 'beneficiaries', mapping, mode: 'insert', fileName: name });
}

/**
 * Documents two overlapping mutations may both write, and why that is acceptable (a real backend
 * retries the later one once). Anything else — above all two claims or reports of one delivery,
 * or any shared counter — fails the journey.
 */
const onlyAuthStore = (fns: string[]) => fns.every((f) => f === 'auth:store');
const HOT_ALLOWED: Record<string, { allows: (fns: string[]) => boolean; why: string }> = {
  // Convex Auth's own writes of one session and its refresh token (auth:store), close together
  // around a sign-in or sign-out (the journal counts writes within its window as overlapping).
  authRefreshTokens: { allows: onlyAuthStore, why: 'Convex Auth’s own writes of one session' },
  authSessions: { allows: onlyAuthStore, why: 'Convex Auth’s own writes of one session' },
  // A message made by one mutation (the import's notice, a campaign chunk) and claimed by a PC the
  // moment it exists: one claim, no second claim or report.
  deliveries: { allows: (fns) => fns.filter((f) => f.startsWith('outbox:')).length <= 1, why: 'made and claimed at once' },
};

/** The journal's hot documents outside HOT_ALLOWED, one line each (table, id, writers). */
export function unexpectedHot(hot: { table: string; id: string; writers: { fn: string }[] }[]): string[] {
  return hot.filter((h) => !HOT_ALLOWED[h.table]?.allows(h.writers.map((w) => w.fn))).map((h) => `${h.table} ${h.id}: ${h.writers.map((w) => w.fn).join(', ')}`);
}
