// Files with personal data on this PC are the owner's only (issue #22 item 12): after a file's
// check, a dry run, an import with rejected rows (check store, run journal, error report) and an
// export, every file the core wrote in its data folder is 0600 and every folder 0700, whatever
// the process's umask would have given; the exported file too.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { suggestColumns } from './imports/checking/mapping';
import { inspectSource } from './imports/reading/source';
import { BENEFICIARY_HEADERS, beneficiaryRows, tempDir, writeExcelCsv } from './imports/importer.test-util';
import { runCoreJob } from '../cli/backend';
import { startDemoCore, type DemoCore } from '../web/demoCore';

let demo: DemoCore | undefined;
afterAll(async () => {
  await demo?.core.close();
});

function walk(dir: string): { path: string; mode: number; isDir: boolean }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    const entry = { path, mode: statSync(path).mode & 0o777, isDir: e.isDirectory() };
    return e.isDirectory() ? [entry, ...walk(path)] : [entry];
  });
}

test.skipIf(process.platform === 'win32')('every file the core writes with personal data is 0600, every folder 0700', async () => {
  const dataDir = join(tempDir(), 'data');
  demo = await startDemoCore({ host: 'electron', dataDir, signInAs: 'personel' });
  const { core } = demo;
  const { rows, brokenIndexes } = beneficiaryRows(60);
  expect(brokenIndexes.length).toBeGreaterThan(0);
  const file = writeExcelCsv(join(tempDir(), 'yardım listesi.csv'), BENEFICIARY_HEADERS, rows);
  const info = await inspectSource(file, {});
  const mapping = suggestColumns('beneficiaries', info.headers, []).map((s) => s.field);
  const source = { file: core.services.files.grant!(file, ['read']), headerRow: info.headerRow, collection: 'beneficiaries' as const, mapping };
  const { checkId } = await runCoreJob(core, 'importCheck', { ...source, mode: 'insert' });
  await runCoreJob(core, 'importDryRun', { ...source, checkId, mode: 'insert' });
  const run = await runCoreJob(core, 'importRun', { ...source, mode: 'insert' });
  expect(run.failed).toBe(brokenIndexes.length);
  // An export saved where the person chose (outside the data folder) is theirs only too.
  const target = join(tempDir(), 'liste.csv');
  await runCoreJob(core, 'export', { collection: 'beneficiaries', format: 'csv', target: core.services.files.grant!(target, ['write']) });
  expect((statSync(target).mode & 0o777).toString(8)).toBe('600');

  const entries = walk(dataDir);
  const names = entries.map((e) => e.path.slice(dataDir.length + 1));
  // What the flow is meant to leave: a check store, a run journal, an error report.
  for (const part of ['checks/', 'import-runs/', 'reports/']) expect(names.some((n) => n.includes(part)), part).toBe(true);
  const wrong = entries.filter((e) => e.mode !== (e.isDir ? 0o700 : 0o600)).map((e) => `${e.path.slice(dataDir.length + 1)} ${e.mode.toString(8)}`);
  expect(wrong).toEqual([]);
}, 60_000);
