// The Export page: its live count (how many records the chosen filters would export) and the
// export job.
import { api } from '../../../convex/_generated/api';
import type { exportChannels, exportJobs } from '../../../shared/contract/exports';
import type { Feature } from '../../core/feature';
import type { CoreServices } from '../../core/services';
import { runExportJob, type ExportDeps } from './exportJobs';
import { definedFilters } from './exportToFile';

export function createExportsFeature(svc: CoreServices): Feature<keyof typeof exportChannels, keyof typeof exportJobs> {
  const deps: ExportDeps = {
    gateway: svc.gateway,
    host: svc.host,
    dataDir: svc.dataDir,
    files: svc.files,
    auditChanged: () => svc.bus.emit('dataChanged', { collection: 'auditLogs' }),
  };
  return {
    handlers: {
      countRecords: async (input) => {
        const { collection, ...filters } = definedFilters(input);
        return await svc.gateway.query(api.exports.count, { collection, ...filters });
      },
    },
    jobs: { export: (input, ctx) => runExportJob(deps, input, ctx) },
  };
}
