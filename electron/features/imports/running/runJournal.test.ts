import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../importer.test-util';
import { RunJournal, runDir, type JournalData } from './runJournal';

describe('the run journal', () => {
  it.skipIf(process.platform === 'win32')('keeps rejected rows (personal data) in a file only its owner can read', () => {
    const dataDir = tempDir();
    const data: JournalData = {
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
    const journal = RunJournal.create(dataDir, data);
    journal.acknowledge(0, { inserted: 0, updated: 0, failed: 1 }, [{ rowNumber: 2, errors: [{ field: 'nationalId', code: 'checksum' }] }]);
    expect(statSync(join(runDir(dataDir, 'r1'), 'rejected.ndjson')).mode & 0o777).toBe(0o600);
  });
});
