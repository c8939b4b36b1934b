// One long job as React state: start, follow its progress events, cancel. Starting again cancels
// the job before it, whose late events are then ignored.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { JobInput, JobKind } from '../../../shared/contract/jobs';
import { ClientError } from './client';
import { startJob, type RunningJob } from './jobs';
import { IDLE, jobReducer, type JobAction, type JobState } from './jobState';

interface Handle<K extends JobKind> {
  run: number;
  job: RunningJob<K> | null;
  /** Cancel was asked for before the host handed out the job id. */
  cancelAsked: boolean;
}

export interface UseJobOptions {
  /** Cancel the job when the component goes away (work nobody will see); otherwise it runs on. */
  cancelOnUnmount?: boolean;
}

export function useJob<K extends JobKind>(kind: K, { cancelOnUnmount = false }: UseJobOptions = {}) {
  const [state, dispatch] = useReducer(jobReducer<K>, IDLE as JobState<K>) as [JobState<K>, (a: JobAction<K>) => void];
  const handle = useRef<Handle<K> | null>(null);
  const runs = useRef(0);

  const cancel = useCallback(() => {
    const h = handle.current;
    if (!h) return;
    dispatch({ type: 'cancelling', run: h.run });
    if (h.job) void h.job.cancel().catch(() => undefined);
    else h.cancelAsked = true;
  }, []);

  /** Resolves once the job has ended, however it ended. */
  const start = useCallback(
    async (input: JobInput<K>, basis = '') => {
      cancel();
      const run = ++runs.current;
      const mine: Handle<K> = { run, job: null, cancelAsked: false };
      handle.current = mine;
      dispatch({ type: 'started', run, input, basis, at: Date.now() });
      try {
        mine.job = await startJob(kind, input, (progress) => dispatch({ type: 'progress', run, progress }));
        if (mine.cancelAsked) void mine.job.cancel().catch(() => undefined);
        dispatch({ type: 'done', run, result: await mine.job.result });
      } catch (error) {
        // A cancelled job ends as a failure event whose code is "cancelled".
        const cancelled = error instanceof ClientError && error.data.code === 'cancelled';
        dispatch(cancelled ? { type: 'cancelled', run } : { type: 'failed', run, error });
      } finally {
        if (handle.current === mine) handle.current = null;
      }
    },
    [kind, cancel],
  );

  const reset = useCallback(() => {
    cancel();
    handle.current = null;
    dispatch({ type: 'reset' });
  }, [cancel]);

  useEffect(() => (cancelOnUnmount ? cancel : undefined), [cancelOnUnmount, cancel]);
  return { job: state, start, cancel, reset };
}
