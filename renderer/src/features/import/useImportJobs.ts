// The wizard's two jobs as React state: the check (dry run) and the import run. Both survive going
// back and forth between steps because the page, not the step, owns them.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobInput, JobProgress, JobResult } from '../../../../shared/contract/jobs';
import { ClientError } from '../../desktop/client';
import { startJob, type RunningJob } from '../../desktop/jobs';
import type { CheckRow } from './useCheckRows';

export type CheckInput = JobInput<'importCheck'>;
export type CheckProgress = JobProgress<'importCheck'>;
export type CheckResult = JobResult<'importCheck'>;
export type RunInput = JobInput<'importRun'>;
export type RunProgress = JobProgress<'importRun'>;
export type RunResult = JobResult<'importRun'>;

export interface CheckState {
  /** What was checked: a new basis means a new check. */
  basis: string;
  running: boolean;
  checkId: string | null;
  progress: CheckProgress | null;
  result: CheckResult | null;
  error: unknown;
  /** Live counts: the pass's figures adjusted for the user's fixes and skips. */
  counts: { valid: number; invalid: number; skipped: number };
}

export function useImportCheck() {
  const [state, setState] = useState<CheckState | null>(null);
  const job = useRef<RunningJob<'importCheck'> | null>(null);

  const cancel = useCallback(() => {
    void job.current?.cancel().catch(() => undefined);
    job.current = null;
  }, []);

  const start = useCallback(
    async (basis: string, input: CheckInput) => {
      cancel();
      const fresh: CheckState = {
        basis,
        running: true,
        checkId: null,
        progress: null,
        result: null,
        error: null,
        counts: { valid: 0, invalid: 0, skipped: 0 },
      };
      setState(fresh);
      const mine = (s: CheckState | null) => s?.basis === basis;
      let running: RunningJob<'importCheck'> | undefined;
      try {
        running = await startJob('importCheck', input, (p) =>
          setState((s) =>
            mine(s) && s
              ? { ...s, progress: p, checkId: s.checkId ?? p.checkId ?? null, counts: { valid: p.valid, invalid: p.invalid, skipped: 0 } }
              : s,
          ),
        );
        job.current = running;
        const result = await running.result;
        setState((s) =>
          mine(s) && s
            ? {
                ...s,
                running: false,
                result,
                checkId: result.checkId,
                counts: { valid: result.valid, invalid: result.invalid, skipped: 0 },
              }
            : s,
        );
      } catch (error) {
        setState((s) => (mine(s) && s ? { ...s, running: false, error } : s));
      } finally {
        if (running && job.current === running) job.current = null;
      }
    },
    [cancel],
  );

  /** Recounts after a fix or a skip of one row. */
  const rowChanged = useCallback((before: CheckRow, after: CheckRow) => {
    const kind = (r: CheckRow) => (r.skipped ? 'skipped' : r.errors.length > 0 ? 'invalid' : 'valid');
    const from = kind(before);
    const to = kind(after);
    if (from === to) return;
    setState((s) => (s ? { ...s, counts: { ...s.counts, [from]: s.counts[from] - 1, [to]: s.counts[to] + 1 } } : s));
  }, []);

  const allInvalidSkipped = useCallback((skippedNow: number) => {
    setState((s) => (s ? { ...s, counts: { valid: s.counts.valid, invalid: 0, skipped: skippedNow } } : s));
  }, []);

  const reset = useCallback(() => {
    cancel();
    setState(null);
  }, [cancel]);

  useEffect(() => cancel, [cancel]);
  return { check: state, startCheck: start, rowChanged, allInvalidSkipped, resetCheck: reset };
}

export interface RunState {
  running: boolean;
  cancelling: boolean;
  progress: RunProgress | null;
  result: RunResult | null;
  /** A run that failed to start or ended with an error event. */
  error: unknown;
  cancelled: boolean;
  startedAt: number;
  input: RunInput;
}

export function useImportRun(onFinished: () => void) {
  const [state, setState] = useState<RunState | null>(null);
  const job = useRef<RunningJob<'importRun'> | null>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  const start = useCallback(async (input: RunInput) => {
    setState({
      running: true,
      cancelling: false,
      progress: null,
      result: null,
      error: null,
      cancelled: false,
      startedAt: Date.now(),
      input,
    });
    try {
      const running = await startJob('importRun', input, (p) => setState((s) => (s ? { ...s, progress: p } : s)));
      job.current = running;
      const result = await running.result;
      setState((s) => (s ? { ...s, running: false, result, cancelled: result.status === 'cancelled' } : s));
    } catch (error) {
      // A cancel can also end the job as a failure event whose code is "cancelled".
      const cancelled = error instanceof ClientError && error.data.code === 'cancelled';
      setState((s) => (s ? { ...s, running: false, error: cancelled ? null : error, cancelled } : s));
    } finally {
      job.current = null;
      finished.current();
    }
  }, []);

  const cancel = useCallback(() => {
    setState((s) => (s ? { ...s, cancelling: true } : s));
    void job.current?.cancel().catch(() => undefined);
  }, []);

  const reset = useCallback(() => setState(null), []);
  return { run: state, startRun: start, cancelRun: cancel, resetRun: reset };
}
