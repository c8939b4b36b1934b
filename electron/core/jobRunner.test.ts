import { describe, expect, it, vi } from 'vitest';
import { EventBus } from './eventBus';
import { JobRunner, type JobImpls } from './jobRunner';
import type { EventName } from '../../shared/contract/events';

const checkInput = { file: 'upload:00000000-0000-4000-8000-000000000000', collection: 'beneficiaries', mapping: ['fullName'] };
const progress = (rowsRead: number) => ({ rowsRead, valid: rowsRead, invalid: 0, bytesRead: rowsRead, totalBytes: 100 });

function rig(importCheck: JobImpls['importCheck']) {
  const bus = new EventBus();
  const events: Array<{ name: EventName; payload: Record<string, unknown> }> = [];
  bus.subscribe((name, payload) => events.push({ name, payload: payload as Record<string, unknown> }));
  const impls = { importCheck } as unknown as JobImpls;
  const runner = new JobRunner(impls, bus);
  const settled = (jobId: string) =>
    new Promise<{ name: EventName; payload: Record<string, unknown> }>((resolve) => {
      const poll = () => {
        const end = events.find((e) => e.payload.jobId === jobId && (e.name === 'jobDone' || e.name === 'jobFailed'));
        if (end) resolve(end);
        else setTimeout(poll, 5);
      };
      poll();
    });
  return { runner, events, settled };
}

describe('JobRunner', () => {
  it('returns an id at once, throttles progress and ends with the last progress and the result', async () => {
    const { runner, events, settled } = rig(async (_input, ctx) => {
      for (let i = 1; i <= 1000; i++) ctx.progress(progress(i));
      return { checkId: 'c1', rows: 1000, valid: 1000, invalid: 0, notData: 0, warnings: 0, byCode: {}, byColumn: {} };
    });
    const { jobId } = runner.start('importCheck', checkInput);
    const end = await settled(jobId);
    expect(end.name).toBe('jobDone');
    expect((end.payload.result as { rows: number }).rows).toBe(1000);
    const progressEvents = events.filter((e) => e.name === 'jobProgress');
    expect(progressEvents.length).toBeLessThan(10);
    expect((progressEvents.at(-1)?.payload.progress as { rowsRead: number }).rowsRead).toBe(1000);
    expect(runner.cancel(jobId)).toBe(false); // no longer running
  });

  it('cancel aborts the signal and reports a cancelled failure', async () => {
    const { runner, settled } = rig(
      (_input, ctx) =>
        new Promise((_resolve, reject) => {
          ctx.signal.addEventListener('abort', () => reject(new Error('stopped')));
        }),
    );
    const { jobId } = runner.start('importCheck', checkInput);
    expect(runner.cancel(jobId)).toBe(true);
    const end = await settled(jobId);
    expect(end.name).toBe('jobFailed');
    expect(end.payload.cancelled).toBe(true);
    expect(runner.cancel(jobId)).toBe(false);
  });

  it('refuses unknown kinds and inputs that do not match the kind schema', () => {
    const { runner } = rig(async () => ({ checkId: 'x', rows: 0, valid: 0, invalid: 0, notData: 0, warnings: 0, byCode: {}, byColumn: {} }));
    expect(() => runner.start('formatDisk', {})).toThrow(/Unknown job kind/);
    expect(() => runner.start('importCheck', { ...checkInput, collection: 'users' })).toThrow(/collection/);
  });

  it('a failing job reports its error as data, not cancelled (an unknown one without its detail)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { runner, settled } = rig(async () => {
      throw new Error('disk full');
    });
    const { jobId } = runner.start('importCheck', checkInput);
    const end = await settled(jobId);
    expect(end.name).toBe('jobFailed');
    expect(end.payload.cancelled).toBe(false);
    const error = end.payload.error as { code: string; message: string; details: { errorId: string } };
    expect(error.code).toBe('internal');
    expect(error.message).toContain(error.details.errorId);
    expect(error.message).not.toContain('disk full');
  });
});
