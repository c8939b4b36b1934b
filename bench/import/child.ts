// One measurement in its own process, so its peak RSS is its own, loading only what its task
// needs (exceljs alone takes 0.3 s to load, which a check's whole-process time is not about): prints one JSON line
// { task, rows, ms, rowsPerSecond, peakRssMb, maxLoopDelayMs }: the last is the longest the
// process's main thread was kept from its event loop (what a busy app would feel as a freeze).
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import type PapaParse from 'papaparse';
import type { Gateway } from '../../electron/core/backend/gateway';
import { runCheck } from '../../electron/features/imports/checking/checkPass';
import { runImport } from '../../electron/features/imports/running/importRun';
import { suggestColumns } from '../../electron/features/imports/checking/mapping';
import { inspectSource } from '../../electron/features/imports/reading/source';
import { peakRssMb as peakRss } from '../peakRss';

const [task = '', file = '', arg = ''] = process.argv.slice(2);
// The task's own libraries, loaded before the clock starts as the static imports above are.
const Papa = task === 'papaparse' ? (await import('papaparse')).default : null;
const iconv = task === 'papaparse' ? (await import('iconv-lite')).default : null;
const ExcelJS = task === 'exceljs' ? (await import('exceljs')).default : null;
const convexClient =
  task === 'rehearsal'
    ? { ...(await import('../../electron/core/backend/convexGateway')), ...(await import('../../electron/core/session/authSession')) }
    : null;

function rawPapaparse(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    const text = createReadStream(path, { highWaterMark: 1024 * 1024 }).pipe(iconv!.decodeStream('windows-1254'));
    Papa!.parse<string[]>(text as unknown as PapaParse.LocalFile, {
      delimiter: ';',
      chunk: (r) => (rows += r.data.length),
      complete: () => resolve(rows - 1),
      error: reject,
    });
  });
}

/** The anchor for workbooks: exceljs's own streaming reader, touching every cell's value. */
async function rawExceljs(path: string): Promise<number> {
  const reader = new ExcelJS!.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let rows = 0;
  let filled = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      rows++;
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.value !== null) filled++;
      });
    }
  }
  if (filled === 0) throw new Error('exceljs read no cells');
  return rows - 1;
}

/** A Convex stand-in: every call waits `latencyMs`, then answers as ingestBatch would. */
function slowGateway(latencyMs: number): Gateway {
  const wait = () => new Promise((r) => setTimeout(r, latencyMs));
  return {
    kind: 'convex',
    setAuth: () => undefined,
    anonymousAction: (async () => null) as never,
    query: (async () => null) as never,
    mutation: (async () => {
      await wait();
      return 'bench-run';
    }) as never,
    action: (async (_fn: unknown, args: { batchIndex: number; rows: { rowNumber: number }[] }) => {
      await wait();
      return {
        batchIndex: args.batchIndex,
        results: args.rows.map((r) => ({ rowNumber: r.rowNumber, outcome: 'inserted' })),
        counts: { inserted: args.rows.length, updated: 0, unchanged: 0, conflict: 0, failed: 0 },
      };
    }) as never,
    watch: () => () => undefined,
    close: async () => undefined,
  };
}

/**
 * The real protocol: the Convex client to a deployment (`arg`, the rehearsal backend), signed in
 * with BENCH_EMAIL / BENCH_PASSWORD; every batch's round trip (the ingest action) is timed.
 */
async function realImport(path: string, url: string, dataDir: string): Promise<{ rows: number; batchMs: number[] }> {
  const { ConvexGateway, AuthSession, memoryTokenStore } = convexClient!;
  const client = new ConvexGateway(url, { timeoutMs: 300_000 });
  const session = new AuthSession(client, memoryTokenStore());
  await session.signIn(process.env.BENCH_EMAIL!, process.env.BENCH_PASSWORD!);
  const batchMs: number[] = [];
  let answered = 0;
  const timed = new Proxy(client, {
    get(target, prop) {
      if (prop !== 'action') return Reflect.get(target, prop, target) as unknown;
      return async (fn: never, args: { rows?: unknown[] }) => {
        const started = performance.now();
        const result = await target.action(fn, args as never);
        batchMs.push(performance.now() - started);
        answered += args.rows?.length ?? 0;
        return result;
      };
    },
  });
  // A loaded machine may not finish 100,000 rows in the time a session has: the figures so far,
  // every 15 s on stderr, so a stopped run still tells its rows/s and round trip for the rows it sent.
  const started = performance.now();
  const ticker = setInterval(() => {
    const s = (performance.now() - started) / 1000;
    const sorted = [...batchMs].sort((a, b) => a - b);
    process.stderr.write(
      `so far: ${answered} rows answered in ${s.toFixed(0)} s, ${Math.round(answered / s)} rows/s, ${sorted.length} batches, round trip median ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms\n`,
    );
  }, 15_000);
  ticker.unref();
  try {
    const info = await inspectSource(path);
    const mapping = suggestColumns('beneficiaries', info.headers).map((s) => s.field);
    const out = await runImport({ path, info, collection: 'beneficiaries', mapping, mode: 'insert' }, { gateway: timed, dataDir, lang: 'tr' });
    return { rows: out.rows, batchMs };
  } finally {
    clearInterval(ticker);
    await session.close();
    await client.close();
  }
}

async function main(): Promise<void> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  let rows: number;
  let extra = {};
  const dataDir = mkdtempSync(join(tmpdir(), 'kafkasder-bench-'));
  try {
    if (task === 'papaparse') rows = await rawPapaparse(file);
    else if (task === 'exceljs') rows = await rawExceljs(file);
    else if (task === 'check') {
      const info = await inspectSource(file);
      const mapping = suggestColumns('beneficiaries', info.headers).map((s) => s.field);
      // BENCH_THREADS=0 checks in this thread only (diagnostics: the check's whole CPU time as wall time); run.ts never sets it.
      const threads = process.env.BENCH_THREADS ? { threads: Number(process.env.BENCH_THREADS) } : {};
      const { summary, session } = await runCheck({ path: file, info, collection: 'beneficiaries', mapping }, { dataDir, ...threads });
      await session.close();
      rows = summary.rows;
    } else if (task === 'import') {
      const info = await inspectSource(file);
      const mapping = suggestColumns('beneficiaries', info.headers).map((s) => s.field);
      const out = await runImport(
        { path: file, info, collection: 'beneficiaries', mapping, mode: 'insert' },
        // BENCH_LATENCY=0 shows the import's own CPU time (diagnostics); run.ts always uses 25 ms.
        { gateway: slowGateway(Number(process.env.BENCH_LATENCY ?? 25)), dataDir, lang: 'tr', ...(arg ? { maxInFlight: Number(arg) } : {}) },
      );
      rows = out.rows;
    } else if (task === 'rehearsal') {
      const out = await realImport(file, arg, dataDir);
      rows = out.rows;
      const sorted = out.batchMs.sort((a, b) => a - b);
      extra = { batches: sorted.length, batchMedianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), batchP95Ms: Math.round(sorted[Math.floor(sorted.length * 0.95)] ?? 0) };
    } else throw new Error(`unknown task ${task}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const ms = performance.now() - started;
  loop.disable();
  const peakRssMb = Math.round(peakRss()!);
  const maxLoopDelayMs = Math.round(loop.max / 1e6);
  process.stdout.write(`${JSON.stringify({ task, rows, ms: Math.round(ms), rowsPerSecond: Math.round((rows / ms) * 1000), peakRssMb, maxLoopDelayMs, ...extra })}\n`);
}

await main();
