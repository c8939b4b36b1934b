// Journey: two office PCs on one deployment. Two desktop cores in two processes, each signed in as
// a different person, import at the same time and one sends a bulk message; the rehearsal
// backend's write-set journal then lists every document two overlapping mutations wrote — what a
// real backend would retry and, past four retries, fail. None may be hot outside the allow-list.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawnRehearsal, type RehearsalProcess } from '../rehearsal/spawn';
import { beneficiaryCsv, importFile, startPc, unexpectedHot, type OfficePc } from './office.test-util';

const ROWS = 3_000;
let backend: RehearsalProcess;
let dir: string;
const pcs: OfficePc[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'journey-two-pcs-'));
  backend = await spawnRehearsal({ demo: true });
}, 120_000);

afterAll(async () => {
  for (const pc of pcs) {
    pc.kill();
    await pc.close();
  }
  await backend?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

test('two PCs import at once and one sends in bulk: no document is written by overlapping mutations', { timeout: 600_000 }, async () => {
  const admin = backend.demoAccounts.find((a) => a.role === 'yonetici')!;
  const staff = backend.demoAccounts.find((a) => a.role === 'personel')!;
  const a = await startPc(backend.url);
  const b = await startPc(backend.url);
  pcs.push(a, b);
  expect(await a.call('signIn', { email: admin.email, password: admin.password })).toMatchObject({ role: 'yonetici' });
  expect(await b.call('signIn', { email: staff.email, password: staff.password })).toMatchObject({ role: 'personel' });
  const { mark } = await backend.journal();

  const fileA = beneficiaryCsv(dir, 'a.csv', ROWS, 500_000);
  const fileB = beneficiaryCsv(dir, 'b.csv', ROWS, 600_000);
  const [ranA, ranB] = await Promise.all([
    importFile(a, fileA, 'a.csv'),
    importFile(b, fileB, 'b.csv'),
    // While both import, a bulk SMS to the demo beneficiaries is enqueued from PC A.
    a.job('bulkSend', { audience: 'beneficiaries', filters: {}, channel: 'sms', title: 'Duyuru', body: 'Yardım dağıtımı cumartesi.', waitForDelivery: false }),
  ]);
  expect(ranA).toMatchObject({ inserted: ROWS, failed: 0 });
  expect(ranB).toMatchObject({ inserted: ROWS, failed: 0 });

  const { entries, hot } = await backend.journal(mark);
  // The scenario really overlapped: both PCs' batches were in flight together.
  const batches = entries.filter((e) => e.fn.startsWith('imports:'));
  expect(new Set(batches.map((e) => e.session)).size).toBeGreaterThanOrEqual(2);
  // Every shared counter or status lives in per-writer documents or is written once at the end.
  expect(unexpectedHot(hot)).toEqual([]);
});
