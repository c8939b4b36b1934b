// One export in its own process, so its peak RSS (VmHWM, bench/peakRss.ts) is its own:
// `child FORMAT ROWS` writes ROWS generated beneficiaries from a Gateway stand-in (no latency, so
// the rows/s are the writer's alone) and prints one JSON line. run.ts runs it bundled, as the app
// ships its main process, so neither tsx's compiler nor its loader is in the figures.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportFormat } from '../../shared/contract/exports';
import { exportToFile } from '../../electron/features/exports/exportToFile';
import { FAKE_EXPORT_ID, fakeRecordGateway } from '../../electron/features/exports/fakeRecordGateway.test-util';
import type { ExportRecord } from '../../electron/features/exports/recordWriter';
import { peakRssMb as peakRss } from '../peakRss';

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

const [format, rowsArg] = process.argv.slice(2) as [ExportFormat, string];
const dir = mkdtempSync(join(tmpdir(), 'export-bench-'));
const target = join(dir, `out.${format}`);
const gateway = fakeRecordGateway({ total: Number(rowsArg), record: beneficiary });
const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
const result = await exportToFile(gateway, { exportId: FAKE_EXPORT_ID, filters: { collection: 'beneficiaries' }, format, target }, { pageSize: 1000 });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
// The whole process's CPU (zlib's deflate threads included): on a loaded machine the wall time is
// mostly waiting for a core.
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const bytes = statSync(target).size;
rmSync(dir, { recursive: true, force: true });
const peakRssMb = peakRss()!;
process.stdout.write(JSON.stringify({ format, rows: result.rows, seconds, rowsPerSecond: result.rows / seconds, cpuSeconds, bytes, peakRssMb }) + '\n');
