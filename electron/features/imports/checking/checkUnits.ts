// The runners that check units of a check pass: in worker threads for a big file (the two cores
// of a staff PC parse and validate side by side), or in this thread for a small one, where
// starting workers costs more than it saves. A workbook's sheet is one deflate stream that cannot
// be split, so a big one is read whole in one worker, its rows checked on both sides (sheetWorkerBatches).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SourceError, type SourceErrorCode, type SourceErrorDetail } from '../reading/sourceErrors';
import { RowChecker, type CheckedBatch, type CheckRules, type CheckUnit } from './rowChecker';
import { readRows } from '../reading/source';
import type { SourceInfo, SourceRow } from '../reading/sourceTypes';

export interface CheckRequest {
  id: number;
  unit: CheckUnit;
}

/** Read and check the sheet `info` names, leaving out its first `skipRows` data rows. */
export interface SheetRequest {
  sheet: { path: string; info: SourceInfo; skipRows: number };
}
/** The sheet's reader may run `ack` more batches ahead of what this thread has taken. */
export interface SheetAck {
  ack: number;
}

export interface SerializedSourceError {
  code: SourceErrorCode;
  file: string;
  detail: SourceErrorDetail;
}

export type CheckResponse =
  | { id: number; batch: CheckedBatch }
  | { id: number; error: string }
  | { ready: true }
  | { sheetBatch: CheckedBatch }
  /** Rows read but not checked: this thread checks them (see serveSheet). */
  | { sheetRows: SourceRow[] }
  | { sheetEnd: true }
  | { sheetError: string | SerializedSourceError };

/**
 * A worker's heap: a hostile file that gets past the readers' caps ends that worker (and the
 * check, with an error) instead of growing the app's process until the PC swaps.
 */
const OLD_GENERATION_MB = 512;

/** Rows per workbook unit. Small: rows held across a batch outlive young-generation collections (measured with 2000: +30 MB). */
export const SHEET_BATCH_ROWS = 500;
/** A sheet's reader keeps a batch of rows and a piece of XML alive at once: more room for young objects. */
const SHEET_WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: OLD_GENERATION_MB };
/** Batches a sheet worker may run ahead: enough to keep it busy, few enough to bound memory. */
const SHEET_CREDIT = 8;
/**
 * Reading a sheet (inflating, scanning the XML) is the worker's alone; checking the rows can go
 * either side. While fewer than this many batches wait untaken, this thread is keeping up and
 * gets the next rows to check itself; otherwise the worker checks them. Measured over 100,000
 * rows (check pass, median of 4): 1.86 s with every batch checked in the worker, 1.70 s with 2,
 * 1.65 s with 4, 1.76 s with 8 (this thread then checks nearly all).
 */
export const HAND_OVER_BELOW = 4;

/** The sheet's rows in batches, leaving out its first `skipRows` data rows: as the sheet worker reads them, or this thread when none starts. */
async function* sheetBatches(path: string, info: SourceInfo, skipRows: number, signal?: AbortSignal): AsyncGenerator<SourceRow[]> {
  let skip = skipRows;
  for await (let rows of readRows(path, info, { signal, chunkRows: SHEET_BATCH_ROWS })) {
    if (skip > 0) {
      const n = Math.min(skip, rows.length);
      skip -= n;
      rows = rows.slice(n);
      if (rows.length === 0) continue;
    }
    yield rows;
  }
}

export function serializeSheetError(err: unknown): string | SerializedSourceError {
  if (err instanceof SourceError) return { code: err.code, file: err.file, detail: err.detail };
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

function reviveSheetError(e: string | SerializedSourceError): Error {
  return typeof e === 'string' ? new Error(`check worker: ${e}`) : new SourceError(e.code, e.file, e.detail);
}

/**
 * The checked batches of a sheet, read in a worker thread and checked there or, while this thread
 * keeps up with taking them in (the row store, duplicates), here: the two cores share the rows.
 * If no worker can start, the sheet is read and checked here instead (unless `orHere` is false).
 */
export async function* sheetWorkerBatches(
  rules: CheckRules,
  path: string,
  info: SourceInfo,
  skipRows: number,
  signal?: AbortSignal,
  orHere = true,
): AsyncGenerator<CheckedBatch> {
  const worker = startWorker(rules, SHEET_WORKER_LIMITS);
  const queue: (CheckedBatch | { rows: SourceRow[] })[] = [];
  let checker: RowChecker | null = null;
  // In an object: set by the worker's events, which the compiler cannot see.
  const at: { state: 'starting' | 'running' | 'done' | 'no_worker' } = { state: 'starting' };
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const poke = (): void => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: CheckResponse) => {
    if ('ready' in m) {
      at.state = 'running';
      worker.postMessage({ sheet: { path, info, skipRows } } satisfies SheetRequest);
    } else if ('sheetBatch' in m) queue.push(m.sheetBatch);
    else if ('sheetRows' in m) queue.push({ rows: m.sheetRows });
    else if ('sheetEnd' in m) at.state = 'done';
    else if ('sheetError' in m) failure ??= reviveSheetError(m.sheetError);
    poke();
  });
  worker.on('error', (err) => {
    if (at.state === 'starting') at.state = 'no_worker';
    else failure ??= err;
    poke();
  });
  worker.on('exit', (code) => {
    if (at.state === 'starting') at.state = 'no_worker';
    else if (at.state !== 'done') failure ??= new Error(`check worker exited (${code}) before the sheet was read`);
    poke();
  });
  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        const batch = 'rows' in next ? (checker ??= new RowChecker(rules)).check({ kind: 'rows', rows: next.rows }) : next;
        // Taken once checked here: the worker counts what waits untaken to know who checks next.
        worker.postMessage({ ack: 1 } satisfies SheetAck);
        yield batch;
        continue;
      }
      if (failure) throw failure;
      if (at.state === 'done') return;
      if (at.state === 'no_worker') break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await worker.terminate();
  }
  if (!orHere) throw new Error('check worker: it did not start');
  checker ??= new RowChecker(rules);
  for await (const rows of sheetBatches(path, info, skipRows, signal)) yield checker.check({ kind: 'rows', rows });
}

