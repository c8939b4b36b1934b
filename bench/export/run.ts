// Export benchmark: 1M generated records from a Gateway stand-in (no latency) into each format.
// Each format runs in its own child process so its peak RSS (process.resourceUsage().maxRSS) is
// its own. Run: npx tsx bench/export/run.ts [rows] [formats,comma,separated]. Targets (at the
// default 1M rows, all formats): XLSX ≥ 100,000 rows/s, ≥ 0.35 × CSV in the same run, peak RSS
// ≤ 200 MB; the run exits 1 when one is missed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExportFormat } from '../../shared/contract/exports';
import { exportToFile } from '../../electron/services/exporter/exportToFile';
import { FAKE_EXPORT_ID, fakeRecordGateway } from '../../electron/services/exporter/fakeRecordGateway';
import type { ExportRecord } from '../../electron/services/exporter/recordWriter';
import { loadText, Targets } from '../targets';

const FORMATS: ExportFormat[] = ['excel-tr', 'csv', 'json', 'xlsx'];
const CITIES = ['İstanbul', 'Ankara', 'İzmir', 'Kars', 'Iğdır', 'Şanlıurfa', 'Muğla', 'Çorum'];
const NAMES = ['Mehmet Demir', 'Zeynep Kaya', 'Ali Çelik', 'Fatma Şahin', 'Hüseyin Aydın', 'Elif Öztürk', 'Ayşe Doğan'];
const CATEGORIES = ['yetim', 'yasli', 'engelli', 'ogrenci', 'multeci', 'diger'];

/** A beneficiary-shaped record (all 14 fields, some empty) generated from its index. */
function beneficiary(i: number): ExportRecord {
  const n = (i * 7919) % 1_000_000_000;
  return {
    _id: `id${i}`,
    _creationTime: 1_700_000_000_000 + i,
    createdAt: 1_700_000_000_000 + i,
    updatedAt: 1_700_000_000_000 + i,
    fullName: NAMES[i % NAMES.length],
    nationalId: String(10_000_000_000 + n),
    phone: i % 3 === 0 ? undefined : `+90532${String(n % 10_000_000).padStart(7, '0')}`,
    email: i % 5 === 0 ? `kisi${i}@example.org` : undefined,
    birthDate: `19${50 + (i % 50)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    city: CITIES[i % CITIES.length],
    district: i % 2 ? 'Merkez' : undefined,
    address: i % 4 === 0 ? `Cumhuriyet Mah. ${i % 90}. Sok. No: ${i % 40}` : undefined,
    householdSize: 1 + (i % 9),
    monthlyIncome: (i % 4000) * 2500 + 17,
    iban: i % 6 === 0 ? 'TR330006100519786457841326' : undefined,
    category: CATEGORIES[i % CATEGORIES.length],
    status: i % 10 === 0 ? 'pasif' : 'aktif',
    notes: i % 8 === 0 ? 'Kira yardımı; "acil" değerlendirme' : undefined,
  };
}

async function child(format: ExportFormat, rows: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'export-bench-'));
  const target = join(dir, `out.${format}`);
  const gateway = fakeRecordGateway({ total: rows, record: beneficiary });
  const started = process.hrtime.bigint();
  const result = await exportToFile(gateway, { exportId: FAKE_EXPORT_ID, filters: { collection: 'beneficiaries' }, format, target }, { pageSize: 1000 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const bytes = statSync(target).size;
  rmSync(dir, { recursive: true, force: true });
  // maxRSS is in kilobytes.
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ format, rows: result.rows, seconds, rowsPerSecond: result.rows / seconds, bytes, peakRssMb }) + '\n');
}

interface Figures {
  rowsPerSecond: number;
  seconds: number;
  bytes: number;
  peakRssMb: number;
}

function parent(rows: number, formats: ExportFormat[]): void {
  const script = fileURLToPath(import.meta.url);
  console.log(`export benchmark: ${rows.toLocaleString('en')} rows of beneficiaries (14 columns), Node ${process.version} (${loadText()})`);
  console.log('format     rows/s      seconds   file MB   peak RSS MB');
  const figures = new Map<ExportFormat, Figures>();
  const targets = new Targets();
  for (const format of formats) {
    const run = spawnSync(process.execPath, [...process.execArgv, script, '--child', format, String(rows)], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (run.status !== 0) {
      console.error(`${format}: failed\n${run.stderr}`);
      targets.failed(`${format} (exit ${run.status ?? run.signal})`);
      continue;
    }
    const r = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Figures;
    figures.set(format, r);
    console.log(
      `${format.padEnd(10)} ${Math.round(r.rowsPerSecond).toLocaleString('en').padStart(9)}  ${r.seconds.toFixed(2).padStart(9)}  ${(r.bytes / 1e6).toFixed(1).padStart(8)}  ${r.peakRssMb.toFixed(0).padStart(12)}`,
    );
  }
  const xlsx = figures.get('xlsx');
  const csv = figures.get('csv');
  if (xlsx) {
    targets.check(xlsx.rowsPerSecond >= 100_000, `XLSX ≥ 100,000 rows/s: ${Math.round(xlsx.rowsPerSecond).toLocaleString('en')}`);
    targets.check(xlsx.peakRssMb <= 200, `XLSX peak RSS ≤ 200 MB: ${xlsx.peakRssMb.toFixed(0)} MB`);
    if (csv) targets.check(xlsx.rowsPerSecond >= 0.35 * csv.rowsPerSecond, `XLSX ≥ 0.35 × CSV (same run): ${(xlsx.rowsPerSecond / csv.rowsPerSecond).toFixed(2)} ×`);
  }
  targets.report();
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  await child(args[1] as ExportFormat, Number(args[2]));
} else {
  const rows = Number(args[0] ?? 1_000_000);
  const formats = (args[1]?.split(',') as ExportFormat[] | undefined) ?? FORMATS;
  parent(rows, formats);
}
