// One checked file as the wizard sees it: its description, the row store and the overlay of
// fixes and skips. Sessions live under dataDir/checks/<checkId>/ and survive a restart, until
// core/retention.ts removes them.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MATCH_NAME_FIELD,
  errorMessage,
  getField,
  notDataKind,
  type CellValue,
  type CollectionName,
  type FieldError,
  type NotDataKind,
  type NumberStyle,
} from '../../../../shared/domain';
import { AppError } from '../../../core/errors/appError';
import { readJson, writeJsonAtomic } from '../../../core/storage/atomicFile';
import { columnOfField } from './mapping';
import { Overlay } from './overlay';
import { RowParser } from './rowParsing';
import { RowStore, type SourceStamp, type StoredRow } from './rowStore';
import type { SourceInfo } from '../reading/source';

export interface CheckMeta {
  checkId: string;
  file: string;
  fileName: string;
  source: SourceInfo;
  collection: CollectionName;
  mapping: (string | null)[];
  numberStyle: NumberStyle;
  today: string;
  /** Checked with update rules (only the natural key required). */
  partial?: boolean;
  /** The file as it was checked: its rows are read from it again for pages. */
  stamp: SourceStamp;
  /** Only errors and counts were kept (no rows): every page comes without cells. */
  errorsOnly?: boolean;
  /** Filled in when the pass has finished. */
  summary?: { rows: number; valid: number; invalid: number; notData?: number; warnings?: number; byCode: Record<string, number>; byColumn: Record<string, number> };
}

export interface CellError {
  row: number;
  column: string;
  field: string;
  code: string;
  params?: Record<string, string | number>;
  /** English */
  message: string;
  messageTr: string;
}

export interface CheckedRow {
  rowNumber: number;
  cells: CellValue[];
  errors: CellError[];
  /** Problems that block nothing: a possible duplicate of an earlier row. */
  warnings: CellError[];
  /** field → value the user typed in */
  fixes: Record<string, string>;
  skipped: boolean;
  notData: NotDataKind | null;
  /** A notData row the user took back: it is checked, counted and imported as any row. */
  asData: boolean;
}

export interface RowsQuery {
  offset: number;
  limit: number;
  onlyErrors?: boolean;
  onlyWarnings?: boolean;
  /** false (with onlyErrors): errors only, the cells are not read back. */
  cells?: boolean;
}

export const checkDir = (dataDir: string, checkId: string) => join(dataDir, 'checks', checkId);

export class CheckSession {
  private constructor(
    readonly dir: string,
    readonly meta: CheckMeta,
    readonly store: RowStore,
    readonly overlay: Overlay,
  ) {}

  static async create(dataDir: string, meta: CheckMeta): Promise<CheckSession> {
    const dir = checkDir(dataDir, meta.checkId);
    writeJsonAtomic(join(dir, 'meta.json'), meta); // creates the folder
    const store = await RowStore.create(dir, meta.stamp);
    return new CheckSession(dir, meta, store, new Overlay(join(dir, 'overlay.json')));
  }

