// Long operations. Each kind declares its input, progress and result; `startJob` returns a job id,
// and progress / done / failed arrive as events. Every job can be cancelled with `cancelJob`.
import type { z } from 'zod';
import type { JobDef } from './define';
import { exportJobs } from './exports';
import { importJobs } from './imports';
import { messagingJobs } from './messaging';

export const jobs = {
  ...importJobs,
  ...exportJobs,
  ...messagingJobs,
} as const satisfies Record<string, JobDef>;

export type Jobs = typeof jobs;
export type JobKind = keyof Jobs;
export type JobInput<K extends JobKind> = z.input<Jobs[K]['input']>;
export type JobProgress<K extends JobKind> = z.output<Jobs[K]['progress']>;
export type JobResult<K extends JobKind> = z.output<Jobs[K]['result']>;
export const isJobKind = (kind: string): kind is JobKind => Object.hasOwn(jobs, kind);
