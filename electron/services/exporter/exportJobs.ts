// The `export` job: open the export on the server (which writes its audit entry), estimate its
// size, write the file atomically, record the outcome (completed, cancelled or failed) and tell
// open pages the audit log changed.
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { z } from 'zod';
import { api } from '../../../convex/_generated/api';
import type { exportInput, exportProgress, exportResult } from '../../../shared/contract/exportJobs';
import type { Gateway } from '../backend/gateway';
import { AppError } from '../core/appError';
import type { CoreServices } from '../core/services';
import { definedFilters, exportToFile, FILE_EXTENSIONS, type ExportRequest } from './exportToFile';

export type ExportInput = z.output<typeof exportInput>;
export type ExportProgress = z.output<typeof exportProgress>;
export type ExportResult = z.output<typeof exportResult>;

/** The job context the runner hands over (the shape of JobContext<'export'>). */
export interface ExportJobContext {
  jobId: string;
  signal: AbortSignal;
  progress(p: ExportProgress): void;
}

/** What an export needs from its host: the core's services, or the CLI's own. */
export interface ExportDeps {
  gateway: Gateway;
  host: 'electron' | 'web';
  dataDir: string;
  /** Web mode: makes the file downloadable and returns the id. */
  offerDownload?(path: string, name: string): string | undefined;
  /** Called after the audit entry was written. */
  auditChanged?(): void;
  pageSize?: number;
}

/** e.g. bagis-kayitlari → donations-2025-06-01-1530.csv; no user text goes into the name. */
export function defaultFileName(input: Pick<ExportInput, 'collection' | 'format'>, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `${input.collection}-${stamp}.${FILE_EXTENSIONS[input.format]}`;
}

async function resolveTarget(deps: ExportDeps, input: ExportInput): Promise<string> {
  if (input.target === undefined) {
    const dir = join(deps.dataDir, 'exports');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return join(dir, defaultFileName(input));
  }
  // In web mode the browser downloads the file; it may not name paths on the server's disk.
  if (deps.host === 'web') {
    throw new AppError('target_not_allowed', 'In web mode the export is downloaded; a target path is not accepted', 'Web modunda dışa aktarılan dosya indirilir; hedef yol verilemez');
  }
  if (!isAbsolute(input.target)) {
    throw new AppError('invalid_target', `The target must be an absolute path: ${input.target}`, `Hedef tam bir yol olmalı: ${input.target}`);
  }
  const folder = await stat(dirname(input.target)).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new AppError('target_folder_missing', `Folder not found: ${dirname(input.target)}`, `Klasör bulunamadı: ${dirname(input.target)}`);
  }
  return input.target;
}

export async function runExportJob(deps: ExportDeps, input: ExportInput, ctx: ExportJobContext): Promise<ExportResult> {
  const filters = definedFilters({
    collection: input.collection,
    from: input.from,
    to: input.to,
    status: input.status,
    city: input.city,
    category: input.category,
    type: input.type,
  });
  const { collection, ...rest } = filters;
  const fileName = input.target === undefined ? defaultFileName(input) : basename(input.target);
  // Opening writes the export's audit entry on the server; without its handle nothing is read.
  const exportId = await deps.gateway.mutation(api.exports.open, { collection, format: input.format, filters: rest, fileName });
  deps.auditChanged?.();
  let rows = 0;
  const finish = async (status: 'completed' | 'cancelled' | 'failed', error?: string) => {
    try {
      await deps.gateway.mutation(api.exports.finish, {
        exportId,
        rows,
        status,
        ...(error === undefined ? {} : { error: error.slice(0, 500) }),
      });
      deps.auditChanged?.();
    } catch (auditErr) {
      // The export's own outcome matters more; a backend that failed the export may fail this too.
      console.error('export outcome not recorded:', auditErr instanceof Error ? auditErr.message : auditErr);
    }
  };

  try {
    const target = await resolveTarget(deps, input);
    // The count is an estimate for the progress bar: capped ("at least"), or failed, the export
    // still runs to the end of its pages.
    const counted = await deps.gateway.query(api.exports.count, { collection, ...rest }).catch(() => ({ count: 0, capped: true }));
    const request: ExportRequest = { exportId, filters, format: input.format, columns: input.columns, headerLang: input.headerLang, target };
    const done = await exportToFile(deps.gateway, request, {
      signal: ctx.signal,
      pageSize: deps.pageSize,
      onProgress: (written, bytes) => {
        rows = written;
        ctx.progress({ rows: written, totalEstimate: Math.max(counted.count, written), totalCapped: counted.capped, bytes });
      },
    });
    rows = done.rows;
    ctx.progress({ rows, totalEstimate: rows, totalCapped: false, bytes: done.bytes });
    await finish('completed');
    const downloadId = deps.host === 'web' ? deps.offerDownload?.(target, fileName) : undefined;
    return downloadId === undefined ? { file: target, rows } : { file: target, rows, downloadId };
  } catch (err) {
    await finish(ctx.signal.aborted ? 'cancelled' : 'failed', ctx.signal.aborted ? undefined : err instanceof Error ? err.message : String(err));
    throw err;
  }
}

export function createExportJobs(svc: CoreServices): { export: (input: ExportInput, ctx: ExportJobContext) => Promise<ExportResult> } {
  const deps: ExportDeps = {
    gateway: svc.gateway,
    host: svc.host,
    dataDir: svc.dataDir,
    offerDownload: (path, name) => svc.files.offerDownload(path, name),
    auditChanged: () => svc.bus.emit('dataChanged', { collection: 'auditLogs' }),
  };
  return { export: (input, ctx) => runExportJob(deps, input, ctx) };
}