/**
 * The worker side of sheetWorkerBatches: posts each batch, waiting while SHEET_CREDIT are
 * untaken; checked here, or as rows for the other thread to check while it keeps up (HAND_OVER_BELOW).
 */
export function serveSheet(checker: RowChecker, port: { postMessage(m: CheckResponse, transfer?: ArrayBuffer[]): void }): {
  start: (request: SheetRequest['sheet']) => Promise<void>;
  ack: (n: number) => void;
} {
  let credit = SHEET_CREDIT;
  let wake: (() => void) | null = null;
  return {
    ack(n) {
      credit += n;
      wake?.();
      wake = null;
    },
    async start({ path, info, skipRows }) {
      try {
        for await (const rows of sheetBatches(path, info, skipRows)) {
          while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
          const untaken = SHEET_CREDIT - credit;
          credit--;
          if (untaken < HAND_OVER_BELOW) {
            port.postMessage({ sheetRows: rows });
            continue;
          }
          const batch = checker.check({ kind: 'rows', rows });
          port.postMessage({ sheetBatch: batch }, transferablesOf(batch));
        }
        port.postMessage({ sheetEnd: true });
      } catch (err) {
        port.postMessage({ sheetError: serializeSheetError(err) });
      }
    },
  };
}

/** The batch's typed arrays, handed over without a copy (a view of a shared pool would be copied). */
export function transferablesOf(batch: CheckedBatch): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const { errors } = batch.chunk;
  for (const a of [batch.chunk.payload, batch.chunk.rowNumbers, batch.numericKeys, batch.matchHashes, errors.bytes, errors.indexes, errors.ends]) {
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

/** Units a worker may have sent to it and unanswered (the one it checks, the next waiting) before this thread checks one itself. */
const WORKER_QUEUE = 2;
/**
 * Units in flight per checking thread (this one included), so none waits for work. Only units
 * sent to a worker hold their bytes (WORKER_QUEUE each); the ones checked here wait in order with
 * their results alone. With 3, this thread waited while a cold worker took ~20× a warm unit's
 * time over its first units (a million rows: 85 ms idle, CPU profile); with 8 it checks on.
 */
const UNITS_PER_THREAD = 8;

/** A worker holds little at a time, so its garbage dies young and a small young generation is enough. */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: OLD_GENERATION_MB };

/**
 * A worker running checkWorker: the bundled .cjs beside the Electron main bundle, or from source
 * through tsx (web mode, the CLI, tests), registered inside the worker before the entry loads.
 */
function startWorker(rules: CheckRules, resourceLimits = WORKER_LIMITS): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./checkWorker.cjs', here), { workerData: rules, resourceLimits });
  const tsx = createRequire(here).resolve('tsx/cjs/api');
  const entry = fileURLToPath(new URL('./checkWorker.ts', here));
  const boot = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`;
  return new Worker(boot, { eval: true, workerData: rules, resourceLimits });
}

/**
 * Workers checking units, each unit going to the worker with the fewest waiting, and this thread
 * checking one itself when every worker already has its next unit waiting: so this thread's core
 * works too, and a 2-core PC starts and feeds one worker rather than two (one isolate fewer to
 * start, compile for and hold: measured over 1M rows, about 25 MB and 0.5 s of CPU). The first
 * unit is checked in this thread before any worker starts, so its rows are the first page at
 * once (starting a worker from source takes about a second, and slows this thread meanwhile);
 * later units too, until a worker has loaded its code. When no worker can start at all (e.g. a
 * packaging problem), this thread does all the work rather than the check failing.
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
  /** Units sent to each worker and not yet answered. */
  const waiting = new Map<Worker, number>();
  let closed = false;
  let booting: Promise<number> | null = null;
  const boot = (): Promise<number> => {
    booting ??= closed
      ? Promise.resolve(0)
      : Promise.allSettled(Array.from({ length: count }, () => startOne())).then((r) => r.filter((x) => x.status === 'fulfilled').length);
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
        if (!('id' in response)) return;
        waiting.set(worker, (waiting.get(worker) ?? 1) - 1);
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
    parallelism: (count + 1) * UNITS_PER_THREAD,
    check(unit) {
      if (failure) return Promise.reject(failure);
      if (units++ === 1) void boot();
      let worker: Worker | undefined;
      for (const w of ready) if (worker === undefined || (waiting.get(w) ?? 0) < (waiting.get(worker) ?? 0)) worker = w;
      if (worker === undefined || (waiting.get(worker) ?? 0) >= WORKER_QUEUE) return (here ??= inlineRunner(rules)).check(unit);
      const to = worker;
      const id = nextId++;
      waiting.set(to, (waiting.get(to) ?? 0) + 1);
      return new Promise<CheckedBatch>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // A CSV chunk's bytes move to the worker rather than being copied.
        to.postMessage({ id, unit } satisfies CheckRequest, unit.kind === 'csv' ? [unit.chunk.bytes.buffer as ArrayBuffer] : []);
      });
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
