// The check (dry run) over the whole file, the first of the two passes and the heart of the
// checking room: every row is read, mapped and validated exactly as the import would, duplicates
// of an earlier row's natural key are flagged (and, as warnings, rows that may be an earlier row's
// person under another spelling), and each row is kept in the row store so the
// wizard's grid can page through it, even while the pass is still running. The run
// (running/importRun.ts) does not take its rows from here: it reads the file again and validates
// every row again.
import type { z } from 'zod';
import type { checkProgress, checkResult } from '../../../../shared/contract/imports';
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { availableParallelism } from 'node:os';
import { setImmediate } from 'node:timers/promises';
import { getSpec, type CollectionName, type FieldError, type ImportMode, type NumberStyle } from '../../../../shared/domain';
import { cancelledError } from '../../../core/errors/appError';
import { CheckSession } from './checkSession';
import { SHEET_BATCH_ROWS, inlineRunner, sheetWorkerBatches, workerRunner, type CheckRunner } from './checkUnits';
import { csvChunks } from '../reading/csvChunks';
import { assertMappingUsable, columnOfField, fitMapping } from './mapping';
import { NO_KEY, TEXT_KEY, type CheckedBatch, type CheckRules, type CheckUnit } from './rowChecker';
import { DuplicateKeys, FileDuplicateHashes } from './duplicateKeys';
import { detectFileNumberStyle, todayLocal } from './rowParsing';
import { withExtraErrors } from './rowChunks';
import type { RowStore, SourceStamp } from './rowStore';
import { abortError } from '../reading/sourceErrors';
import { SourceError, inspectSource, readRows, type SourceInfo, type SourceRow } from '../reading/source';
import { MAX_ROWS } from '../reading/sheetScanner';
import type { SheetExtent } from '../reading/sourceTypes';

export interface CheckInput {
  /** Path of a file the host has allowed. */
  path: string;
  fileName?: string;
  sheet?: string;
  headerRow?: number;
  collection: CollectionName;
  mapping: (string | null)[];
  numberStyle?: NumberStyle;
  /** With 'update', only the natural key is required (as the run will validate); default insert rules. */
  mode?: ImportMode;
  /** The file as inspectSource described it (same sheet and header row): it is not sniffed again. */
  info?: SourceInfo;
  /** Keep the errors and counts only: a workbook's rows are not stored, pages come without cells. */
  errorsOnly?: boolean;
}

/** The check job's progress (without the check's id, which the engine adds) and result, as the contract declares them. */
export type CheckProgress = Omit<z.output<typeof checkProgress>, 'checkId'>;
export type CheckSummary = z.output<typeof checkResult>;

export interface CheckOptions {
  dataDir: string;
  signal?: AbortSignal;
  progress?: (p: CheckProgress) => void;
  /** Called as soon as the session exists, so pages can be served during the pass. */
  onSession?: (session: CheckSession) => void;
  today?: string;
  /** Worker threads to check in besides this thread: 0 checks in this thread only; by default, one per core but this thread's for a big CSV. */
  threads?: number;
}

const MAX_QUEUED_WRITES = 4;
const MAX_RESERVED_ROWS = 20_000_000;
/** Measured on the 1M-row bench file: 64 KiB chunks cost more in messages; 512 KiB ran a little faster but held ~30 MB more. */
const CHECK_CHUNK_BYTES = 256 * 1024;
/**
 * The first chunk: a few hundred rows, so the first page is stored at once. Later chunks checked
 * in this thread while the workers start stay full size: 16 KiB ones cost the 100k-row bench
 * pass about 30 % more time.
 */
const FIRST_CHUNK_BYTES = 16 * 1024;

/** Below this size a file is checked in this thread: starting workers would cost more than they save. */
const WORKER_MIN_BYTES = 4 * 1024 * 1024;
/** A packed workbook of this size holds some 10,000 rows: from there its sheet is read in a worker. */
const SHEET_WORKER_MIN_BYTES = 512 * 1024;

