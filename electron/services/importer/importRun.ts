// The import run: re-reads the file, applies the mapping and the user's fixes and skips,
// validates every row (rows with errors stay local and go to the error report), sends the valid
// rows in numbered batches with a few in flight, retries transport failures, and keeps a journal
// so an interrupted run can be resumed without writing any row twice. A cancel stops sending,
// waits for the batches in flight and ends the run as cancelled.
import { basename, extname, join } from 'node:path';
import { api } from '../../../convex/_generated/api';
import type { Id } from '../../../convex/_generated/dataModel';
import { errorMessage, isPartialMode, type CellValue, type FieldError, type Lang } from '../../../shared/domain';
import { AppError } from '../core/appError';
import { classifyBackendError } from '../backend/backendErrors';
import type { Gateway } from '../backend/gateway';
import { Batcher, DEFAULT_BATCH_BYTES, DEFAULT_BATCH_ROWS, type Batch } from './batcher';
import { conflictText, ErrorReportWriter, reportFormatFor } from './errorReport';
import { assertMappingUsable } from './mapping';
import type { Overlay } from './overlay';
import { withRetry, type RetryOptions } from './retry';
import { DuplicateKeys, RowParser, detectFileNumberStyle, todayLocal } from './rowParsing';
import { approxRowBytes, fitMapping } from './rowSize';
import { fileStamp, RunJournal, type ImportMode, type JournalData, type RejectedRow } from './runJournal';
import type { CheckInput } from './checkPass';
import { DryRunCursor, type DryRunSummary, type Snapshot } from './dryRun';
import { inspectSource, readRows, type SourceInfo, type SourceRow } from './source';

export interface RunInput extends Omit<CheckInput, 'mode'> {
  mode: ImportMode;
  /** Continue this run (its journal decides file, mapping, mode and fixes). */
  resumeRunId?: string;
}

export interface RunProgress {
  rowsRead: number;
  sent: number;
  inserted: number;
  updated: number;
  unchanged: number;
  conflict: number;
  skipped: number;
  failed: number;
  rowsPerSecond: number;
  etaSeconds: number | null;
  bytesRead: number;
  totalBytes: number;
}

export interface RunOutcome {
  runId: string;
  status: 'completed' | 'failed' | 'cancelled';
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  conflict: number;
  skipped: number;
  failed: number;
  durationMs: number;
  controlTotals?: ControlTotals;
  reportFile?: string;
  /** Why the run failed; with resumable, it can be continued with resumeRunId. */
  error?: { code: string; messageEn: string; messageTr: string };
  resumable?: boolean;
}

export interface RunOptions {
  gateway: Gateway;
  dataDir: string;
  lang: Lang;
  signal?: AbortSignal;
  progress?: (p: RunProgress) => void;
  /** The check's fixes and skips (ignored when resuming: the journal has its own copy). */
  overlay?: Overlay;
  totalRows?: number;
  maxInFlight?: number;
  batchRows?: number;
  batchBytes?: number;
  retry?: RetryOptions;
  /** Where the error report goes (default dataDir/reports). */
  reportDir?: string;
  /** Every failed row as it is known (the CLI prints them). */
  onRowFailed?: (rowNumber: number, errors: FieldError[]) => void;
  today?: string;
  /** The check's dry run (ignored when resuming: the journal names its own). */
  dryRun?: { file: string; summary: DryRunSummary };
  /** Staff's expected totals: the run does not start unless the dry run's file totals agree. */
  controlTotals?: { expectedRows: number; expectedAmount: number };
  /** Every row reported as a conflict, with the stored values now (the CLI prints them). */
  onConflict?: (rowNumber: number, stored: Snapshot | null) => void;
}

export interface ControlTotals {
  expectedRows: number;
  expectedAmount: number;
  fileRows: number;
  fileAmount: number;
}

