// The `export` job: open the export on the server (which writes its audit entry), estimate its
// size, write the file atomically, record the outcome (completed, cancelled or failed) and tell
// open pages the audit log changed.
import { basename } from 'node:path';
import type { z } from 'zod';
import { api } from '../../../convex/_generated/api';
import type { exportInput, exportResult } from '../../../shared/contract/exports';
import { classifyBackendError } from '../../core/backend/backendErrors';
import type { Gateway } from '../../core/backend/gateway';
import { fileStamp, resolveTarget } from '../../core/exportTarget';
import type { JobContext } from '../../core/jobRunner';
import type { FileAccess } from '../../core/services';
import { resolveColumns } from './columns';
import { definedFilters, exportToFile, type ExportRequest } from './exportToFile';
import { EXPORT_EXTENSIONS, type FinishedStatus } from '../../../shared/domain/vocabularies';
import type { HostKind } from '../../../shared/domain/vocabularies';

export type ExportInput = z.output<typeof exportInput>;
export type ExportResult = z.output<typeof exportResult>;

/** The job context the runner hands over; the CLI passes its own. */
export type ExportJobContext = JobContext<'export'>;

/** What an export needs from its host: the core's services, or the CLI's own. */
export interface ExportDeps {
  gateway: Gateway;
  host: HostKind;
  dataDir: string;
  /** Turns the target id into a path, and hands the written file back (a download or reveal id). */
  files: FileAccess;
  /** Called after the audit entry was written. */
  auditChanged?(): void;
  pageSize?: number;
}

/** e.g. bagis-kayitlari → donations-2025-06-01-153000.csv; no user text goes into the name. */
export function defaultFileName(input: Pick<ExportInput, 'collection' | 'format'>, now = new Date()): string {
  return `${input.collection}-${fileStamp(now)}.${EXPORT_EXTENSIONS[input.format]}`;
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
  // A target that cannot be used fails here, before anything is read.
  const target = await resolveTarget(deps, input.target, () => defaultFileName(input));
  const fileName = basename(target);
  // Opening writes the export's audit entry on the server; without its handle nothing is read.
  const anonymised = input.anonymised === true;
  // Column problems (an identifying column asked for in an anonymised export) before anything is opened.
  resolveColumns(collection, input.columns, input.headerLang ?? 'tr', anonymised);
  const exportId = await deps.gateway.mutation(api.exports.open, {
    collection,
    format: input.format,
    filters: rest,
    fileName,
    ...(anonymised ? { anonymised } : {}),
  });
  deps.auditChanged?.();
  let rows = 0;
  const finish = async (status: FinishedStatus, error?: string) => {
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
    // The count is an estimate for the progress bar: capped ("at least"), or failed, the export
    // still runs to the end of its pages.
    const counted = await deps.gateway.query(api.exports.count, { collection, ...rest }).catch(() => ({ count: 0, capped: true }));
    const request: ExportRequest = { exportId, filters, format: input.format, columns: input.columns, headerLang: input.headerLang, anonymised, target };
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
    const downloadId = deps.host === 'web' ? deps.files.offerDownload(target, fileName, { removeAfterDownload: true }) : undefined;
    const fileId = deps.files.grant?.(target, ['reveal']);
    return { file: target, rows, ...(downloadId === undefined ? {} : { downloadId }), ...(fileId === undefined ? {} : { fileId }) };
  } catch (err) {
    // A server unreachable for the gateway's whole timeout would only make the entry wait as long
    // again; nothing left the server (the file is only kept when complete).
    if (classifyBackendError(err).kind === 'unreachable') throw err;
    await finish(ctx.signal.aborted ? 'cancelled' : 'failed', ctx.signal.aborted ? undefined : err instanceof Error ? err.message : String(err));
    throw err;
  }
}
