// Test rig for the importer: temp folders, Turkish-Excel CSV files, and core services over a
// seeded rehearsal backend (backend/rehearsal.test-util.ts), reached through the real client.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { api } from '../../../convex/_generated/api';
import { testBackend, type TestBackend } from '../../core/backend/rehearsal.test-util';
import type { Gateway } from '../../core/backend/gateway';
import { signedInMemory } from '../../core/session/signedIn.test-util';
import { localFiles } from '../../core/localFiles.test-util';
import { SettingsStore } from '../../core/storage/settingsStore';
import type { ImportDeps } from './importEngine';
import { BENEFICIARY_HEADERS, beneficiaryRow, csvLine, prng } from './sampleData.test-util';
import { BackendUnreachableError } from '../../core/backend/backendErrors';

export const tempDir = (prefix = 'kafkasder-imp-') => mkdtempSync(join(tmpdir(), prefix));

/** Writes a CSV the way Turkish Excel saves it: windows-1254, ';', CRLF, no BOM. */
export function writeExcelCsv(file: string, headers: string[], rows: string[][], encoding: 'windows-1254' | 'utf-8-bom' = 'windows-1254'): string {
  const text = [headers, ...rows].map((r) => csvLine(r)).join('\r\n') + '\r\n';
  writeFileSync(file, encoding === 'windows-1254' ? iconv.encode(text, 'windows-1254') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
  return file;
}

/** n beneficiary rows; rows listed in `broken` (0-based) get the sample's deliberate error. */
export function beneficiaryRows(n: number, seed = 1): { rows: string[][]; brokenIndexes: number[] } {
  const r = prng(seed);
  const rows: string[][] = [];
  const brokenIndexes: number[] = [];
  for (let i = 0; i < n; i++) {
    const { cells, broken } = beneficiaryRow(i, r, { invalidShare: 0.1 });
    rows.push(cells);
    if (broken) brokenIndexes.push(i);
  }
  return { rows, brokenIndexes };
}

export { BENEFICIARY_HEADERS };

export interface Rig {
  services: ImportDeps;
  gateway: Gateway;
  memory: TestBackend;
  dataDir: string;
}

export async function memoryRig(dataDir = tempDir()): Promise<Rig> {
  const memory = await testBackend();
  await signedInMemory(memory, 'personel');
  const gateway: Gateway = memory;
  const settings = new SettingsStore(dataDir);
  const services: ImportDeps = { gateway, settings, dataDir, files: localFiles };
  return { services, gateway, memory, dataDir };
}

/** Every beneficiary in the backend (small tables only). */
export async function allBeneficiaries(gateway: Gateway): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page: { page: unknown[]; isDone: boolean; continueCursor: string } = await gateway.mutation(api.records.list, { collection: 'beneficiaries', paginationOpts: { cursor, numItems: 200 } });
    out.push(...(page.page as Record<string, unknown>[]));
    if (page.isDone) return out;
    cursor = page.continueCursor;
  }
}

/**
 * Wraps a gateway: ingestBatch calls fail once `failAfter` batches went through, as ConvexGateway's
 * calls fail when the server stays unreachable for its whole timeout.
 */
const DOWN_URL = 'http://127.0.0.1:9';

export function flakyGateway(inner: Gateway, failAfter: number): Gateway & { calls: number; down: boolean } {
  const g: Gateway & { calls: number; down: boolean } = {
    kind: inner.kind,
    calls: 0,
    down: false,
    query: inner.query,
    mutation: ((fn: never, args: never) => (g.down ? Promise.reject(new BackendUnreachableError(DOWN_URL, 1000)) : inner.mutation(fn, args))) as Gateway['mutation'],
    action: ((fn: never, args: never) => {
      if (g.down || g.calls >= failAfter) {
        g.down = true;
        return Promise.reject(new BackendUnreachableError(DOWN_URL, 1000));
      }
      g.calls++;
      return inner.action(fn, args);
    }) as Gateway['action'],
    watch: inner.watch,
    setAuth: inner.setAuth,
    anonymousAction: inner.anonymousAction,
    close: inner.close,
  };
  return g;
}
