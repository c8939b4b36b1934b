import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../importer.test-util';
import { RunJournal, runDir, type JournalData } from './runJournal';

function journalData(): JournalData {
  return {
    runId: 'r1',
    state: 'running',
    path: '/x.csv',
    fileName: 'x.csv',
    fileSize: 1,
    fileMtimeMs: 1,
    collection: 'beneficiaries',
    mapping: ['fullName'],
    mode: 'insert',
    numberStyle: 'tr',
    today: '2026-12-06',
    batchRows: 10,
    batchBytes: 1000,
    fixes: {},
    skips: [],
    ackedThrough: -1,
    acked: { inserted: 0, updated: 0, failed: 0 },
  };
}

describe('the run journal', () => {
  it.skipIf(process.platform === 'win32')('keeps rejected rows (personal data) in a file only its owner can read', () => {
    const dataDir = tempDir();
    const journal = RunJournal.create(dataDir, journalData());
    journal.acknowledge(0, { inserted: 0, updated: 0, failed: 1 }, [{ rowNumber: 2, errors: [{ field: 'nationalId', code: 'checksum' }] }]);
    expect(statSync(join(runDir(dataDir, 'r1'), 'rejected.ndjson')).mode & 0o777).toBe(0o600);
  });

  it('writes acknowledgements at most once a second, and all of them when the run ends', () => {
    const dataDir = tempDir();
    const journal = RunJournal.create(dataDir, journalData());
    for (let i = 0; i < 100; i++) journal.acknowledge(i, { inserted: 10, updated: 0, failed: 0 }, []);
    // A file write and rename per batch cost the import more CPU than reading its rows.
    expect(RunJournal.load(dataDir, 'r1')!.data.ackedThrough).toBeLessThan(99);
    journal.finish();
    expect(RunJournal.load(dataDir, 'r1')!.data).toMatchObject({ ackedThrough: 99, acked: { inserted: 1000 }, state: 'finished' });
  });
});
