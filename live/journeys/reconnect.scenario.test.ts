// Journey: the server goes away in the middle of an import (restarted for an update, a power cut
// in the server room) and comes back on the same address with its data. The PC shows that it
// cannot reach the server, keeps the import waiting instead of failing it, and finishes it when
// the server is back, every row applied exactly once; the banner clears.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { spawnRehearsal, type RehearsalProcess } from '../rehearsal/spawn';
import { unusedPort } from '../../electron/core/localPorts.test-util';
import { beneficiaryCsv, importFile, startPc, waitFor, type OfficePc } from './office.test-util';

const ROWS = 4_000;
const dir = mkdtempSync(join(tmpdir(), 'journey-reconnect-'));
let backend: RehearsalProcess | null = null;
let pc: OfficePc | null = null;

afterAll(async () => {
  pc?.kill();
  await pc?.close();
  await backend?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function countBeneficiaries(on: OfficePc): Promise<number> {
  let total = 0;
  let cursor: string | null = null;
  for (;;) {
    const page: { page: unknown[]; isDone: boolean; continueCursor: string } = await on.call('listRecords', { collection: 'beneficiaries', cursor, numItems: 200 });
    total += page.page.length;
    if (page.isDone) return total;
    cursor = page.continueCursor;
  }
}

test('the server restarts mid-import: the import waits, resumes and applies every row exactly once; the banner comes and goes', { timeout: 600_000 }, async () => {
  const port = await unusedPort({ andNext: true });
  const data = join(dir, 'backend');
  backend = await spawnRehearsal({ demo: true, dataDir: data, port });
  const staff = backend.demoAccounts.find((a) => a.role === 'personel')!;
  // The PC waits up to two minutes for the server before a call fails (the app's default is 90 s).
  pc = await startPc(backend.url, { env: { KAFKASDER_BACKEND_TIMEOUT_MS: '120000' } });
  await pc.call('signIn', { email: staff.email, password: staff.password });
  const before = await countBeneficiaries(pc);
  expect((await pc.call('getAppInfo', {})).connection.state).toBe('connected');

  const file = beneficiaryCsv(dir, 'liste.csv', ROWS, 700_000);
  const running = importFile(pc, file, 'liste.csv');
  const { mark } = await backend.journal();
  await waitFor('the first batches to land', async () => (await backend!.journal(mark)).entries.filter((e) => e.fn === 'imports:applyBatch').length >= 2);

  await backend.stop('SIGTERM');
  backend = null;
  // The window is told (the connectionState event behind the "cannot reach the server" banner).
  const states = async () => ((await pc!.events('connectionState')) as { state: string }[]).map((s) => s.state);
  await waitFor('the PC to see the server gone', async () => (await states()).includes('disconnected'), 60_000);

  backend = await spawnRehearsal({ dataDir: data, port });
  const result = await running;
  expect(result).toMatchObject({ rows: ROWS, failed: 0 });
  expect(result.inserted).toBe(ROWS);
  await waitFor('the banner to clear', async () => (await states()).at(-1) === 'connected', 60_000);
  expect((await pc.call('getAppInfo', {})).connection.state).toBe('connected');
  expect(await countBeneficiaries(pc)).toBe(before + ROWS);
});