function runnerFor(info: SourceInfo, rules: CheckRules, threads: number | undefined): CheckRunner {
  // A workbook's rows are checked where they are read (see checkedUnits).
  if (info.format !== 'csv') return inlineRunner(rules);
  if (threads !== undefined) return threads > 0 ? workerRunner(rules, threads) : inlineRunner(rules);
  const cores = availableParallelism();
  if (info.sizeBytes < WORKER_MIN_BYTES || cores < 2) return inlineRunner(rules);
  return workerRunner(rules, Math.min(cores - 1, 3));
}

function sheetInWorker(info: SourceInfo, threads: number | undefined): boolean {
  if (threads !== undefined) return threads > 0;
  return info.sizeBytes >= SHEET_WORKER_MIN_BYTES && availableParallelism() >= 2;
}

/**
 * A workbook's first rows, read once: they decide the number style and are the check's first
 * unit; the reader goes on from there. `expectedRows`: the rows the sheet's size tells from them.
 */
interface SheetHead {
  first: SourceRow[];
  rest: AsyncIterator<SourceRow[]>;
  expectedRows: number;
}

async function readSheetHead(path: string, info: SourceInfo, signal: AbortSignal | undefined): Promise<SheetHead> {
  const extent: SheetExtent = { sheetBytes: 0, scannedBytes: 0, scannedRows: 0 };
  const rest = readRows(path, info, { signal, chunkRows: SHEET_BATCH_ROWS, extent })[Symbol.asyncIterator]();
  const next = await rest.next();
  // No more than a sheet can hold, whatever size the package claims for it.
  const expectedRows = rowsToReserve(extent.scannedRows, extent.scannedBytes, extent.sheetBytes, MAX_ROWS);
  return { first: next.done ? [] : next.value, rest, expectedRows };
}

/**
 * Rows to make room for at once, from the rows in the first `bytesRead` of `totalBytes` (with a
 * margin), at most `most`; 0 when everything was read already. Tables grown step by step would
 * hold their old and new arrays together at each step (measured on a 1M-row workbook: 301 MB
 * peak against 246 reserved).
 */
export function rowsToReserve(rowsRead: number, bytesRead: number, totalBytes: number, most: number): number {
  if (rowsRead === 0 || bytesRead <= 0 || bytesRead >= totalBytes) return 0;
  return Math.min(Math.ceil((totalBytes / bytesRead) * rowsRead * 1.05), most);
}

/** The file's units of work as they are checked, each with the file bytes read once it is done (for progress). */
async function* checkedUnits(
  input: CheckInput,
  info: SourceInfo,
  head: SheetHead | null,
  rules: CheckRules,
  runner: CheckRunner,
  store: RowStore,
  threads: number | undefined,
  signal: AbortSignal | undefined,
): AsyncGenerator<{ checked: Promise<CheckedBatch>; bytesRead?: number }> {
  if (!head) {
    const dialect = { encoding: info.encoding!, delimiter: info.delimiter!, lineEnding: info.lineEnding };
    let first = true;
    const chunkBytes = (): number => (first ? FIRST_CHUNK_BYTES : CHECK_CHUNK_BYTES);
    for await (const chunk of csvChunks(input.path, dialect, { signal, chunkBytes })) {
      first = false;
      // This thread checks chunks too: a page asked for is served first (one read holds several
      // chunks; checked back to back they would hold this thread until the next read).
      await setImmediate();
      await store.rowsServed();
      const unit: CheckUnit = { kind: 'csv', chunk, afterRow: info.headerRow };
      // Read before the chunk goes to a worker, which takes its bytes (they read as empty here).
      const bytesRead = chunk.start + chunk.bytes.length;
      yield { checked: runner.check(unit), bytesRead };
    }
    return;
  }
  // The first batch here, so it is the first page at once; a big sheet's rest in a worker, which
  // reads the sheet from its start and leaves out the rows checked here.
  const { first, rest } = head;
  try {
    if (first.length === 0) return;
    yield { checked: runner.check({ kind: 'rows', rows: first }) };
    if (!sheetInWorker(info, threads)) {
      for (let next = await rest.next(); !next.done; next = await rest.next()) yield { checked: runner.check({ kind: 'rows', rows: next.value }) };
      return;
    }
  } finally {
    await rest.return?.();
  }
  for await (const batch of sheetWorkerBatches(rules, input.path, info, first.length, signal)) {
    if (signal?.aborted) throw abortError(signal);
    yield { checked: Promise.resolve(batch) };
  }
}

