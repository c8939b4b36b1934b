// Long work as jobs: start returns an id at once; progress (throttled), done and failed arrive as
// events; cancel aborts the job's signal. Every long operation in the core runs through here.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { isJobKind, jobs, type JobKind, type JobProgress, type JobResult, type Jobs } from '../../shared/contract/jobs';
import { AppError } from './errors/appError';
import { toAppErrorData } from './errorData';
import type { EventBus } from './eventBus';

export interface JobContext<K extends JobKind> {
  jobId: string;
  signal: AbortSignal;
  progress(p: JobProgress<K>): void;
}

export type JobImpls = {
  [K in JobKind]: (input: z.output<Jobs[K]['input']>, ctx: JobContext<K>) => Promise<JobResult<K>>;
};

const PROGRESS_INTERVAL_MS = 100;

export class JobRunner {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly impls: JobImpls,
    private readonly bus: EventBus,
  ) {}

  start(kind: string, rawInput: unknown): { jobId: string } {
    if (!isJobKind(kind)) throw new AppError('unknown_job', `Unknown job kind: ${kind}`, `Bilinmeyen iş türü: ${kind}`);
    const parsed = jobs[kind].input.safeParse(rawInput);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new AppError('invalid_input', `Invalid input for ${kind}: ${where}`, `${kind} için geçersiz girdi: ${where}`);
    }
    const jobId = randomUUID();
    const controller = new AbortController();
    this.running.set(jobId, controller);
    void this.run(kind, jobId, parsed.data, controller);
    return { jobId };
  }

  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  /** Cancels everything and waits for the jobs to settle, e.g. on quit. */
  async cancelAll(): Promise<void> {
    for (const c of this.running.values()) c.abort();
    while (this.running.size > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private async run(kind: JobKind, jobId: string, input: unknown, controller: AbortController): Promise<void> {
    let lastEmit = 0;
    let pending: unknown;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      lastEmit = Date.now();
      this.bus.emit('jobProgress', { jobId, kind, progress: pending });
    };
    const ctx: JobContext<JobKind> = {
      jobId,
      signal: controller.signal,
      progress: (p) => {
        pending = p;
        if (timer) return;
        const wait = PROGRESS_INTERVAL_MS - (Date.now() - lastEmit);
        if (wait <= 0) flush();
        else timer = setTimeout(flush, wait);
      },
    };
    try {
      const impl = this.impls[kind] as (i: unknown, c: JobContext<JobKind>) => Promise<unknown>;
      const result = await impl(input, ctx);
      if (timer) clearTimeout(timer);
      if (pending !== undefined) flush();
      this.bus.emit('jobDone', { jobId, kind, result });
    } catch (err) {
      if (timer) clearTimeout(timer);
      this.bus.emit('jobFailed', { jobId, kind, error: toAppErrorData(err), cancelled: controller.signal.aborted });
    } finally {
      this.running.delete(jobId);
    }
  }
}
