// Per-stage timing of the check pass on one CSV (diagnostics for optimising; not part of run.ts):
// `npx tsx bench/import/micro.ts bench/.data/beneficiaries-100k.csv`
import { inspectSource, readRows } from '../../electron/features/imports/reading/source';
import { suggestColumns } from '../../electron/features/imports/checking/mapping';
import { DuplicateKeys } from '../../electron/features/imports/checking/duplicateKeys';
import { RowParser } from '../../electron/features/imports/checking/rowParsing';
import type { SourceRow } from '../../electron/features/imports/reading/source';

const file = process.argv[2] ?? '';
const info = await inspectSource(file);
const mapping = suggestColumns('beneficiaries', info.headers).map((s) => s.field);
let t = performance.now();
const all: SourceRow[] = [];
for await (const batch of readRows(file, info, { chunkRows: 2000 })) for (const r of batch) all.push(r);
const readMs = performance.now() - t;
const parser = new RowParser({ collection: 'beneficiaries', mapping, numberStyle: 'tr', partial: false, today: '2025-06-01' });
for (let pass = 0; pass < 3; pass++) {
  const dups = new DuplicateKeys(parser.naturalKey);
  t = performance.now();
  let bad = 0;
  for (const r of all) {
    const res = parser.parse(r.cells);
    if (dups.check(parser.keyOf(res), r.rowNumber)) bad++;
    if (res.errors.length) bad++;
  }
  const parseMs = performance.now() - t;
  console.log(`read ${all.length} rows ${(readMs / all.length * 1000).toFixed(2)} µs/row; parse ${(parseMs / all.length * 1000).toFixed(2)} µs/row (bad ${bad})`);
}