/** The run's control totals with the file's, or a refusal when they disagree. */
export function checkControlTotals(expected: RunOptions['controlTotals'], dryRun: RunOptions['dryRun']): ControlTotals | undefined {
  if (!expected) return undefined;
  if (!dryRun || dryRun.summary.amountTotal === null) {
    throw new AppError('control_totals_need_dry_run', 'Control totals need a dry run of donations or finance records', 'Kontrol toplamları için bağış ya da finans kayıtlarının provası gerekir');
  }
  const totals = { ...expected, fileRows: dryRun.summary.validRows, fileAmount: dryRun.summary.amountTotal };
  if (totals.fileRows !== totals.expectedRows || totals.fileAmount !== totals.expectedAmount) {
    throw new AppError(
      'control_totals_mismatch',
      `The file's valid rows do not match the control totals: ${totals.fileRows} rows and ${totals.fileAmount / 100} in the file, ${totals.expectedRows} rows and ${totals.expectedAmount / 100} expected`,
      `Dosyanın geçerli satırları kontrol toplamlarıyla uyuşmuyor: dosyada ${totals.fileRows} satır ve ${(totals.fileAmount / 100).toLocaleString('tr-TR', { minimumFractionDigits: 2 })}, beklenen ${totals.expectedRows} satır ve ${(totals.expectedAmount / 100).toLocaleString('tr-TR', { minimumFractionDigits: 2 })}`,
    );
  }
  return totals;
}

type RowExtra = CellValue[];

type Rejected = RejectedRow;

const SKIPPED_TEXT: Record<Lang, string> = { tr: 'Kullanıcı bu satırı atladı', en: 'Skipped by the user' };