/** The first rows of a CSV, for settings decided before the pass (the number style); the pass then reads it in byte chunks. */
async function firstRows(path: string, info: SourceInfo, signal: AbortSignal | undefined): Promise<SourceRow[]> {
  for await (const batch of readRows(path, info, { signal, chunkRows: SHEET_BATCH_ROWS })) return batch;
  return [];
}

export async function runCheck(input: CheckInput, opts: CheckOptions): Promise<{ summary: CheckSummary; session: CheckSession; info: SourceInfo }> {
  const { signal } = opts;
  // Taken first: pages are read from the file later, so it must be the file that was checked.
  const { size, mtimeMs } = await stat(input.path).catch((err: unknown) => {
    throw new SourceError('not_found', input.path, {}, err);
  });
  const info = input.info ?? (await inspectSource(input.path, { sheet: input.sheet, headerRow: input.headerRow, signal }));
  const mapping = fitMapping(input.mapping, info.headers.length);
  const partial = input.mode === 'update';
  assertMappingUsable(input.collection, info.headers, mapping, { partial });
  const head = info.format === 'csv' ? null : await readSheetHead(input.path, info, signal);
  try {
    return await checkRows(input, opts, { info, head, mapping, partial, stamp: { path: input.path, size, mtimeMs } });
  } finally {
    await head?.rest.return?.(); // when the pass failed before reading on
  }
}

