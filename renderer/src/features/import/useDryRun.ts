// The dry run job as React state: started for a check and a mode, replaced when either changes.
import { useCallback, useEffect, useRef, useState } from 'react';
import { startJob, type RunningJob } from '../../desktop/jobs';
import type { JobInput, JobProgress, JobResult } from '../../../../shared/contract/jobs';

export type DryRunInput = JobInput<'importDryRun'>;
export type DryRunResult = JobResult<'importDryRun'>;

export interface DryRunState {
  basis: string;
  checkId: string;
  running: boolean;
  percent: number;
  progress: JobProgress<'importDryRun'> | null;
  result: DryRunResult | null;
  error: unknown;
}

export function useDryRun() {
  const [state, setState] = useState<DryRunState | null>(null);
  const job = useRef<RunningJob<'importDryRun'> | null>(null);

  const cancel = useCallback(() => {
    void job.current?.cancel().catch(() => undefined);
    job.current = null;
  }, []);

  const start = useCallback(
    async (basis: string, input: DryRunInput, totalRows: number | null) => {
      cancel();
      setState({ basis, checkId: input.checkId, running: true, percent: 0, progress: null, result: null, error: null });
      const mine = (s: DryRunState | null): s is DryRunState => s?.basis === basis;
      let running: RunningJob<'importDryRun'> | undefined;
      try {
        running = await startJob('importDryRun', input, (p) =>
          setState((s) => (mine(s) ? { ...s, progress: p, percent: totalRows ? Math.min(99, Math.floor((p.rowsRead / totalRows) * 100)) : 0 } : s)),
        );
        job.current = running;
        const result = await running.result;
        setState((s) => (mine(s) ? { ...s, running: false, percent: 100, result } : s));
      } catch (error) {
        setState((s) => (mine(s) ? { ...s, running: false, error } : s));
      } finally {
        if (running && job.current === running) job.current = null;
      }
    },
    [cancel],
  );

  const reset = useCallback(() => {
    cancel();
    setState(null);
  }, [cancel]);

  useEffect(() => cancel, [cancel]);
  return { dryRun: state, startDryRun: start, resetDryRun: reset };
}
