// The one state model of a long job (import check, dry run, run and undo, export, bulk send), as a
// pure reducer so its transitions are testable without React. useJob drives it.
import type { JobInput, JobKind, JobProgress, JobResult } from '../../../shared/contract/jobs';

interface Started<K extends JobKind> {
  /** Which start this state belongs to: events of an earlier, replaced job carry an older number. */
  run: number;
  input: JobInput<K>;
  /** What the caller started the job for (e.g. a check's file and mapping); '' when it does not care. */
  basis: string;
  startedAt: number;
  /** The latest progress; kept after the end, since a failed or cancelled job has no result to show. */
  progress: JobProgress<K> | null;
}

export type JobState<K extends JobKind> =
  | { status: 'idle' }
  | (Started<K> & { status: 'running'; cancelling: boolean })
  | (Started<K> & { status: 'done'; result: JobResult<K> })
  | (Started<K> & { status: 'failed'; error: unknown })
  | (Started<K> & { status: 'cancelled' });

export type JobAction<K extends JobKind> =
  | { type: 'started'; run: number; input: JobInput<K>; basis: string; at: number }
  | { type: 'progress'; run: number; progress: JobProgress<K> }
  | { type: 'cancelling'; run: number }
  | { type: 'done'; run: number; result: JobResult<K> }
  | { type: 'failed'; run: number; error: unknown }
  | { type: 'cancelled'; run: number }
  | { type: 'reset' };

/** A job that has been started: running or ended. */
export type StartedJob<K extends JobKind> = Exclude<JobState<K>, { status: 'idle' }>;

export const IDLE = { status: 'idle' } as const;

export function jobReducer<K extends JobKind>(state: JobState<K>, action: JobAction<K>): JobState<K> {
  if (action.type === 'reset') return IDLE;
  if (action.type === 'started') {
    const { run, input, basis, at } = action;
    return { status: 'running', run, input, basis, startedAt: at, progress: null, cancelling: false };
  }
  // Only the current, still running job may move the state on.
  if (state.status !== 'running' || state.run !== action.run) return state;
  const { cancelling: _, ...started } = state;
  switch (action.type) {
    case 'progress':
      return { ...state, progress: action.progress };
    case 'cancelling':
      return { ...state, cancelling: true };
    case 'done':
      return { ...started, status: 'done', result: action.result };
    case 'failed':
      return { ...started, status: 'failed', error: action.error };
    case 'cancelled':
      return { ...started, status: 'cancelled' };
  }
}

/** A failed job's error; null otherwise (a cancelled job has none). */
export const errorOf = <K extends JobKind>(s: JobState<K>): unknown => (s.status === 'failed' ? s.error : null);