async function checkRows(
  input: CheckInput,
  opts: CheckOptions,
  { info, head, mapping, partial, stamp }: { info: SourceInfo; head: SheetHead | null; mapping: (string | null)[]; partial: boolean; stamp: SourceStamp },
): Promise<{ summary: CheckSummary; session: CheckSession; info: SourceInfo }> {
  const { signal } = opts;
  const columnOf = columnOfField(info.headers, mapping);
  const today = opts.today ?? todayLocal();
  const numberStyle = input.numberStyle ?? detectFileNumberStyle(input.collection, mapping, head ? head.first : await firstRows(input.path, info, signal));
  const rules: CheckRules = {
    collection: input.collection,
    mapping,
    numberStyle,
    partial,
    today,
    keepCells: !input.errorsOnly,
    columnOfField: Object.fromEntries(mapping.filter((f): f is string => f !== null).map((f) => [f, columnOf(f)])),
  };
  const session = await CheckSession.create(opts.dataDir, {
    stamp,
    checkId: randomUUID(),
    file: input.path,
    fileName: input.fileName ?? basename(input.path),
    source: info,
    collection: input.collection,
    mapping,
    numberStyle,
    today,
    partial,
    ...(input.errorsOnly ? { errorsOnly: true } : {}),
  });
  opts.onSession?.(session);

  const keyField = getSpec(input.collection).naturalKey;
  const keyColumn = columnOf(keyField) || keyField;
  const dups = new DuplicateKeys(keyField);
  // Rows that may be the same person as an earlier row: found when the last row is in.
  const possible = new FileDuplicateHashes(input.collection);
  const byCode: Record<string, number> = {};
  const byColumn: Record<string, number> = {};
  let rows = 0;
  let notData = 0;
  let invalid = 0;
  let warnings = 0;
  let bytesRead = 0;

  /** Adds a checked batch, in file order: duplicates of earlier keys, counts, the row store. */
  const absorb = (batch: CheckedBatch, unitBytes: number | undefined): Promise<void> => {
    const { chunk, numericKeys, textKeys } = batch;
    const { rowNumbers } = chunk;
    if (rows + notData === 0 && numericKeys.length > 0) {
      // Room for the whole file at once: the first unit tells the size of a row (a workbook's, in its sheet's XML).
      const expected = head ? head.expectedRows : rowsToReserve(numericKeys.length, unitBytes ?? 0, info.sizeBytes, MAX_RESERVED_ROWS);
      if (expected > 0) {
        dups.reserve(expected);
        possible.reserve(expected);
        session.store.reserve(expected);
      }
    }
    const duplicates = new Map<number, FieldError>();
    for (let i = 0, t = 0; i < numericKeys.length; i++) {
      const key = numericKeys[i] as number;
      if (key === NO_KEY) continue;
      const row = rowNumbers[i] as number;
      const dup = key === TEXT_KEY ? dups.check(textKeys[t++], row) : dups.checkNumeric(key, row);
      if (dup) duplicates.set(i, dup);
    }
    possible.add(batch.matchHashes, rowNumbers, duplicates);
    const errors = withExtraErrors(chunk.errors, rowNumbers, duplicates);
    invalid += errors.indexes.length;
    mergeCounts(byCode, batch.byCode);
    mergeCounts(byColumn, batch.byColumn);
    if (duplicates.size > 0) {
      byCode.duplicate_in_file = (byCode.duplicate_in_file ?? 0) + duplicates.size;
      byColumn[keyColumn] = (byColumn[keyColumn] ?? 0) + duplicates.size;
    }
    rows += numericKeys.length - batch.notData;
    notData += batch.notData;
    bytesRead = unitBytes ?? bytesRead + batch.approxBytes;
    const written = session.store.append({ ...chunk, errors });
    opts.progress?.({ rowsRead: rows, valid: rows - invalid, invalid, bytesRead: Math.min(bytesRead, info.sizeBytes), totalBytes: info.sizeBytes });
    return written;
  };

  const runner = runnerFor(info, rules, opts.threads);
  const inFlight: { checked: Promise<CheckedBatch>; done: boolean; bytesRead?: number }[] = [];
  // The store queues its writes; the pass waits only when a few are behind, so a slow disk holds
  // the reader back without every batch waiting for the one before it.
  const writes: Promise<void>[] = [];
  const takeOldest = async (): Promise<void> => {
    const next = inFlight.shift()!;
    writes.push(absorb(await next.checked, next.bytesRead));
    if (writes.length > MAX_QUEUED_WRITES) await writes.shift();
  };
  try {
    for await (const { checked, bytesRead: unitBytes } of checkedUnits(input, info, head, rules, runner, session.store, opts.threads, signal)) {
      const entry = { checked, done: false, bytesRead: unitBytes };
      entry.checked.then(() => (entry.done = true)).catch(() => undefined);
      inFlight.push(entry);
      // The first unit is the first page: taken before reading on, so it is served at once.
      if (rows + notData === 0 && inFlight.length === 1) await entry.checked.then(() => undefined, () => undefined);
      // Finished batches are taken at once (their rows are pages to show); others when too many wait.
      while (inFlight.length > 0 && (inFlight.length >= runner.parallelism || inFlight[0]!.done)) await takeOldest();
    }
    while (inFlight.length > 0) await takeOldest();
    await Promise.all(writes);
  } catch (err) {
    for (const { checked } of inFlight) checked.catch(() => undefined); // abandoned: their failures are moot
    await runner.close();
    await session.store.finish().catch(() => undefined);
    await session.close().catch(() => undefined); // the rows so far stay readable; nothing more is written
    // Past its disk budget, the check's files are what must not stay.
    if (err instanceof SourceError && err.code === 'check_too_large') await session.remove().catch(() => undefined);
    if (signal?.aborted) throw cancelledError();
    throw err;
  }
  // The workers end while this thread finds the possible duplicates (their threads take ~10 ms to go).
  const closing = runner.close();
  possible.resolve((rowNumber, earlierRow, rule) => {
    session.store.warnPossibleDuplicate(rowNumber, earlierRow, rule);
    warnings++;
  });
  await Promise.all([session.store.finish(), closing]);
  // Edited while being checked: its rows are a mix of two files, and pages would read the new one.
  await session.store.assertSourceUnchanged().catch(async (err: unknown) => {
    await session.close();
    throw err;
  });
  const summary: CheckSummary = { checkId: session.meta.checkId, rows, valid: rows - invalid, invalid, notData, warnings, byCode, byColumn };
  session.meta.summary = { rows, valid: rows - invalid, invalid, notData, warnings, byCode, byColumn };
  session.saveMeta();
  opts.progress?.({ rowsRead: rows, valid: rows - invalid, invalid, bytesRead: info.sizeBytes, totalBytes: info.sizeBytes });
  return { summary, session, info };
}

function mergeCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const key in from) into[key] = (into[key] ?? 0) + (from[key] as number);
}