  static async open(dataDir: string, checkId: string): Promise<CheckSession | undefined> {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(checkId)) return undefined;
    const dir = checkDir(dataDir, checkId);
    const meta = readJson(join(dir, 'meta.json')) as CheckMeta | undefined;
    if (!meta?.stamp || !RowStore.exists(dir)) return undefined;
    const store = await RowStore.open(dir, meta.stamp);
    return new CheckSession(dir, meta, store, Overlay.load(join(dir, 'overlay.json')));
  }

  saveMeta(): void {
    writeJsonAtomic(join(this.dir, 'meta.json'), this.meta);
  }

  describe(errors: FieldError[], rowNumber: number): CellError[] {
    const columnOf = columnOfField(this.meta.source.headers, this.meta.mapping);
    return errors.map((e) => ({
      row: rowNumber,
      column: columnOf(e.field),
      field: e.field,
      code: e.code,
      ...(e.params ? { params: e.params } : {}),
      message: errorMessage(e, 'en', this.meta.collection),
      messageTr: errorMessage(e, 'tr', this.meta.collection),
    }));
  }

  /** A page of checked rows with the overlay applied (fixed rows show their re-validated errors). */
  async getRows(q: RowsQuery): Promise<{ total: number; complete: boolean; rows: CheckedRow[] }> {
    const page = await this.store.page({ offset: q.offset, limit: Math.min(q.limit, 1000), onlyErrors: q.onlyErrors, onlyWarnings: q.onlyWarnings, cells: !this.meta.errorsOnly && !(q.onlyErrors && q.cells === false) });
    return { total: page.total, complete: page.complete, rows: page.rows.map((r) => this.view(r)) };
  }

  /** A stored row with the overlay applied (a fixed or taken-back row shows its re-validated errors). */
  private view(row: StoredRow): CheckedRow {
    const { rowNumber } = row;
    return {
      rowNumber,
      cells: row.cells,
      errors: this.describe(this.overlay.errors.get(rowNumber) ?? row.errors, rowNumber),
      warnings: this.describe(this.warningsOf(rowNumber), rowNumber),
      fixes: this.overlay.fixes.get(rowNumber) ?? {},
      skipped: this.overlay.skips.has(rowNumber),
      notData: notDataKind(row),
      asData: this.overlay.data.has(rowNumber),
    };
  }

  /**
   * The row's warnings as the check found them. A fix does not take one back: the dry run finds
   * them again over the rows it compares, with every fix and skip applied.
   */
  private warningsOf(rowNumber: number): FieldError[] {
    const dup = this.store.possibleDuplicateOf(rowNumber);
    const field = MATCH_NAME_FIELD[this.meta.collection];
    return dup && field ? [{ field, code: 'possible_duplicate', params: { row: dup.row, rule: dup.rule } }] : [];
  }

  private parser(): RowParser {
    return new RowParser({
      collection: this.meta.collection,
      mapping: this.meta.mapping,
      numberStyle: this.meta.numberStyle,
      partial: this.meta.partial ?? false,
      today: this.meta.today,
    });
  }

  /**
   * Sets a cell's value for the import and re-validates the row at once; returns its new errors.
   * A changed natural key is not compared with the rest of the file here: the run does that.
   */
  async fixCell(rowNumber: number, field: string, value: string): Promise<CheckedRow> {
    if (!getField(this.meta.collection, field)) {
      throw new AppError('unknown_field', `Unknown field: ${field}`, `Tanınmayan alan: ${field}`);
    }
    const row = await this.findRowWithCells(rowNumber);
    const fixes = { ...(this.overlay.fixes.get(rowNumber) ?? {}), [field]: value };
    const parser = this.parser();
    // A duplicate found by the check stays until the key itself is changed.
    const errors = parser.parse(row.cells, fixes).errors;
    const keyChanged = field === parser.naturalKey;
    if (!keyChanged) {
      for (const e of this.overlay.errors.get(rowNumber) ?? row.errors) if (e.code === 'duplicate_in_file') errors.push(e);
    }
    this.overlay.setFix(rowNumber, field, value, errors);
    return this.view(row);
  }

  /**
   * Takes a totals or signature row back as data ("this is data"), checking it at once, or gives
   * it up again. Its natural key is compared with the rest of the file by the dry run and the run.
   */
  async setRowData(rowNumber: number, data: boolean): Promise<CheckedRow> {
    const row = await this.findRowWithCells(rowNumber);
    if (!notDataKind(row)) {
      throw new AppError('not_a_not_data_row', `Row ${rowNumber} is already data`, `${rowNumber}. satır zaten veri`);
    }
    const errors = data ? this.parser().parse(row.cells, this.overlay.fixes.get(rowNumber)).errors : [];
    this.overlay.setData(rowNumber, data, errors);
    return this.view(row);
  }

  /** Skips (or un-skips) rows; with allInvalid, every row that still has errors. Returns how many are skipped now. */
  async skipRows(q: { rowNumbers?: number[]; allInvalid?: boolean; skip: boolean }): Promise<number> {
    const rows = [...(q.rowNumbers ?? [])];
    if (q.allInvalid) {
      for (let offset = 0; offset < this.store.errorRowCount; offset += 1000) {
        const page = await this.store.page({ offset, limit: 1000, onlyErrors: true });
        for (const r of page.rows) if ((this.overlay.errors.get(r.rowNumber) ?? r.errors).length > 0) rows.push(r.rowNumber);
      }
      // Rows taken back as data were not checked by the pass: their errors are in the overlay only.
      for (const rowNumber of this.overlay.data) if ((this.overlay.errors.get(rowNumber) ?? []).length > 0) rows.push(rowNumber);
    }
    this.overlay.setSkippedMany(rows, q.skip);
    return this.overlay.skips.size;
  }

  /** Counts with the overlay applied (reads back only the rows the user touched). */
  async counts(): Promise<{ rows: number; valid: number; invalid: number; skipped: number }> {
    // Totals and signature rows are in the store for the grid, not among the rows, unless taken back.
    let rows = this.store.rowCount - (this.meta.summary?.notData ?? 0);
    let invalid = this.store.errorRowCount;
    let skipped = 0;
    for (const rowNumber of new Set([...this.overlay.errors.keys(), ...this.overlay.skips, ...this.overlay.data])) {
      const row = await this.findRow(rowNumber).catch(() => undefined);
      if (!row) continue;
      if (notDataKind(row)) {
        if (!this.overlay.data.has(rowNumber)) continue;
        rows++;
      }
      const before = row.errors.length > 0;
      const after = (this.overlay.errors.get(rowNumber) ?? row.errors).length > 0;
      if (this.overlay.skips.has(rowNumber)) {
        skipped++;
        if (before) invalid--;
      } else if (before !== after) invalid += after ? 1 : -1;
    }
    return { rows, valid: rows - invalid - skipped, invalid, skipped };
  }

  /** A row to change: a check that kept only its errors has no cells to change. */
  private async findRowWithCells(rowNumber: number) {
    if (this.meta.errorsOnly) {
      throw new AppError('check_without_rows', 'This check kept only its errors; check the file again to fix cells', 'Bu kontrol yalnızca hataları tuttu; hücre düzeltmek için dosyayı yeniden kontrol edin');
    }
    return await this.findRow(rowNumber);
  }

  private async findRow(rowNumber: number) {
    const index = this.store.indexOfRow(rowNumber);
    const row = index < 0 ? undefined : await this.store.row(index);
    if (!row) {
      throw new AppError('no_such_row', `Row ${rowNumber} is not in the checked file`, `${rowNumber}. satır kontrol edilen dosyada yok`);
    }
    return row;
  }

  async close(): Promise<void> {
    await this.store.close();
  }

  async remove(): Promise<void> {
    await this.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}
