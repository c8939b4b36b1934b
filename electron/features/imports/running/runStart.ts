// What a run imports, decided once before anything is read: a new run (the mapping checked, the
// run started on the server, a journal written), or the journal of an interrupted one, which
// decides file, mapping, mode and fixes itself. Either way the file's reader is opened here.
import { basename } from 'node:path';
import { api } from '../../../../convex/_generated/api';
import { isPartialMode } from '../../../../shared/domain';
import { AppError } from '../../../core/errors/appError';
import { assertMappingUsable, fitMapping } from '../checking/mapping';
import { detectFileNumberStyle, todayLocal } from '../checking/rowParsing';
import { inspectSource, readRows, type SourceInfo, type SourceRow } from '../reading/source';
import { DEFAULT_BATCH_BYTES, DEFAULT_BATCH_ROWS } from './batcher';
import type { RunInput, RunOptions } from './runTypes';
import { withRetry } from '../../../core/backend/retry';
import { fileStamp, RunJournal, type JournalData } from './runJournal';

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

export interface StartedRun {
  journal: RunJournal;
  info: SourceInfo;
  /** The file's data rows in batches, from the first (a new run has read its first batch already). */
  rows: AsyncIterator<SourceRow[]>;
  first?: SourceRow[];
}

export async function startRun(input: RunInput, opts: RunOptions): Promise<StartedRun> {
  return input.resumeRunId ? resumeRun(input.resumeRunId, opts) : newRun(input, opts);
}

async function resumeRun(runId: string, opts: RunOptions): Promise<StartedRun> {
  const journal = RunJournal.load(opts.dataDir, runId);
  if (!journal) {
    throw new AppError('no_such_run', `No local journal for import run ${runId}`, `${runId} aktarımının kaydı bu bilgisayarda yok`);
  }
  const j = journal.data;
  if (j.state === 'finished') {
    throw new AppError('run_finished', 'This import run has already ended', 'Bu aktarım zaten tamamlanmış');
  }
  const stamp = fileStamp(j.path);
  if (stamp.fileSize !== j.fileSize || stamp.fileMtimeMs !== j.fileMtimeMs) {
    throw new AppError(
      'file_changed',
      `${j.fileName} has changed since the import started; it cannot be resumed`,
      `${j.fileName} aktarım başladıktan sonra değişmiş; aktarıma devam edilemez`,
    );
  }
  const info = await inspectSource(j.path, { sheet: j.sheet, headerRow: j.headerRow, signal: opts.signal });
  return { journal, info, rows: readRows(j.path, info, { signal: opts.signal })[Symbol.asyncIterator]() };
}

async function newRun(input: RunInput, opts: RunOptions): Promise<StartedRun> {
  const { signal } = opts;
  const controlTotals = checkControlTotals(opts.controlTotals, opts.dryRun);
  const info = input.info ?? (await inspectSource(input.path, { sheet: input.sheet, headerRow: input.headerRow, signal }));
  const mapping = fitMapping(input.mapping, info.headers.length);
  assertMappingUsable(input.collection, info.headers, mapping, { partial: isPartialMode(input.mode) });
  const rows = readRows(input.path, info, { signal })[Symbol.asyncIterator]();
  const head = await rows.next();
  const first = head.done ? [] : head.value;
  const fileName = (input.fileName ?? basename(input.path)).slice(0, 255);
  const runId = await withRetry(
    () =>
      opts.gateway.mutation(api.imports.startRun, {
        collection: input.collection,
        mode: input.mode,
        fileName,
        totalRows: opts.totalRows,
        ...(controlTotals ? { controlTotals } : {}),
        ...(opts.matchDays === undefined ? {} : { matchDays: opts.matchDays }),
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
    dataRows: opts.overlay ? [...opts.overlay.data] : [],
    totalRows: opts.totalRows,
    ackedThrough: -1,
    acked: { inserted: 0, updated: 0, unchanged: 0, conflict: 0, failed: 0 },
    ...(opts.dryRun ? { dryRunFile: opts.dryRun.file } : {}),
    ...(controlTotals ? { controlTotals } : {}),
  };
  return { journal: RunJournal.create(opts.dataDir, data), info, rows, first };
}
