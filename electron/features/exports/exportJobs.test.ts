import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { api } from '../../../convex/_generated/api';
import type { z } from 'zod';
import { exportInput, type exportProgress } from '../../../shared/contract/exports';
import { startDemoCore, type DemoCore } from '../../web/demoCore';
import { demoDeployment } from '../../core/backend/rehearsal.test-util';
import { FileGrants } from '../../core/fileGrants';
import { createExportsFeature } from './exportsFeature';
import { runExportJob, type ExportDeps, type ExportJobContext } from './exportJobs';

type ExportProgress = z.output<typeof exportProgress>;
import { fakeRecordGateway } from './fakeRecordGateway.test-util';

const opened: DemoCore[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.core.close();
});

async function demo(host: 'web' | 'electron') {
  const dataDir = mkdtempSync(join(tmpdir(), 'export-job-'));
  const d = await startDemoCore({ host, dataDir, signInAs: 'personel', demo: await demoDeployment() });
  opened.push(d);
  return { ...d, dataDir };
}

function context(onProgress?: (p: ExportProgress, abort: () => void) => void) {
  const controller = new AbortController();
  const progress: ExportProgress[] = [];
  const ctx: ExportJobContext = {
    jobId: 'job-1',
    signal: controller.signal,
    progress: (p) => {
      progress.push(p);
      onProgress?.(p, () => controller.abort());
    },
  };
  return { ctx, progress };
}

async function auditEntries(d: DemoCore) {
  const res = await d.core.services.gateway.query(api.audit.list, { paginationOpts: { numItems: 20, cursor: null } });
  return res.page.filter((e) => e.action === 'export');
}

