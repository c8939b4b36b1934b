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

/**
 * A worker holds one record at a time, so its garbage dies young and a small young generation is
 * enough (measured on 1M rows: 8 MB, 236 MB peak RSS for the process; V8's default, 326 MB).
 */
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
 * Workers checking units round-robin. Resolves once every worker has loaded its code; when one
 * cannot start (e.g. a packaging problem), the check runs in this thread instead of failing.
 */
export async function workerRunner(rules: CheckRules, count: number): Promise<CheckRunner> {
  const pending = new Map<number, { resolve: (b: CheckedBatch) => void; reject: (e: Error) => void }>();
  let failure: Error | null = null;
  const fail = (err: Error): void => {
    failure ??= err;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  const workers: Worker[] = [];
  const started = Array.from({ length: count }, () => {
    const worker = startWorker(rules);
    workers.push(worker);
    return new Promise<void>((ready, notStarted) => {
      worker.on('message', (response: CheckResponse) => {
        if ('ready' in response) return ready();
        const p = pending.get(response.id);
        pending.delete(response.id);
        if ('error' in response) p?.reject(new Error(`check worker: ${response.error}`));
        else p?.resolve(response.batch);
      });
      worker.on('error', (err) => {
        notStarted(err);
        fail(err);
      });
      worker.on('exit', (code) => {
        notStarted(new Error(`check worker exited (${code}) before it started`));
        if (pending.size > 0) fail(new Error(`check worker exited (${code}) with work pending`));
      });
    });
  });
  const close = async (): Promise<void> => {
    await Promise.all(workers.map((w) => w.terminate()));
  };
  try {
    await Promise.all(started);
  } catch {
    await close();
    return inlineRunner(rules);
  }
  let nextId = 0;
  return {
    parallelism: count * 4,
    check(unit) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      const worker = workers[id % workers.length] as Worker;
      return new Promise<CheckedBatch>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // A CSV chunk's bytes move to the worker rather than being copied.
        worker.postMessage({ id, unit } satisfies CheckRequest, unit.kind === 'csv' ? [unit.chunk.bytes.buffer as ArrayBuffer] : []);
      });
    },
    close,
  };
}
