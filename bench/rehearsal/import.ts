// The rehearsal backend's speed (`npm run bench:rehearsal`): how long it takes to accept
// connections (plain, and with --demo), and the rows per second of a 10,000-row beneficiaries
// import through it by the real importer over ConvexGateway (the real client), as the journeys do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthSession, memoryTokenStore } from '../../electron/core/session/authSession';
import { ConvexGateway } from '../../electron/core/backend/convexGateway';
import { suggestColumns } from '../../electron/features/imports/checking/mapping';
import { inspectSource } from '../../electron/features/imports/reading/source';
import { runImport } from '../../electron/features/imports/running/importRun';
import { spawnRehearsal } from '../../live/rehearsal/spawn';
import { ensureCsv } from '../import/generate';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const file = join('bench', '.data', `beneficiaries-${ROWS}.csv`);
await ensureCsv(file, ROWS);

let t = performance.now();
const plain = await spawnRehearsal();
const plainStartMs = Math.round(performance.now() - t);
await plain.stop();

t = performance.now();
const backend = await spawnRehearsal({ demo: true });
const demoStartMs = Math.round(performance.now() - t);
const dataDir = mkdtempSync(join(tmpdir(), 'kafkasder-bench-rehearsal-'));
const gateway = new ConvexGateway(backend.url);
try {
  const account = backend.demoAccounts.find((a) => a.role === 'personel')!;
  const session = new AuthSession(gateway, memoryTokenStore());
  await session.signIn(account.email, account.password);
  const info = await inspectSource(file);
  const mapping = suggestColumns('beneficiaries', info.headers).map((s) => s.field);
  t = performance.now();
  const out = await runImport({ path: file, info, collection: 'beneficiaries', mapping, mode: 'insert' }, { gateway, dataDir, lang: 'tr' });
  const importMs = performance.now() - t;
  const { entries, hot } = await backend.journal();
  process.stdout.write(
    `${JSON.stringify({
      plainStartMs,
      demoStartMs,
      rows: out.rows,
      importMs: Math.round(importMs),
      rowsPerSecond: Math.round((out.rows / importMs) * 1000),
      mutations: entries.length,
      hotDocuments: hot.length,
    })}\n`,
  );
} finally {
  await gateway.close();
  await backend.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