describe('export job (desktop)', () => {
  test('writes the target, reports progress, audits completion and announces the audit change', async () => {
    const d = await demo('electron');
    const events: unknown[] = [];
    d.core.bus.subscribe((name, payload) => events.push({ name, payload }));
    const target = join(d.dataDir, 'ihtiyac-sahipleri.csv');
    // The id the save dialog would have handed out.
    const targetId = d.core.services.files.grant!(target, ['write']);
    const { ctx, progress } = context();
    const result = await createExportsFeature(d.core.services).jobs.export(
      exportInput.parse({ collection: 'beneficiaries', status: 'aktif', target: targetId }),
      ctx,
    );
    expect(result).toEqual({ file: target, rows: 9, fileId: expect.stringMatching(/^file:/) });
    // The result's id shows the file; the target id cannot (it was given for writing only... and revealing is its own grant).
    expect(d.core.services.files.resolve(result.fileId!, 'reveal')?.path).toBe(target);
    expect(d.core.services.files.resolve(result.fileId!, 'write')).toBeUndefined();
    expect(existsSync(target)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ rows: 9, totalEstimate: 9 });
    expect(progress.at(-1)!.bytes).toBeGreaterThan(100);
    const [entry] = await auditEntries(d);
    expect(entry).toMatchObject({
      collection: 'beneficiaries',
      actorName: 'Mehmet Kara',
      summary: { format: 'excel-tr', filters: { status: 'aktif' }, matchingRows: 9, reportedRows: 9, status: 'completed', fileName: 'ihtiyac-sahipleri.csv' },
    });
    expect(events).toContainEqual({ name: 'dataChanged', payload: { collection: 'auditLogs' } });

    // The same people anonymised, for statistics: no name, TC, phone, e-mail, IBAN, address or note
    // of the full file is in it, birth dates are years, and the audit entries say it was anonymised.
    const full = readFileSync(target, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(';'));
    const identifying = ['Ad Soyad', 'TC Kimlik No', 'Telefon', 'E-posta', 'IBAN', 'Adres', 'Notlar'].map((h) => full[0]!.indexOf(h));
    const identifiers = full.slice(1).flatMap((row) => identifying.map((i) => row[i]!)).filter((v) => v !== '');
    expect(identifiers.length).toBeGreaterThan(20);
    const anonTarget = join(d.dataDir, 'istatistik.csv');
    await createExportsFeature(d.core.services).jobs.export(
      exportInput.parse({ collection: 'beneficiaries', status: 'aktif', format: 'csv', anonymised: true, target: d.core.services.files.grant!(anonTarget, ['write']) }),
      context().ctx,
    );
    const anon = readFileSync(anonTarget, 'utf8');
    expect(anon.split('\r\n')[0]).toBe('Doğum Yılı,İl,İlçe,Hane Nüfusu,Aylık Gelir,Kategori,Durum');
    expect(identifiers.filter((v) => anon.includes(v))).toEqual([]);
    expect(anon).toContain('\r\n2004,Ankara,Keçiören,');
    const [anonEntry] = await auditEntries(d);
    expect(anonEntry).toMatchObject({ summary: { anonymised: true, status: 'completed', fileName: 'istatistik.csv' } });
  });

  test('cancelled about half way: nothing at the target, no temporary file, audit says cancelled', async () => {
    const d = await demo('electron');
    const dir = mkdtempSync(join(tmpdir(), 'export-cancel-'));
    const target = join(dir, 'yarim.xlsx');
    const files = new FileGrants();
    const deps: ExportDeps = { gateway: d.core.services.gateway, host: 'electron', dataDir: d.dataDir, files, pageSize: 3 };
    const { ctx } = context((p, abort) => p.rows >= 6 && abort());
    await expect(runExportJob(deps, exportInput.parse({ collection: 'beneficiaries', format: 'xlsx', target: files.grant(target, ['write']) }), ctx)).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    const [entry] = await auditEntries(d);
    expect(entry?.summary).toMatchObject({ status: 'cancelled', reportedRows: 6, format: 'xlsx', fileName: 'yarim.xlsx' });
  });

  test('a backend failure mid-export leaves nothing behind and is audited as failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-fail-'));
    const target = join(dir, 'bagislar.csv');
    const gateway = fakeRecordGateway({ total: 10, record: (i) => ({ receiptNo: `R-${i}`, donorName: 'A B', amount: 100, date: '2025-01-01' }), failOnPage: 2 });
    const files = new FileGrants();
    const deps: ExportDeps = { gateway, host: 'electron', dataDir: dir, files, pageSize: 2 };
    const { ctx } = context();
    await expect(runExportJob(deps, exportInput.parse({ collection: 'donations', target: files.grant(target, ['write']) }), ctx)).rejects.toThrow('backend unavailable');
    expect(readdirSync(dir)).toEqual([]);
    expect(gateway.audits).toEqual([
      expect.objectContaining({ status: 'started', collection: 'donations', filters: {}, fileName: 'bagislar.csv' }),
      expect.objectContaining({ status: 'failed', rows: 4, error: 'backend unavailable', collection: 'donations', filters: {} }),
    ]);
  });

  test('an existing file at the target survives a cancelled export untouched', async () => {
    const { writeFileSync, readFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'export-keep-'));
    const target = join(dir, 'eski.csv');
    writeFileSync(target, 'önceki dosya');
    const gateway = fakeRecordGateway({ total: 10, record: (i) => ({ receiptNo: `R-${i}`, donorName: 'A B', amount: 100, date: '2025-01-01' }) });
    const { ctx } = context((p, abort) => p.rows >= 4 && abort());
    const files = new FileGrants();
    await expect(
      runExportJob({ gateway, host: 'electron', dataDir: dir, files, pageSize: 2 }, exportInput.parse({ collection: 'donations', target: files.grant(target, ['write']) }), ctx),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(readFileSync(target, 'utf8')).toBe('önceki dosya');
    expect(readdirSync(dir)).toEqual(['eski.csv']);
  });

  test('refuses unknown columns, paths, ids it did not hand out for writing and missing folders before writing anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-bad-'));
    const gateway = fakeRecordGateway({ total: 1, record: () => ({}) });
    const files = new FileGrants();
    const deps: ExportDeps = { gateway, host: 'electron', dataDir: dir, files };
    const run = (extra: Record<string, unknown>) =>
      runExportJob(deps, exportInput.parse({ collection: 'donations', ...extra }), context().ctx);
    await expect(run({ target: files.grant(join(dir, 'a.csv'), ['write']), columns: ['amount', 'nope'] })).rejects.toMatchObject({ code: 'invalid_column' });
    // A path is not a target at all; a made-up id, or one given only to show a file, is refused.
    expect(() => exportInput.parse({ collection: 'donations', target: join(dir, 'a.csv') })).toThrow();
    await expect(run({ target: 'file:00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'target_not_allowed' });
    await expect(run({ target: files.grant(join(dir, 'b.csv'), ['reveal']) })).rejects.toMatchObject({ code: 'target_not_allowed' });
    await expect(run({ target: files.grant(join(dir, 'yok', 'a.csv'), ['write']) })).rejects.toMatchObject({ code: 'target_folder_missing' });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('export job (web)', () => {
  test('without a target the file goes to dataDir and is offered as a download', async () => {
    const d = await demo('web');
    const { ctx } = context();
    const result = await createExportsFeature(d.core.services).jobs.export(exportInput.parse({ collection: 'donations', format: 'json' }), ctx);
    expect(result.file.startsWith(join(d.dataDir, 'exports'))).toBe(true);
    expect(result.file).toMatch(/donations-\d{4}-\d{2}-\d{2}-\d{6}\.json$/);
    expect(result.rows).toBe(6);
    expect(result.downloadId).toEqual(expect.any(String));
    expect(d.uploads.resolve('upload:' + result.downloadId)).toBeUndefined(); // a download, not an upload
  });

  test('a target from the browser is refused, even an upload id', async () => {
    const d = await demo('web');
    await expect(
      createExportsFeature(d.core.services).jobs.export(exportInput.parse({ collection: 'donations', target: 'upload:00000000-0000-4000-8000-000000000000' }), context().ctx),
    ).rejects.toMatchObject({ code: 'target_not_allowed' });
  });
});

describe('through the core (job runner and handler table)', () => {
  test('countRecords answers with the filters, and the export job runs to jobDone with progress events', async () => {
    const d = await demo('electron');
    expect(await d.core.dispatch('countRecords', { collection: 'financeRecords', type: 'gider' })).toEqual({
      ok: true,
      value: { count: 4, capped: false },
    });
    const target = join(d.dataDir, 'gider.xlsx');
    const events: Array<{ name: string; payload: unknown }> = [];
    const done = new Promise<unknown>((resolve) =>
      d.core.bus.subscribe((name, payload) => {
        events.push({ name, payload });
        if (name === 'jobDone' || name === 'jobFailed') resolve(payload);
      }),
    );
    const started = await d.core.dispatch('startJob', {
      kind: 'export',
      input: { collection: 'financeRecords', type: 'gider', format: 'xlsx', target: d.core.services.files.grant!(target, ['write']) },
    });
    expect(started.ok).toBe(true);
    expect(await done).toMatchObject({ kind: 'export', result: { file: target, rows: 4 } });
    expect(events.some((e) => e.name === 'jobProgress')).toBe(true);
    expect(existsSync(target)).toBe(true);
  });
});
