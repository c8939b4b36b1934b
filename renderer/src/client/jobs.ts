// Starts a job through the contract and follows its events until it ends.
import type { JobInput, JobKind, JobProgress, JobResult } from '../../../shared/contract/jobs';
import { ClientError, call, desktop } from './client';

export interface RunningJob<K extends JobKind> {
  jobId: string;
  result: Promise<JobResult<K>>;
  cancel(): Promise<void>;
}

export async function startJob<K extends JobKind>(
  kind: K,
  input: JobInput<K>,
  onProgress?: (p: JobProgress<K>) => void,
): Promise<RunningJob<K>> {
  // Subscribe before starting so no event can slip past between start and subscription.
  const early: Array<() => void> = [];
  let jobId: string | null = null;
  let settle: { resolve: (r: JobResult<K>) => void; reject: (e: unknown) => void } | undefined;
  const result = new Promise<JobResult<K>>((resolve, reject) => (settle = { resolve, reject }));
  const mine = (id: string, run: () => void) => {
    if (jobId === null) early.push(() => id === jobId && run());
    else if (id === jobId) run();
  };
  const unsubscribers = [
    desktop.api.onEvent('jobProgress', (e) => mine(e.jobId, () => onProgress?.(e.progress as JobProgress<K>))),
    desktop.api.onEvent('jobDone', (e) => mine(e.jobId, () => finish(() => settle?.resolve(e.result as JobResult<K>)))),
    desktop.api.onEvent('jobFailed', (e) => mine(e.jobId, () => finish(() => settle?.reject(new ClientError(e.error))))),
  ];
  function finish(run: () => void) {
    for (const u of unsubscribers) u();
    run();
  }
  try {
    ({ jobId } = await call('startJob', { kind, input }));
  } catch (err) {
    finish(() => settle?.reject(err));
    throw err;
  }
  for (const replay of early.splice(0)) replay();
  const id = jobId;
  return { jobId: id, result, cancel: async () => void (await call('cancelJob', { jobId: id })) };
}
