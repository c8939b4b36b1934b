// The import engine as the core uses it, over its three rooms (reading/, checking/, running/;
// see the README's section on big files): the import jobs (check, dry run, run; undo is
// running/undo.ts), and the plain functions behind the wizard's channels (inspect a file, page a
// check, fix cells, skip rows, find a run's report). importsFeature.ts makes one engine for both
// its jobs and its channels, so they share check sessions.
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { explainedCollectionGuess, type CellValue, type CollectionName, type RowAction } from '../../../shared/domain';
import { MAX_LISTED_FAILURES, type inspectResult } from '../../../shared/contract/imports';
import { AppError, cancelledError } from '../../core/errors/appError';
import type { JobImpls } from '../../core/jobRunner';
import type { CoreServices } from '../../core/services';
import { runCheck } from './checking/checkPass';
import { DryRunStore, runDryRun } from './running/dryRun';
import { CheckSession, type CheckedRow, type RowsQuery } from './checking/checkSession';
import { cellErrors, columnOfField, suggestColumns } from './checking/mapping';
import { applyMemory, MappingMemory } from './mappingMemory';
import { runImport } from './running/importRun';
import { undoRun } from './running/undo';
import { detectFileNumberStyle } from './checking/rowParsing';
import { RunJournal } from './running/runJournal';
import { inspectSource, readRows } from './reading/source';
import { asAppError } from './reading/sourceErrors';

export type InspectResult = z.output<typeof inspectResult>;
export type PreviewCell = string | number | boolean | null;
/** What the engine needs of the core: the backend, the data folder, file access and the UI language. */
export type ImportDeps = Pick<CoreServices, 'gateway' | 'dataDir' | 'files' | 'settings'>;
export type ImportJobImpls = Pick<JobImpls, 'importCheck' | 'importRun' | 'importDryRun' | 'importUndo'>;

/** Cells as the renderer can carry them: dates as ISO yyyy-mm-dd, missing as null. */
export function previewCells(cells: CellValue[]): PreviewCell[] {
  return cells.map((c) => (c === undefined ? null : c instanceof Date ? (Number.isNaN(c.getTime()) ? null : c.toISOString().slice(0, 10)) : c));
}

const isAbort = (err: unknown, signal?: AbortSignal) => signal?.aborted === true || (err instanceof Error && err.name === 'AbortError');

export class ImportEngine {
  readonly memory: MappingMemory;
  private readonly sessions = new Map<string, CheckSession>();
  /** The latest dry run of each check (on disk beside the check; dropped when a cell is fixed). */
  private readonly dryRuns = new Map<string, { store: DryRunStore; mode: string }>();

  constructor(private readonly services: ImportDeps) {
    // Old checks are removed with the other personal data by core/retention.ts.
    this.memory = new MappingMemory(services.dataDir);
  }

  resolveFile(ref: string): { path: string; name: string } {
    const file = this.services.files.resolve(ref);
    if (!file) throw new AppError('file_refused', 'The file cannot be opened', 'Dosya açılamıyor');
    return file;
  }

  /** Describes a file, shows its first rows and suggests (or recalls) a mapping. */
  async inspectFile(input: { file: string; sheet?: string; headerRow?: number; collection?: CollectionName; previewRows?: number }): Promise<InspectResult> {
    const { path, name } = this.resolveFile(input.file);
    try {
      const info = await inspectSource(path, { sheet: input.sheet, headerRow: input.headerRow });
      const want = input.previewRows ?? 20;
      const preview: { rowNumber: number; cells: PreviewCell[] }[] = [];
      const sample: { rowNumber: number; cells: CellValue[] }[] = [];
      for await (const batch of readRows(path, info, { chunkRows: 200 })) {
        for (const row of batch) {
          if (preview.length < want) preview.push({ rowNumber: row.rowNumber, cells: previewCells(row.cells) });
          sample.push(row);
        }
        if (sample.length >= Math.max(want, 200)) break;
      }
      let suggestions = null;
      let remembered = false;
      if (input.collection) {
        const recalled = this.memory.recall(input.collection, info.headers);
        remembered = recalled !== undefined;
        const cells = sample.map((r) => r.cells);
        suggestions = applyMemory(suggestColumns(input.collection, info.headers, cells), recalled).map((s) => ({
          header: s.header,
          field: s.field,
          confidence: s.confidence,
          reason: s.reason,
        }));
      }
      const mapping = suggestions ? suggestions.map((s) => s.field) : [];
      return {
        file: input.file,
        name,
        sizeBytes: info.sizeBytes,
        format: info.format,
        encoding: info.encoding,
        delimiter: info.delimiter,
        sheets: info.sheets,
        sheet: info.sheet,
        headerRow: info.headerRow,
        detection: info.detection ?? null,
        headers: info.headers,
        preview,
        numberStyle: input.collection ? detectFileNumberStyle(input.collection, mapping, sample) : 'tr',
        suggestions,
        rememberedMapping: remembered,
        collectionGuess: explainedCollectionGuess(info.headers),
      };
    } catch (err) {
      throw asAppError(err);
    }
  }

