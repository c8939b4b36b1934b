// The runners that check units of a check pass: in worker threads for a big file (the two cores
// of a staff PC parse and validate side by side), or in this thread for a small one, where
// starting workers costs more than it saves.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RowChecker, type CheckedBatch, type CheckRules, type CheckUnit } from './rowChecker';

export interface CheckRequest {
  id: number;
  unit: CheckUnit;
}

export type CheckResponse = { id: number; batch: CheckedBatch } | { id: number; error: string } | { ready: true };

/** The batch's typed arrays, handed over without a copy (a view of a shared pool would be copied). */
export function transferablesOf(batch: CheckedBatch): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const { errors } = batch.chunk;
  for (const a of [batch.chunk.payload, batch.chunk.rowNumbers, batch.numericKeys, errors.bytes, errors.indexes, errors.ends]) {
    if (!a) continue;
    if (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer) out.push(a.buffer);
  }
  return out;
}

export interface CheckRunner {
  check(unit: CheckUnit): Promise<CheckedBatch>;
  /** Units that may be in flight at once to keep every thread busy. */
  readonly parallelism: number;
  close(): Promise<void>;
}

export function inlineRunner(rules: CheckRules): CheckRunner {
  const checker = new RowChecker(rules);
  return {
    parallelism: 1,
    check: async (unit) => checker.check(unit),
    close: async () => undefined,
  };
}

/** A worker holds little at a time, so its garbage dies young and a small young generation is enough. */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * A worker running checkWorker: the bundled .cjs beside the Electron main bundle, or from source
 * through tsx (web mode, the CLI, tests), registered inside the worker before the entry loads.
 */
function startWorker(rules: CheckRules): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./checkWorker.cjs', here), { workerData: rules, resourceLimits: WORKER_LIMITS });
  const tsx = createRequire(here).resolve('tsx/cjs/api');
  const entry = fileURLToPath(new URL('./checkWorker.ts', here));
  const boot = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`;
  return new Worker(boot, { eval: true, workerData: rules, resourceLimits: WORKER_LIMITS });
}

/**
 * Workers checking units round-robin. The first unit is checked in this thread before any worker
 * starts, so its rows are the first page at once (starting a worker from source takes about a
 * second, and slows this thread meanwhile); later units too, until a worker has loaded its code.
 * When no worker can start at all (e.g. a packaging problem), this thread does all the work
 * rather than the check failing.
 */
export function workerRunner(rules: CheckRules, count: number): CheckRunner & { start: () => Promise<number> } {
  const pending = new Map<number, { resolve: (b: CheckedBatch) => void; reject: (e: Error) => void }>();
  let failure: Error | null = null;
  const fail = (err: Error): void => {
    failure ??= err;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  const workers: Worker[] = [];
  const ready: Worker[] = [];
  let closed = false;
  let booting: Promise<number> | null = null;
  const boot = (): Promise<number> => {
    booting ??= closed ? Promise.resolve(0) : Promise.allSettled(Array.from({ length: count }, () => startOne())).then((r) => r.filter((x) => x.status === 'fulfilled').length);
    return booting;
  };
  const startOne = (): Promise<void> =>
    new Promise<void>((resolve, notStarted) => {
      const worker = startWorker(rules);
      workers.push(worker);
      let isReady = false;
      worker.on('message', (response: CheckResponse) => {
        if ('ready' in response) {
          isReady = true;
          ready.push(worker);
          return resolve();
        }
        const p = pending.get(response.id);
        pending.delete(response.id);
        if ('error' in response) p?.reject(new Error(`check worker: ${response.error}`));
        else p?.resolve(response.batch);
      });
      worker.on('error', (err) => {
        if (isReady) fail(err);
        else notStarted(err);
      });
      worker.on('exit', (code) => {
        if (!isReady) notStarted(new Error(`check worker exited (${code}) before it started`));
        else if (pending.size > 0) fail(new Error(`check worker exited (${code}) with work pending`));
      });
    });
  let here: CheckRunner | null = null;
  let units = 0;
  let nextId = 0;
  return {
    /** Starts the workers now rather than at the second unit; resolves with how many came up. */
    start: boot,
    parallelism: count * 4,
    check(unit) {
      if (failure) return Promise.reject(failure);
      if (units++ === 1) void boot();
      if (ready.length === 0) return (here ??= inlineRunner(rules)).check(unit);
      const id = nextId++;
      const worker = ready[id % ready.length] as Worker;
      return new Promise<CheckedBatch>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // A CSV chunk's bytes move to the worker rather than being copied.
        worker.postMessage({ id, unit } satisfies CheckRequest, unit.kind === 'csv' ? [unit.chunk.bytes.buffer as ArrayBuffer] : []);
      });
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
