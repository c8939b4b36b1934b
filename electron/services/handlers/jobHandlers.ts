import type { HandlerTable } from '../core/dispatch';
import type { JobRunner } from '../core/jobRunner';

export function jobHandlers(jobs: JobRunner): Pick<HandlerTable, 'startJob' | 'cancelJob'> {
  return {
    startJob: async ({ kind, input }) => jobs.start(kind, input),
    cancelJob: async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
  };
}
