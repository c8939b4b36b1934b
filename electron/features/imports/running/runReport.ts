// A run's error report: the rows that failed here or on the server, conflicts, and rows the user
// skipped, each with its original cells and a text in the UI language; the caller's hooks (the
// CLI prints failures and conflicts) hear of each as it is written.
import { basename, extname, join } from 'node:path';
import { errorMessage, type CellValue, type CollectionName, type FieldError, type Lang } from '../../../../shared/domain';
import type { SourceInfo } from '../reading/source';
import { conflictText, ErrorReportWriter, reportFormatFor } from './errorReport';
import type { RunOptions } from './runTypes';
import type { RejectedRow, RunJournal } from './runJournal';

const SKIPPED_TEXT: Record<Lang, string> = { tr: 'Kullanıcı bu satırı atladı', en: 'Skipped by the user' };

export class RunReport {
  private constructor(
    private readonly writer: ErrorReportWriter,
    private readonly lang: Lang,
    private readonly collection: CollectionName,
    private readonly hooks: Pick<RunOptions, 'onRowFailed' | 'onConflict'>,
  ) {}

  static async open(journal: RunJournal, info: SourceInfo, opts: RunOptions): Promise<RunReport> {
    const j = journal.data;
    const name = `${basename(j.fileName, extname(j.fileName))}-hatalar-${String(j.runId).slice(-8)}.csv`;
    const writer = await ErrorReportWriter.open(join(opts.reportDir ?? join(opts.dataDir, 'reports'), name), info.headers, reportFormatFor(info), opts.lang);
    return new RunReport(writer, opts.lang, j.collection, opts);
  }

  async failed(rowNumber: number, cells: CellValue[], errors: FieldError[]): Promise<void> {
    this.hooks.onRowFailed?.(rowNumber, errors);
    const { lang, collection } = this;
    await this.writer.add(cells, `${lang === 'tr' ? 'Satır' : 'Row'} ${rowNumber}: ${errors.map((e) => errorMessage(e, lang, collection)).join('; ')}`);
  }

  async skipped(rowNumber: number, cells: CellValue[]): Promise<void> {
    await this.writer.add(cells, `${this.lang === 'tr' ? 'Satır' : 'Row'} ${rowNumber}: ${SKIPPED_TEXT[this.lang]}`);
  }

  /** A row the server refused: rejected with errors, or a conflict with the record as stored now. */
  async refused(r: RejectedRow, cells: CellValue[]): Promise<void> {
    if (r.stored === undefined) return await this.failed(r.rowNumber, cells, r.errors);
    this.hooks.onConflict?.(r.rowNumber, r.stored);
    await this.writer.add(cells, conflictText(this.collection, r.rowNumber, r.stored, this.lang));
  }

  /** Keeps the report when it has rows (else removes it) and notes it in the journal. */
  async finish(journal: RunJournal): Promise<string | undefined> {
    const file = this.writer.rowCount === 0 ? (await this.writer.discard(), undefined) : await this.writer.commit();
    journal.setReport(file);
    return file;
  }
}