  /** Closes the check sessions' files (the core is closing): left to the garbage collector, Node warns on stderr. */
  async close(): Promise<void> {
    const open = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(open.map((s) => s.close()));
  }

  async session(checkId: string): Promise<CheckSession> {
    const live = this.sessions.get(checkId);
    if (live) return live;
    const opened = await CheckSession.open(this.services.dataDir, checkId);
    if (!opened) throw new AppError('no_such_check', 'This check is no longer available; check the file again', 'Bu kontrol artık yok; dosyayı yeniden kontrol edin');
    this.sessions.set(checkId, opened);
    return opened;
  }

  async getCheckRows(q: RowsQuery & { checkId: string }): Promise<{ total: number; done: boolean; rows: (Omit<CheckedRow, 'cells'> & { cells: PreviewCell[] })[] }> {
    const page = await (await this.session(q.checkId)).getRows(q);
    return { total: page.total, done: page.complete, rows: page.rows.map((r) => ({ ...r, cells: previewCells(r.cells) })) };
  }

  async fixCell(q: { checkId: string; rowNumber: number; field: string; value: string }) {
    // A fixed cell makes the dry run's comparison of that row stale: the wizard runs it again.
    await this.dropDryRun(q.checkId);
    const row = await (await this.session(q.checkId)).fixCell(q.rowNumber, q.field, q.value);
    return { ...row, cells: previewCells(row.cells) };
  }

  async setRowData(q: { checkId: string; rowNumber: number; data: boolean }) {
    // The row enters or leaves the rows compared: the wizard runs the dry run again.
    await this.dropDryRun(q.checkId);
    const row = await (await this.session(q.checkId)).setRowData(q.rowNumber, q.data);
    return { ...row, cells: previewCells(row.cells) };
  }

  async skipRows(q: { checkId: string; rowNumbers?: number[]; allInvalid?: boolean; skip: boolean }): Promise<{ skipped: number }> {
    return { skipped: await (await this.session(q.checkId)).skipRows(q) };
  }

  private async dropDryRun(checkId: string): Promise<void> {
    const old = this.dryRuns.get(checkId);
    this.dryRuns.delete(checkId);
    await old?.store.remove();
  }

  private finishedDryRun(checkId: string, mode: string): DryRunStore {
    const found = this.dryRuns.get(checkId);
    if (!found || !found.store.complete || found.mode !== mode) {
      throw new AppError('no_dry_run', 'Compare the file with the stored records again before importing', 'İçe aktarmadan önce dosyayı kayıtlı verilerle yeniden karşılaştırın');
    }
    return found.store;
  }

  /** A page of a finished dry run's rows, with each error in both languages. */
  async getDryRunRows(q: { checkId: string; action?: RowAction; offset: number; limit: number }) {
    const found = this.dryRuns.get(q.checkId);
    if (!found?.store.complete) throw new AppError('no_dry_run', 'This comparison is no longer available', 'Bu karşılaştırma artık yok');
    const session = await this.session(q.checkId);
    const { collection, mapping, source } = session.meta;
    const columnOf = (field: string) => source.headers[mapping.lastIndexOf(field)] ?? '';
    const rows = await found.store.page(q.action, q.offset, q.limit);
    return {
      total: found.store.count(q.action),
      rows: rows.map((r) => ({ rowNumber: r.rowNumber, action: r.action, changes: r.changes ?? [], errors: cellErrors(r.errors ?? [], collection, columnOf), warnings: cellErrors(r.warnings ?? [], collection, columnOf), ...(r.matchedBy ? { matchedBy: r.matchedBy } : {}) })),
    };
  }

  /** The error report this PC kept for a run, if any. */
  reportFor(runId: string): { path: string; name: string } | undefined {
    const file = RunJournal.load(this.services.dataDir, runId)?.data.reportFile;
    return file && existsSync(file) ? { path: file, name: basename(file) } : undefined;
  }

