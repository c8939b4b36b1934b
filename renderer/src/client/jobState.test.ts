import { describe, expect, test } from 'vitest';
import type { JobProgress, JobResult } from '../../../shared/contract/jobs';
import { IDLE, errorOf, jobReducer, type JobAction, type JobState } from './jobState';

type S = JobState<'export'>;
const input = { collection: 'donations' as const };
const progress = (rows: number): JobProgress<'export'> => ({ rows, totalEstimate: 10, totalCapped: false, bytes: rows * 10 });
const result: JobResult<'export'> = { file: 'bagislar.xlsx', rows: 10 };
const play = (actions: JobAction<'export'>[], from: S = IDLE) => actions.reduce(jobReducer<'export'>, from);
const started = (run: number): JobAction<'export'> => ({ type: 'started', run, input, basis: `b${run}`, at: 1000 });

describe('job state', () => {
  test('a started job runs with no progress yet, then follows its progress events', () => {
    expect(play([started(1)])).toEqual({ status: 'running', run: 1, input, basis: 'b1', startedAt: 1000, progress: null, cancelling: false });
    expect(play([started(1), { type: 'progress', run: 1, progress: progress(3) }, { type: 'progress', run: 1, progress: progress(7) }])).toMatchObject({
      status: 'running',
      progress: progress(7),
    });
  });

  test('done carries the result and keeps the last progress; failed carries the error', () => {
    const done = play([started(1), { type: 'progress', run: 1, progress: progress(9) }, { type: 'done', run: 1, result }]);
    expect(done).toMatchObject({ status: 'done', result, progress: progress(9), basis: 'b1' });
    expect(done).not.toHaveProperty('cancelling');
    const boom = new Error('disk full');
    const failed = play([started(1), { type: 'failed', run: 1, error: boom }]);
    expect(failed).toMatchObject({ status: 'failed', error: boom });
    expect(errorOf(failed)).toBe(boom);
    expect(errorOf(done)).toBeNull();
  });

  test('cancel marks the running job cancelling until its end arrives as cancelled', () => {
    const cancelling = play([started(1), { type: 'cancelling', run: 1 }]);
    expect(cancelling).toMatchObject({ status: 'running', cancelling: true });
    expect(play([{ type: 'cancelled', run: 1 }], cancelling)).toMatchObject({ status: 'cancelled', basis: 'b1' });
  });

  test('events of a replaced job are ignored', () => {
    const s = play([started(1), started(2), { type: 'progress', run: 1, progress: progress(5) }, { type: 'done', run: 1, result }]);
    expect(s).toMatchObject({ status: 'running', run: 2, basis: 'b2', progress: null });
  });

  test('a finished job ignores late events; reset goes back to idle', () => {
    const done = play([started(1), { type: 'done', run: 1, result }]);
    expect(play([{ type: 'progress', run: 1, progress: progress(1) }, { type: 'failed', run: 1, error: 'late' }], done)).toBe(done);
    expect(play([{ type: 'reset' }], done)).toEqual(IDLE);
    expect(play([{ type: 'progress', run: 1, progress: progress(1) }])).toEqual(IDLE);
  });
});