export async function runImport(input: RunInput, opts: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  const { gateway, signal, lang } = opts;
  const maxInFlight = Math.max(1, opts.maxInFlight ?? 4);

  // --- what to import: a new run, or the journal of an interrupted one -----------------------
  let journal: RunJournal;
  let info: SourceInfo;
  let first: SourceRow[] | undefined;
  let rowIterator: AsyncIterator<SourceRow[]>;
  if (input.resumeRunId) {
    const found = RunJournal.load(opts.dataDir, input.resumeRunId);
    if (!found) {
      throw new AppError('no_such_run', `No local journal for import run ${input.resumeRunId}`, `${input.resumeRunId} aktarımının kaydı bu bilgisayarda yok`);
    }
    if (found.data.state === 'finished') {
      throw new AppError('run_finished', 'This import run has already ended', 'Bu aktarım zaten tamamlanmış');
    }
    const stamp = fileStamp(found.data.path);
    if (stamp.fileSize !== found.data.fileSize || stamp.fileMtimeMs !== found.data.fileMtimeMs) {
      throw new AppError(
        'file_changed',
        `${found.data.fileName} has changed since the import started; it cannot be resumed`,
        `${found.data.fileName} aktarım başladıktan sonra değişmiş; aktarıma devam edilemez`,
      );
    }
    journal = found;
    info = await inspectSource(journal.data.path, { sheet: journal.data.sheet, headerRow: journal.data.headerRow, signal });
    rowIterator = readRows(journal.data.path, info, { signal })[Symbol.asyncIterator]();
  } else {
    const controlTotals = checkControlTotals(opts.controlTotals, opts.dryRun);
    info = await inspectSource(input.path, { sheet: input.sheet, headerRow: input.headerRow, signal });
    const mapping = fitMapping(input.mapping, info.headers.length);
    assertMappingUsable(input.collection, info.headers, mapping, { partial: isPartialMode(input.mode) });
    rowIterator = readRows(input.path, info, { signal })[Symbol.asyncIterator]();
    const head = await rowIterator.next();
    first = head.done ? [] : head.value;
    const fileName = (input.fileName ?? basename(input.path)).slice(0, 255);
    const runId = await withRetry(
      () =>
        gateway.mutation(api.imports.startRun, {
          collection: input.collection,
          mode: input.mode,
          fileName,
          totalRows: opts.totalRows,
          ...(controlTotals ? { controlTotals } : {}),
        }),
      opts.retry,
    );
    const data: JournalData = {
      runId,
      state: 'running',
      path: input.path,
      fileName,
      ...fileStamp(input.path),
      sheet: info.sheet ?? undefined,
      headerRow: info.headerRow,
      collection: input.collection,
      mapping,
      mode: input.mode,
      numberStyle: input.numberStyle ?? detectFileNumberStyle(input.collection, mapping, first),
      today: opts.today ?? todayLocal(),
      batchRows: opts.batchRows ?? DEFAULT_BATCH_ROWS,
      batchBytes: opts.batchBytes ?? DEFAULT_BATCH_BYTES,
      // A copy: later edits in the wizard must not move the batch boundaries of this run.
      fixes: opts.overlay ? Object.fromEntries(opts.overlay.fixes) : {},
      skips: opts.overlay ? [...opts.overlay.skips] : [],
      totalRows: opts.totalRows,
      ackedThrough: -1,
      acked: { inserted: 0, updated: 0, unchanged: 0, conflict: 0, failed: 0 },
      ...(opts.dryRun ? { dryRunFile: opts.dryRun.file } : {}),
      ...(controlTotals ? { controlTotals } : {}),
    };
    journal = RunJournal.create(opts.dataDir, data);
  }
  const j = journal.data;
  const runId = j.runId as Id<'importRuns'>;
  const fixes = new Map(Object.entries(j.fixes).map(([k, v]) => [Number(k), v]));
  const skips = new Set(j.skips);
  const rejectedBefore = j.ackedThrough >= 0 ? journal.rejectedRows() : new Map<number, RejectedRow>();

  const parser = new RowParser({ collection: j.collection, mapping: j.mapping, numberStyle: j.numberStyle, partial: isPartialMode(j.mode), today: j.today });
  // The dry run's labels, read in step with the file: unchanged rows are not sent, and the others
  // carry what the dry run saw so the server can refuse to overwrite a record changed since.
  const planned = j.dryRunFile ? new DryRunCursor(j.dryRunFile) : null;
  const dups = new DuplicateKeys(parser.naturalKey);
  const batcher = new Batcher<RowExtra>(j.batchRows, j.batchBytes);

  const reportName = `${basename(j.fileName, extname(j.fileName))}-hatalar-${String(runId).slice(-8)}.csv`;
  const reportFile = await ErrorReportWriter.open(join(opts.reportDir ?? join(opts.dataDir, 'reports'), reportName), info.headers, reportFormatFor(info), lang);
  const describe = (rowNumber: number, errors: FieldError[]) =>
    `${lang === 'tr' ? 'Satır' : 'Row'} ${rowNumber}: ${errors.map((e) => errorMessage(e, lang, j.collection)).join('; ')}`;
  // --- counters and progress -------------------------------------------------------------------
  const c = {
    rowsRead: 0,
    sent: 0,
    inserted: j.acked.inserted,
    updated: j.acked.updated,
    unchanged: j.acked.unchanged ?? 0,
    conflict: j.acked.conflict ?? 0,
    skipped: 0,
    failedLocal: 0,
    failedServer: j.acked.failed,
    bytesRead: 0,
  };
  const emit = () => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? c.rowsRead / seconds : 0;
    let eta: number | null = null;
    if (rate > 0 && j.totalRows) eta = Math.max(0, (j.totalRows - c.rowsRead) / rate);
    else if (c.bytesRead > 0 && info.format === 'csv') eta = Math.max(0, ((info.sizeBytes - c.bytesRead) / c.bytesRead) * seconds);
    opts.progress?.({
      rowsRead: c.rowsRead,
      sent: c.sent,
      inserted: c.inserted,
      updated: c.updated,
      unchanged: c.unchanged,
      conflict: c.conflict,
      skipped: c.skipped,
      failed: c.failedLocal + c.failedServer,
      rowsPerSecond: Math.round(rate),
      etaSeconds: eta === null ? null : Math.round(eta),
      bytesRead: Math.min(c.bytesRead, info.sizeBytes),
      totalBytes: info.sizeBytes,
    });
  };

  const fail = async (rowNumber: number, cells: CellValue[], errors: FieldError[]) => {
    opts.onRowFailed?.(rowNumber, errors);
    await reportFile.add(cells, describe(rowNumber, errors));
  };

  // --- sending -----------------------------------------------------------------------------------
  const inFlight = new Set<Promise<void>>();
  let sendError: unknown = null;
  // Server rejections are reported after their batch is answered; the report is written in order
  // of discovery, so they are queued and written between rows.
  const answered: { batch: Batch<RowExtra>; rejected: Rejected[] }[] = [];

  const send = (batch: Batch<RowExtra>): Promise<void> =>
    withRetry(() => gateway.action(api.imports.ingestBatch, { runId, batchIndex: batch.batchIndex, rows: batch.rows }), opts.retry).then(
      (res) => {
        const rejected: Rejected[] = [];
        for (const r of res.results) {
          if (r.outcome === 'rejected') rejected.push({ rowNumber: r.rowNumber, errors: (r.errors ?? []) as FieldError[] });
          else if (r.outcome === 'conflict') rejected.push({ rowNumber: r.rowNumber, errors: [], stored: r.stored ?? null });
        }
        journal.acknowledge(batch.batchIndex, res.counts, rejected);
        c.sent += batch.rows.length;
        c.inserted += res.counts.inserted;
        c.updated += res.counts.updated;
        c.unchanged += res.counts.unchanged;
        c.conflict += res.counts.conflict;
        c.failedServer += res.counts.failed;
        answered.push({ batch, rejected });
        emit();
      },
      (err: unknown) => {
        sendError ??= err;
      },
    );

  const drainAnswered = async () => {
    while (answered.length > 0) {
      const { batch, rejected } = answered.shift()!;
      if (rejected.length === 0) continue;
      const cellsOf = new Map(batch.rows.map((r, i) => [r.rowNumber, batch.extras[i]!]));
      for (const r of rejected) await report(r, cellsOf.get(r.rowNumber) ?? []);
    }
  };
  const report = async (r: Rejected, cells: CellValue[]) => {
    if (r.stored === undefined) return await fail(r.rowNumber, cells, r.errors);
    opts.onConflict?.(r.rowNumber, r.stored);
    await reportFile.add(cells, conflictText(j.collection, r.rowNumber, r.stored, lang));
  };

  const dispatch = async (batch: Batch<RowExtra>) => {
    if (batch.batchIndex <= j.ackedThrough) {
      // Acknowledged before the interruption: not sent again; its rejections come from the journal.
      c.sent += batch.rows.length;
      for (let i = 0; i < batch.rows.length; i++) {
        const row = batch.rows[i]!;
        const rejected = rejectedBefore.get(row.rowNumber);
        if (rejected) await report(rejected, batch.extras[i]!);
      }
      return;
    }
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    await drainAnswered();
    if (stopped()) return; // cancelled or failed while waiting for a free slot
    const p = send(batch).finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  const stopped = () => sendError !== null || signal?.aborted === true;

  // --- reading -----------------------------------------------------------------------------------
  let readError: unknown = null;
  try {
    for (let batch = first ?? (await nextBatch(rowIterator)); batch; batch = await nextBatch(rowIterator)) {
      for (const row of batch) {
        c.rowsRead++;
        c.bytesRead += approxRowBytes(row.cells);
        if (skips.has(row.rowNumber)) {
          c.skipped++;
          await reportFile.add(row.cells, `${lang === 'tr' ? 'Satır' : 'Row'} ${row.rowNumber}: ${SKIPPED_TEXT[lang]}`);
          continue;
        }
        const result = parser.parse(row.cells, fixes.get(row.rowNumber));
        const dup = dups.check(parser.keyOf(result), row.rowNumber);
        if (dup) result.errors.push(dup);
        if (result.errors.length > 0) {
          c.failedLocal++;
          await fail(row.rowNumber, row.cells, result.errors);
          continue;
        }
        const plan = planned ? await planned.at(row.rowNumber) : undefined;
        if (plan?.action === 'unchanged') {
          c.unchanged++;
          continue;
        }
        const closed = batcher.add(
          { rowNumber: row.rowNumber, values: result.record, ...(plan?.expected !== undefined ? { expected: plan.expected } : {}) },
          row.cells,
        );
        if (closed) await dispatch(closed);
        if (stopped()) break;
      }
      emit();
      if (stopped()) break;
    }
    if (!stopped()) {
      const last = batcher.flush();
      if (last) await dispatch(last);
    }
  } catch (err) {
    if (!signal?.aborted) readError = err;
  } finally {
    await rowIterator.return?.().catch(() => undefined);
    await planned?.close().catch(() => undefined);
  }
  await Promise.all(inFlight);
  await drainAnswered();

  // --- ending ------------------------------------------------------------------------------------
  const outcome = (status: RunOutcome['status'], extra: Partial<RunOutcome> = {}): RunOutcome => ({
    runId: j.runId,
    status,
    rows: c.rowsRead,
    inserted: c.inserted,
    updated: c.updated,
    unchanged: c.unchanged,
    conflict: c.conflict,
    skipped: c.skipped,
    failed: c.failedLocal + c.failedServer,
    durationMs: Date.now() - started,
    ...(j.controlTotals ? { controlTotals: j.controlTotals } : {}),
    ...extra,
  });
  const finishReport = async () => {
    const file = reportFile.rowCount === 0 ? (await reportFile.discard(), undefined) : await reportFile.commit();
    journal.setReport(file);
    return file;
  };
  const finish = (status: 'completed' | 'failed' | 'cancelled', error?: string) =>
    withRetry(() => gateway.mutation(api.imports.finishRun, { runId, status, skipped: c.skipped, rejectedBeforeSend: c.failedLocal, ...(error ? { error } : {}) }), opts.retry);

  const problem = readError ?? sendError;
  if (problem !== null) {
    const reportFile = await finishReport();
    const message = problem instanceof Error ? problem.message : String(problem);
    const resumable = readError === null && classifyBackendError(problem).resumable;
    // A transport failure leaves the run open on the server so it can be resumed; anything else ends it.
    if (!resumable) {
      await finish('failed', message.slice(0, 1000)).catch(() => undefined);
      journal.finish();
    }
    emit();
    return outcome('failed', {
      reportFile,
      resumable,
      error: resumable
        ? {
            code: 'import_interrupted',
            messageEn: `The import was interrupted (${message}). ${c.sent} rows were saved; resume it to send the rest.`,
            messageTr: `Aktarım yarıda kaldı (${message}). ${c.sent} satır kaydedildi; kalanları göndermek için aktarıma devam edin.`,
          }
        : { code: 'import_failed', messageEn: `The import failed: ${message}`, messageTr: `Aktarım başarısız oldu: ${message}` },
    });
  }
  const status = signal?.aborted ? 'cancelled' : 'completed';
  try {
    await finish(status);
  } catch (err) {
    // Every batch is in; only the ending is missing, which a resume completes.
    const reportFile = await finishReport();
    const message = err instanceof Error ? err.message : String(err);
    return outcome('failed', {
      reportFile,
      resumable: classifyBackendError(err).resumable,
      error: { code: 'import_interrupted', messageEn: `Could not end the import run: ${message}`, messageTr: `Aktarım kaydı kapatılamadı: ${message}` },
    });
  }
  journal.finish();
  emit();
  return outcome(status, { reportFile: await finishReport() });
}

async function nextBatch(it: AsyncIterator<SourceRow[]>): Promise<SourceRow[] | undefined> {
  const r = await it.next();
  return r.done ? undefined : r.value;
}
