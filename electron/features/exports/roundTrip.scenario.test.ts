// Exported files read back through the importer's own reader and parseRow give the same records.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../../../convex/_generated/api';
import { exportInput } from '../../../shared/contract/exports';
import { getSpec, parseRow, suggestMapping, type CellValue, type CollectionName } from '../../../shared/domain';
import { inspectSource, readRows } from '../imports/reading/source';
import { startDemoCore, type DemoCore } from '../../web/demoCore';
import { demoDeployment } from '../../core/backend/rehearsal.test-util';
import { createExportsFeature } from './exportsFeature';

let d: DemoCore;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'export-roundtrip-'));
  d = await startDemoCore({ host: 'electron', dataDir: dir, signInAs: 'personel', demo: await demoDeployment() });
});
afterAll(async () => {
  await d.core.close();
});

/** The stored records, in export order, with only their domain fields. */
async function original(collection: CollectionName) {
  const keys = new Set(getSpec(collection).fields.map((f) => f.key));
  const gateway = d.core.services.gateway;
  const exportId = await gateway.mutation(api.exports.open, { collection, format: 'json', filters: {}, fileName: 'original.json' });
  const res = await gateway.query(api.exports.list, { exportId, paginationOpts: { numItems: 100, cursor: null } });
  return res.page.map((doc) => Object.fromEntries(Object.entries(doc).filter(([k]) => keys.has(k))));
}

async function readBack(collection: CollectionName, file: string) {
  const info = await inspectSource(file);
  const mapping = suggestMapping(collection, info.headers);
  // Every exported header maps back to its own field, with full confidence.
  expect(mapping.map((m) => m.field)).toEqual(getSpec(collection).fields.map((f) => f.key));
  expect(mapping.every((m) => m.confidence === 1)).toBe(true);
  const records = [];
  for await (const batch of readRows(file, info)) {
    for (const row of batch) {
      const cells: Record<string, CellValue> = {};
      mapping.forEach((m, i) => m.field && (cells[m.field] = row.cells[i]));
      const parsed = parseRow(collection, cells, { numberStyle: 'tr', partial: false });
      expect(parsed.errors, `row ${row.rowNumber}`).toEqual([]);
      records.push(parsed.record);
    }
  }
  return { info, records };
}

describe.each(['excel-tr', 'xlsx'] as const)('round trip through %s', (format) => {
  test.each(['beneficiaries', 'donations', 'financeRecords'] as const)('%s come back identical', async (collection) => {
    const target = join(dir, `${collection}.${format === 'xlsx' ? 'xlsx' : 'csv'}`);
    const controller = new AbortController();
    await createExportsFeature(d.core.services).jobs.export(exportInput.parse({ collection, format, target: d.core.services.files.grant!(target, ['write']) }), {
      jobId: 'rt',
      signal: controller.signal,
      progress: () => {},
    });
    const { info, records } = await readBack(collection, target);
    expect(info.format).toBe(format === 'xlsx' ? 'xlsx' : 'csv');
    if (format === 'excel-tr') expect(info).toMatchObject({ encoding: 'utf-8-bom', delimiter: ';', lineEnding: '\r\n' });
    const before = await original(collection);
    expect(records).toEqual(before);
    // The demo data really exercises what matters: Turkish letters, money, dates, empty cells.
    expect(before.length).toBeGreaterThan(4);
  });
});
