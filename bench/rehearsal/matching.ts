// People without a TC number at scale (`npm run bench:matching`, issue #23): 40,000 beneficiaries
// are stored through the rehearsal backend (a real import), then a 500-row file of them is compared
// (the dry run) and imported in upsert mode, half of its rows by TC Kimlik No and half without one,
// found by name (another spelling: upper case, words swapped) + birth date. Prints the time of each
// step and the documents the import's batch mutations read per row (the rehearsal's journal; the
// dry run's compareRows runs the same lookups, lib/importBatch assessRow, in a query, which the
// journal does not list). Run it under `nice -n 19` on a shared machine.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MATCH_LIMIT } from '../../convex/lib/importBatch';
import { AuthSession, memoryTokenStore } from '../../electron/core/session/authSession';
import { ConvexGateway } from '../../electron/core/backend/convexGateway';
import { suggestColumns } from '../../electron/features/imports/checking/mapping';
import { inspectSource } from '../../electron/features/imports/reading/source';
import { DryRunStore, runDryRun } from '../../electron/features/imports/running/dryRun';
import { runImport } from '../../electron/features/imports/running/importRun';
import iconv from 'iconv-lite';
import { BENEFICIARY_HEADERS, beneficiaryRow, csvLine, prng } from '../../electron/features/imports/sampleData.test-util';
import { spawnRehearsal } from '../../live/rehearsal/spawn';
import { Targets } from '../targets';

const STORED = Number(process.env.BENCH_STORED ?? 40_000);
const FILE_ROWS = Number(process.env.BENCH_FILE_ROWS ?? 500);
const NAME = 0;
const TC = 1;
const PHONE = 2;
const BIRTH = 4;
// A keyless row may read its rule's ranges (MATCH_LIMIT documents each, two rules), its record and
// a few documents of the run's own bookkeeping per batch; anything near the table size is a scan.
const MAX_READS_PER_ROW = 2 * MATCH_LIMIT + 4;

const dataDir = mkdtempSync(join(tmpdir(), 'kafkasder-bench-matching-'));
/** A file as Turkish Excel saves it (windows-1254, ';', CRLF). */
function writeCsv(path: string, rows: string[][]): string {
  writeFileSync(path, iconv.encode([BENEFICIARY_HEADERS, ...rows].map((c) => csvLine(c)).join('\r\n') + '\r\n', 'windows-1254'));
  return path;
}
const r = prng(23);
const stored = Array.from({ length: STORED }, (_, i) => beneficiaryRow(i, r).cells);
const storedFile = writeCsv(join(dataDir, 'kayitli.csv'), stored);
// Every (STORED / FILE_ROWS)th person, with a new phone: by TC on even rows, without it on odd ones.
const step = Math.floor(STORED / FILE_ROWS);
const fileRows = Array.from({ length: FILE_ROWS }, (_, k) => {
  const cells = [...stored[k * step]!];
  cells[PHONE] = `0544 ${String(100 + (k % 900)).padStart(3, '0')} ${String(k % 100).padStart(2, '0')} ${String((k * 7) % 100).padStart(2, '0')}`;
  if (k % 2 === 1) {
    cells[TC] = '';
    cells[NAME] = cells[NAME]!.split(' ').reverse().join(' ').toLocaleUpperCase('tr-TR');
  }
  return cells;
});
const file = writeCsv(join(dataDir, 'guncelleme.csv'), fileRows);
const keyless = fileRows.filter((c) => c[TC] === '' && c[BIRTH] !== '').length;

const targets = new Targets();
// Generous: under nice -n 19 on a loaded machine the backend takes minutes to start.
const backend = await spawnRehearsal({ demo: true, timeoutMs: 600_000 });
const gateway = new ConvexGateway(backend.url);
try {
  const account = backend.demoAccounts.find((a) => a.role === 'personel')!;
  await new AuthSession(gateway, memoryTokenStore()).signIn(account.email, account.password);
  const mapping = suggestColumns('beneficiaries', BENEFICIARY_HEADERS).map((s) => s.field);

  let t = performance.now();
  const seeded = await runImport({ path: storedFile, collection: 'beneficiaries', mapping, mode: 'insert' }, { gateway, dataDir, lang: 'tr' });
  const seedMs = performance.now() - t;
  console.log(`stored ${seeded.inserted} beneficiaries through the import in ${(seedMs / 1000).toFixed(1)} s (${seeded.failed} refused)`);

  const info = await inspectSource(file);
  const store = await DryRunStore.create(join(dataDir, 'dry-run.ndjson'));
  t = performance.now();
  const summary = await runDryRun(
    { path: file, info, collection: 'beneficiaries', mapping, numberStyle: 'tr', today: new Date().toISOString().slice(0, 10), mode: 'upsert', fixes: new Map(), skips: new Set(), dataRows: new Set() },
    { gateway, store },
  );
  const dryRunMs = performance.now() - t;
  let matched = 0;
  const refusals: Record<string, number> = {};
  for (let offset = 0; offset < FILE_ROWS; offset += 500) {
    for (const row of await store.page(undefined, offset, 500)) {
      if (row.matchedBy) matched++;
      for (const e of row.errors ?? []) refusals[e.code] = (refusals[e.code] ?? 0) + 1;
    }
  }
  await store.close();
  console.log(
    `dry run of ${FILE_ROWS} rows against ${STORED.toLocaleString('en')} stored: ${Math.round(dryRunMs)} ms (${(dryRunMs / FILE_ROWS).toFixed(2)} ms a row); ` +
      `update ${summary.update}, unchanged ${summary.unchanged}, create ${summary.create}, invalid ${summary.invalid} ${JSON.stringify(refusals)}; ` +
      `${matched} of ${keyless} rows without a TC number matched by name and birth date`,
  );

  const { mark } = await backend.journal();
  t = performance.now();
  const out = await runImport({ path: file, info, collection: 'beneficiaries', mapping, mode: 'upsert' }, { gateway, dataDir, lang: 'tr', dryRun: { file: store.path, summary } });
  const importMs = performance.now() - t;
  const batches = (await backend.journal(mark + 1)).entries.filter((e) => e.fn.includes('applyBatch'));
  const reads = batches.reduce((n, e) => n + e.reads.length, 0);
  const sent = out.updated + out.inserted + out.conflict + out.failed;
  const readsPerRow = reads / Math.max(1, sent);
  console.log(
    `import: ${Math.round(importMs)} ms (${(importMs / FILE_ROWS).toFixed(2)} ms a row); updated ${out.updated}, inserted ${out.inserted}, unchanged ${out.unchanged}, failed ${out.failed}; ` +
      `${batches.length} batch mutations read ${reads} documents: ${readsPerRow.toFixed(2)} a row sent (${sent}), at most ${Math.max(0, ...batches.map((b) => b.reads.length))} in one batch`,
  );
  targets.check(matched > 0 && matched >= keyless - (refusals.ambiguous_match ?? 0), `rows without a TC number matched by name and birth date: ${matched} of ${keyless} (${refusals.ambiguous_match ?? 0} ambiguous)`);
  targets.check(readsPerRow <= MAX_READS_PER_ROW, `documents read per imported row ≤ ${MAX_READS_PER_ROW}: ${readsPerRow.toFixed(2)}`);
  targets.check(out.status === 'completed', `the import completed: ${out.status}`);
} catch (err) {
  targets.failed(err instanceof Error ? err.message : String(err));
} finally {
  await gateway.close();
  await backend.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
targets.report();