  readonly jobs: ImportJobImpls = {
    importCheck: async (input, ctx) => {
      const { path, name } = this.resolveFile(input.file);
      // Progress carries the check's id as soon as it exists, so the wizard can page rows while the pass runs.
      let checkId: string | undefined;
      try {
        const { summary } = await runCheck(
          { path, fileName: name, sheet: input.sheet, headerRow: input.headerRow, collection: input.collection, mapping: input.mapping, numberStyle: input.numberStyle, mode: input.mode, errorsOnly: input.errorsOnly },
          {
            dataDir: this.services.dataDir,
            signal: ctx.signal,
            progress: (p) => ctx.progress(checkId ? { ...p, checkId } : p),
            onSession: (s) => {
              checkId = s.meta.checkId;
              this.sessions.set(s.meta.checkId, s);
            },
          },
        );
        return summary;
      } catch (err) {
        if (isAbort(err, ctx.signal)) throw cancelledError();
        throw asAppError(err);
      }
    },
    importDryRun: async (input, ctx) => {
      const session = await this.session(input.checkId);
      const { meta } = session;
      if (!meta.summary) throw new AppError('check_running', 'The check has not finished yet', 'Kontrol henüz bitmedi');
      await this.dropDryRun(input.checkId);
      const store = await DryRunStore.create(join(session.dir, `dry-run-${input.mode}.ndjson`));
      try {
        const summary = await runDryRun(
          {
            path: meta.file,
            info: meta.source,
            collection: meta.collection,
            mapping: meta.mapping,
            numberStyle: meta.numberStyle,
            today: meta.today,
            mode: input.mode,
            fixes: session.overlay.fixes,
            skips: session.overlay.skips,
            dataRows: session.overlay.data,
            ...(input.matchDays === undefined ? {} : { matchDays: input.matchDays }),
          },
          { gateway: this.services.gateway, store, signal: ctx.signal, progress: ctx.progress },
        );
        this.dryRuns.set(input.checkId, { store, mode: input.mode });
        return summary;
      } catch (err) {
        await store.remove();
        if (isAbort(err, ctx.signal)) throw cancelledError();
        throw asAppError(err);
      }
    },
    importUndo: async (input, ctx) => await undoRun(this.services.gateway, input.runId, ctx.signal, ctx.progress),
    importRun: async (input, ctx) => {
      const resuming = input.resumeRunId !== undefined;
      const { path, name } = resuming ? { path: '', name: '' } : this.resolveFile(input.file);
      const session = input.checkId ? await this.session(input.checkId) : undefined;
      const dryRun = input.dryRun && input.checkId && !resuming ? this.finishedDryRun(input.checkId, input.mode) : undefined;
      try {
        // Sniffed here once; the run reads the file with it (a resumed run, with its journal's sheet).
        const info = resuming ? undefined : await inspectSource(path, { sheet: input.sheet, headerRow: input.headerRow });
        // Starting an import is the user confirming this mapping for this layout.
        if (info) this.memory.remember(input.collection, info.headers, input.mapping);
        // The first failed rows, for hosts that list them (the CLI); the error report has them all.
        const failures: { rowNumber: number; errors: ReturnType<typeof cellErrors> }[] = [];
        const columnOf = info ? columnOfField(info.headers, input.mapping) : (field: string) => field;
        const out = await runImport(
          {
            path,
            info,
            fileName: input.fileName ?? name,
            sheet: input.sheet,
            headerRow: input.headerRow,
            collection: input.collection,
            mapping: input.mapping,
            numberStyle: input.numberStyle ?? session?.meta.numberStyle,
            mode: input.mode,
            resumeRunId: input.resumeRunId,
          },
          {
            gateway: this.services.gateway,
            dataDir: this.services.dataDir,
            lang: this.services.settings.get().language,
            signal: ctx.signal,
            progress: ctx.progress,
            overlay: session?.overlay,
            totalRows: session?.meta.summary?.rows,
            today: session?.meta.today,
            ...(dryRun?.summary ? { dryRun: { file: dryRun.path, summary: dryRun.summary } } : {}),
            ...(input.controlTotals ? { controlTotals: input.controlTotals } : {}),
            ...(input.matchDays === undefined ? {} : { matchDays: input.matchDays }),
            onRowFailed: (rowNumber, errors) => {
              if (failures.length < MAX_LISTED_FAILURES) failures.push({ rowNumber, errors: cellErrors(errors, input.collection, columnOf) });
            },
          },
        );
        // A completed import is done with its source: web mode deletes the upload.
        if (out.status === 'completed') this.services.files.release?.(input.file);
        return {
          runId: out.runId,
          status: out.status,
          rows: out.rows,
          ...(failures.length > 0 ? { failures } : {}),
          inserted: out.inserted,
          updated: out.updated,
          unchanged: out.unchanged,
          conflict: out.conflict,
          ...(out.controlTotals ? { controlTotals: out.controlTotals } : {}),
          skipped: out.skipped,
          failed: out.failed,
          durationMs: out.durationMs,
          ...(out.reportFile ? { reportFile: out.reportFile } : {}),
          ...(out.error ? { error: { code: out.error.code, message: out.error.messageEn, messageTr: out.error.messageTr } } : {}),
          ...(out.resumable !== undefined ? { resumable: out.resumable } : {}),
        };
      } catch (err) {
        throw asAppError(err);
      }
    },
  };
}
