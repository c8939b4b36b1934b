import { api } from '../../../convex/_generated/api';
import type { HandlerTable } from '../core/dispatch';
import { AppError } from '../core/appError';
import type { CoreServices } from '../core/services';
import { importEngine } from '../importer/importJobs';

type ImportChannel = 'inspectImportFile' | 'getCheckRows' | 'fixCell' | 'skipRows' | 'listImportRuns' | 'openImportReport';

export function importHandlers(svc: CoreServices): Pick<HandlerTable, ImportChannel> {
  const engine = importEngine(svc);
  return {
    inspectImportFile: (input) => engine.inspectFile(input),
    getCheckRows: (input) => engine.getCheckRows(input),
    fixCell: (input) => engine.fixCell(input),
    skipRows: (input) => engine.skipRows(input),
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
          skipped: run.counts.skipped,
          failed: run.counts.failed,
          startedAt: run.startedAt,
          ...(run.finishedAt !== undefined ? { finishedAt: run.finishedAt } : {}),
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
  };
}
