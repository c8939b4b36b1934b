// The import wizard's channels and jobs over one engine: the jobs and the channels share its
// check sessions.
import { api } from '../../../convex/_generated/api';
import type { Doc } from '../../../convex/_generated/dataModel';
import { UNDO_WINDOW_MS } from '../../../shared/domain';
import type { importChannels, importJobs } from '../../../shared/contract/imports';
import { AppError } from '../../core/errors/appError';
import type { Feature } from '../../core/feature';
import type { CoreServices } from '../../core/services';
import { ImportEngine } from './importEngine';

/** Until when a run can be undone: a finished, not yet undone run, for 30 days. */
function undoableUntil(run: Doc<'importRuns'>): number | undefined {
  if (run.status === 'running' || run.undo !== undefined) return undefined;
  const until = (run.finishedAt ?? run.startedAt) + UNDO_WINDOW_MS;
  return until > Date.now() ? until : undefined;
}

export function createImportsFeature(svc: CoreServices): Feature<keyof typeof importChannels, keyof typeof importJobs> {
  const engine = new ImportEngine(svc);
  return {
    handlers: {
      inspectImportFile: (input) => engine.inspectFile(input),
      getCheckRows: (input) => engine.getCheckRows(input),
      fixCell: (input) => engine.fixCell(input),
      setRowData: (input) => engine.setRowData(input),
      skipRows: (input) => engine.skipRows(input),
      getDryRunRows: (input) => engine.getDryRunRows(input),
      listImportRuns: async ({ cursor, numItems }) => {
        const result = await svc.gateway.query(api.imports.listRuns, { paginationOpts: { cursor, numItems } });
        return {
          page: result.page.map((run) => ({
            id: run._id,
            collection: run.collection,
            mode: run.mode,
            fileName: run.fileName,
            status: run.status,
            inserted: run.counts.inserted,
            updated: run.counts.updated,
            unchanged: run.counts.unchanged ?? 0,
            conflict: run.counts.conflict ?? 0,
            skipped: run.counts.skipped,
            failed: run.counts.failed,
            ...(run.controlTotals ? { controlTotals: run.controlTotals } : {}),
            ...(undoableUntil(run) !== undefined ? { undoableUntil: undoableUntil(run) } : {}),
            ...(run.undo ? { undo: { status: run.undo.status, ...run.undo.counts } } : {}),
            startedAt: run.startedAt,
            ...(run.finishedAt !== undefined ? { finishedAt: run.finishedAt } : {}),
            ...(run.actorName !== undefined ? { actorName: run.actorName } : {}),
            hasReport: engine.reportFor(run._id) !== undefined,
          })),
          isDone: result.isDone,
          continueCursor: result.continueCursor,
        };
      },
      openImportReport: async ({ runId }) => {
        const report = engine.reportFor(runId);
        if (!report) {
          throw new AppError('no_report', 'This PC has no error report for that import', 'Bu bilgisayarda o içe aktarmanın hata raporu yok');
        }
        const downloadId = svc.files.offerDownload(report.path, report.name);
        if (downloadId) return { downloadId, name: report.name };
        // Desktop: the report stays where it is; the renderer gets an id to show it, the path as text.
        const fileId = svc.files.grant?.(report.path, ['reveal']);
        return { path: report.path, name: report.name, ...(fileId ? { fileId } : {}) };
      },
    },
    jobs: engine.jobs,
    close: () => engine.close(),
  };
}
