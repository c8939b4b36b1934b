// The user's changes to a checked file, kept beside its row store: fixed cells ((row, field) →
// value) with the row's errors re-validated at once, rows to skip, and totals or signature rows
// the user took back as data (checked at once too). Applied by the dry run and the run.
import type { FieldError } from '../../../../shared/domain';
import { readJson, writeJsonAtomic } from '../../../core/storage/atomicFile';

interface OverlayFile {
  fixes: Record<string, Record<string, string>>;
  skips: number[];
  errors: Record<string, FieldError[]>;
  dataRows?: number[];
}

export class Overlay {
  readonly fixes = new Map<number, Record<string, string>>();
  readonly skips = new Set<number>();
  /** Errors of fixed rows after re-validation, replacing what the check found. */
  readonly errors = new Map<number, FieldError[]>();
  /** Rows the reader took for totals or a signature line (notDataKind) that the user says are data. */
  readonly data = new Set<number>();

  constructor(readonly file: string) {}

  static load(file: string): Overlay {
    const overlay = new Overlay(file);
    const data = readJson(file) as OverlayFile | undefined;
    if (data && typeof data === 'object') {
      for (const [row, fixes] of Object.entries(data.fixes ?? {})) overlay.fixes.set(Number(row), fixes);
      for (const row of data.skips ?? []) overlay.skips.add(row);
      for (const [row, errors] of Object.entries(data.errors ?? {})) overlay.errors.set(Number(row), errors);
      for (const row of data.dataRows ?? []) overlay.data.add(row);
    }
    return overlay;
  }

  setFix(rowNumber: number, field: string, value: string, errors: FieldError[]): void {
    this.fixes.set(rowNumber, { ...(this.fixes.get(rowNumber) ?? {}), [field]: value });
    this.errors.set(rowNumber, errors);
    this.save();
  }

  setSkippedMany(rowNumbers: Iterable<number>, skipped: boolean): void {
    for (const row of rowNumbers) {
      if (skipped) this.skips.add(row);
      else this.skips.delete(row);
    }
    this.save();
  }

  /** Takes a row back as data with its errors, or gives it up again (its errors no longer count). */
  setData(rowNumber: number, data: boolean, errors: FieldError[]): void {
    if (data) {
      this.data.add(rowNumber);
      this.errors.set(rowNumber, errors);
    } else {
      this.data.delete(rowNumber);
      this.errors.delete(rowNumber);
    }
    this.save();
  }

  private save(): void {
    const data: OverlayFile = {
      fixes: Object.fromEntries(this.fixes),
      skips: [...this.skips],
      errors: Object.fromEntries(this.errors),
      dataRows: [...this.data],
    };
    writeJsonAtomic(this.file, data);
  }
}
