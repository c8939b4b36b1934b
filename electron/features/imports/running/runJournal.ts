// The local record of an import run that makes it resumable: what was being imported (file,
// mapping, mode, the pinned number style and "today", the user's fixes), how it was cut into
// batches, and the highest batch index up to which every batch is acknowledged by the server.
// Rows the server rejected in acknowledged batches are appended to rejected.ndjson, so a resumed
// run can still put them in the error report without asking the server.
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CollectionName, FieldError, ImportMode, NumberStyle } from '../../../../shared/domain';
import { readJson, writeJsonAtomic } from '../../../core/storage/atomicFile';

export type { ImportMode };

export interface RunCounts {
  inserted: number;
  updated: number;
  /** Absent in journals written before the dry run existed. */
  unchanged?: number;
  conflict?: number;
  failed: number;
}

/** A row the server refused: rejected with errors, or a conflict with the stored values now. */
export interface RejectedRow {
  rowNumber: number;
  errors: FieldError[];
  stored?: Record<string, string | number | null> | null;
}

export interface JournalData {
  runId: string;
  state: 'running' | 'finished';
  path: string;
  fileName: string;
  fileSize: number;
  fileMtimeMs: number;
  sheet?: string;
  headerRow?: number;
  collection: CollectionName;
  mapping: (string | null)[];
  mode: ImportMode;
  numberStyle: NumberStyle;
  today: string;
  batchRows: number;
  batchBytes: number;
  fixes: Record<string, Record<string, string>>;
  skips: number[];
  /** Totals or signature rows taken back as data (absent in journals written before). */
  dataRows?: number[];
  totalRows?: number;
  /** Every batch with an index ≤ this is acknowledged; -1 before the first. */
  ackedThrough: number;
  /** Server counts summed over the batches up to ackedThrough. */
  acked: RunCounts;
  /** The error report of the run's last attempt, if any. */
  reportFile?: string;
  /** The dry run this run follows (its labels and expected values). */
  dryRunFile?: string;
  controlTotals?: { expectedRows: number; expectedAmount: number; fileRows: number; fileAmount: number };
}

export const runDir = (dataDir: string, runId: string) => join(dataDir, 'import-runs', runId.replace(/[^A-Za-z0-9_-]/g, '_'));

export function fileStamp(path: string): { fileSize: number; fileMtimeMs: number } {
  const st = statSync(path);
  return { fileSize: st.size, fileMtimeMs: Math.floor(st.mtimeMs) };
}

/**
 * Acknowledgements are written at most this often (each write replaces the file: a write and a
 * rename, ~40 % of an import's own CPU when done per batch). A crash loses at most this much of
 * the pointer, and the batches past it are sent again on resume, which the server answers from
 * its record of each (runId, batchIndex) without writing twice.
 */
const ACK_SAVE_MS = 1_000;

export class RunJournal {
  private readonly pending = new Map<number, RunCounts>();
  /** When the file was last written; the run's end writes it whatever the time (finish, setReport). */
  private savedAt = 0;

  private constructor(
    readonly dir: string,
    readonly data: JournalData,
  ) {}

  static create(dataDir: string, data: JournalData): RunJournal {
    const journal = new RunJournal(runDir(dataDir, data.runId), data);
    journal.save();
    return journal;
  }

  static load(dataDir: string, runId: string): RunJournal | undefined {
    const dir = runDir(dataDir, runId);
    const data = readJson(join(dir, 'journal.json')) as JournalData | undefined;
    return data && data.runId === runId ? new RunJournal(dir, data) : undefined;
  }

  private save(): void {
    writeJsonAtomic(join(this.dir, 'journal.json'), this.data);
    this.savedAt = Date.now();
  }


  /** Records an answered batch; moves ackedThrough over every contiguous answered batch. */
  acknowledge(batchIndex: number, counts: RunCounts, rejected: RejectedRow[]): void {
    if (batchIndex <= this.data.ackedThrough) return;
    // The rejections are on disk before the pointer can pass their batch.
    if (rejected.length > 0) {
      const line = (r: RejectedRow) => JSON.stringify(r.stored === undefined ? [r.rowNumber, r.errors] : [r.rowNumber, r.errors, r.stored]);
      appendFileSync(join(this.dir, 'rejected.ndjson'), rejected.map((r) => `${line(r)}\n`).join(''), { mode: 0o600 }); // personal data: the owner's only
    }
    this.pending.set(batchIndex, counts);
    let moved = false;
    for (let next = this.data.ackedThrough + 1, c = this.pending.get(next); c; next++, c = this.pending.get(next)) {
      this.pending.delete(next);
      this.data.ackedThrough = next;
      const a = this.data.acked;
      this.data.acked = {
        inserted: a.inserted + c.inserted,
        updated: a.updated + c.updated,
        unchanged: (a.unchanged ?? 0) + (c.unchanged ?? 0),
        conflict: (a.conflict ?? 0) + (c.conflict ?? 0),
        failed: a.failed + c.failed,
      };
      moved = true;
    }
    if (moved && Date.now() - this.savedAt >= ACK_SAVE_MS) this.save();
  }

  finish(): void {
    this.data.state = 'finished';
    this.save();
  }

  setReport(file: string | undefined): void {
    this.data.reportFile = file;
    this.save();
  }

  /** Rows the server rejected (or found in conflict) in batches answered before. */
  rejectedRows(): Map<number, RejectedRow> {
    const out = new Map<number, RejectedRow>();
    let text: string;
    try {
      text = readFileSync(join(this.dir, 'rejected.ndjson'), 'utf8');
    } catch {
      return out;
    }
    for (const line of text.split('\n')) {
      if (line === '') continue;
      try {
        const [rowNumber, errors, stored] = JSON.parse(line) as [number, FieldError[], RejectedRow['stored']?];
        out.set(rowNumber, stored === undefined ? { rowNumber, errors } : { rowNumber, errors, stored });
      } catch {
        // A line cut short by a crash belongs to a batch that will be resent anyway.
      }
    }
    return out;
  }
}
