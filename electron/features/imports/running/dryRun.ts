// The dry run against live data: after the check, every valid row is compared with the stored
// record of its natural key (imports.compareRows, a bounded query of ≤ 500 rows, a few in flight)
// and labelled create / update (with each changed field, before → after) / unchanged / invalid.
// Nothing is written to the backend. The labelled rows go to an NDJSON file in file order, so a
// 200,000-row file's diffs live on disk: the wizard pages them by label, and the import run reads
// them back in step with the file (DryRunCursor) to skip unchanged rows and send each row's
// `expected` values for the commit's conflict check.
import type { z } from 'zod';
import type { dryRunSummary } from '../../../../shared/contract/imports';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { api } from '../../../../convex/_generated/api';
import { CONTROL_TOTAL_FIELD, isPartialMode, notDataKind, type CollectionName, type FieldError, type ImportMode, type MatchRule, type NumberStyle, type RowAction, type StoredValue } from '../../../../shared/domain';
import type { FieldChange } from '../../../../shared/domain/types';
import { splitImportRecord } from '../../../../shared/domain/importConsent';
import type { Gateway } from '../../../core/backend/gateway';
import { withRetry, type RetryOptions } from '../../../core/backend/retry';
import { DuplicateKeys, PossibleDuplicates } from '../checking/duplicateKeys';
import { RowParser } from '../checking/rowParsing';
import { readRows, type SourceInfo } from '../reading/source';

export type Snapshot = Record<string, StoredValue | null>;

export interface DryRunRow {
  rowNumber: number;
  action: RowAction;
  changes?: FieldChange[];
  errors?: FieldError[];
  /** Problems that block nothing: a possible duplicate of an earlier row of the file. */
  warnings?: FieldError[];
  /** Sent back at commit: null = no stored record at the dry run; else its values of the row's fields. */
  expected?: Snapshot | null;
  /** A row without its natural key: the fallback rule that found its record (name + birth date …). */
  matchedBy?: MatchRule;
}

/** The dry-run job's result and progress, as the contract declares them. */
export type DryRunSummary = z.output<typeof dryRunSummary>;
export type DryRunProgress = DryRunSummary & { rowsRead: number };

export interface DryRunInput {
  path: string;
  info: SourceInfo;
  collection: CollectionName;
  mapping: (string | null)[];
  numberStyle: NumberStyle;
  today: string;
  mode: ImportMode;
  fixes: ReadonlyMap<number, Record<string, string>>;
  skips: ReadonlySet<number>;
  /** Totals or signature rows the user took back as data. */
  dataRows: ReadonlySet<number>;
  /** Donations without a receipt number: days either side of the date a stored one may be. */
  matchDays?: number;
}

export interface DryRunOptions {
  gateway: Gateway;
  store: DryRunStore;
  signal?: AbortSignal;
  progress?: (p: DryRunProgress) => void;
  maxInFlight?: number;
  /** Rows per comparison (the server takes at most 500). */
  batchRows?: number;
  retry?: RetryOptions;
}

const ACTIONS: readonly RowAction[] = ['create', 'update', 'unchanged', 'invalid'];

/** The labelled rows on disk, with each row's place kept per label for paging. */
export class DryRunStore {
  private size = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly all: number[] = [];
  private readonly byAction = new Map<RowAction, number[]>(ACTIONS.map((a) => [a, []]));
  /** Byte offset of line i is starts[i]; its end is ends[i]. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  complete = false;
  summary: DryRunSummary | null = null;

  private constructor(
    readonly path: string,
    private readonly fh: FileHandle,
  ) {}

  static async create(path: string): Promise<DryRunStore> {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    return new DryRunStore(path, await open(path, 'w+', 0o600));
  }

  async append(rows: readonly DryRunRow[]): Promise<void> {
    for (const row of rows) {
      const line = Buffer.from(`${JSON.stringify(row)}\n`);
      const index = this.starts.length;
      this.starts.push(this.size + this.pendingBytes);
      this.ends.push(this.size + this.pendingBytes + line.length);
      this.pending.push(line);
      this.pendingBytes += line.length;
      this.all.push(index);
      this.byAction.get(row.action)!.push(index);
    }
    if (this.pendingBytes >= 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const buf = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    await this.fh.write(buf, 0, buf.length, this.size);
    this.size += buf.length;
  }

  count(action?: RowAction): number {
    return (action ? this.byAction.get(action)! : this.all).length;
  }

  /** A page of rows in file order, of one label or all. */
  async page(action: RowAction | undefined, offset: number, limit: number): Promise<DryRunRow[]> {
    await this.flush();
    const indexes = (action ? this.byAction.get(action)! : this.all).slice(offset, offset + limit);
    if (indexes.length === 0) return [];
    const from = this.starts[indexes[0]!]!;
    const to = this.ends[indexes[indexes.length - 1]!]!;
    const buf = Buffer.alloc(to - from);
    await this.fh.read(buf, 0, buf.length, from);
    return indexes.map((i) => JSON.parse(buf.toString('utf8', this.starts[i]! - from, this.ends[i]! - from)) as DryRunRow);
  }

  async close(): Promise<void> {
    await this.flush();
    await this.fh.close();
  }

  async remove(): Promise<void> {
    await this.fh.close().catch(() => undefined);
    await rm(this.path, { force: true });
  }
}

/** Reads a finished dry run's rows in file order, one row number at a time. */
export class DryRunCursor {
  private readonly lines: AsyncIterator<string>;
  private current: DryRunRow | undefined;
  private ended = false;

  constructor(path: string) {
    this.lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]();
  }

  /** The dry run's row with this number (rows are asked for in increasing order), if it has one. */
  async at(rowNumber: number): Promise<DryRunRow | undefined> {
    while (!this.ended && (this.current === undefined || this.current.rowNumber < rowNumber)) {
      const next = await this.lines.next();
      if (next.done) this.ended = true;
      else if (next.value !== '') this.current = JSON.parse(next.value) as DryRunRow;
    }
    return this.current?.rowNumber === rowNumber ? this.current : undefined;
  }

  async close(): Promise<void> {
    await this.lines.return?.();
  }
}

type Pending = {
  locals: DryRunRow[];
  sent: { rowNumber: number; values: Record<string, StoredValue> }[];
  reply?: Promise<DryRunRow[]>;
  /** The entry's rows with a warning, by row number. */
  warnings: Map<number, FieldError>;
};

export async function runDryRun(input: DryRunInput, opts: DryRunOptions): Promise<DryRunSummary> {
  const { gateway, store, signal } = opts;
  const maxInFlight = Math.max(1, opts.maxInFlight ?? 4);
  const batchRows = Math.min(500, opts.batchRows ?? 500);
  const parser = new RowParser({ collection: input.collection, mapping: input.mapping, numberStyle: input.numberStyle, partial: isPartialMode(input.mode), today: input.today });
  const dups = new DuplicateKeys(parser.naturalKey);
  const possible = new PossibleDuplicates(input.collection);
  const amountField = CONTROL_TOTAL_FIELD[input.collection];
  const summary: DryRunSummary = { create: 0, update: 0, unchanged: 0, invalid: 0, validRows: 0, amountTotal: amountField ? 0 : null };
  let rowsRead = 0;
  const emit = () => opts.progress?.({ ...summary, rowsRead });

  // Rows are written in file order: each queued entry is the local (invalid) rows met before its
  // comparison's rows, in order, and the comparison's reply.
  const queue: Pending[] = [];
  let open: Pending = { locals: [], sent: [], warnings: new Map() };
  const order = new Map<Pending, number[]>(); // per entry: row numbers in file order

  const writeHead = async () => {
    const head = queue.shift()!;
    const compared = new Map((head.reply ? await head.reply : []).map((r) => [r.rowNumber, r]));
    const locals = new Map(head.locals.map((r) => [r.rowNumber, r]));
    const rows = order.get(head)!.map((n) => {
      const row = compared.get(n) ?? locals.get(n)!;
      const warning = head.warnings.get(n);
      return warning ? { ...row, warnings: [warning] } : row;
    });
    order.delete(head);
    for (const row of rows) summary[row.action] += 1;
    await store.append(rows);
    emit();
  };
  const close = async () => {
    if (open.sent.length > 0) {
      const rows = open.sent;
      open.reply = withRetry(() => gateway.query(api.imports.compareRows, { collection: input.collection, mode: input.mode, rows, ...(input.matchDays === undefined ? {} : { matchDays: input.matchDays }) }), { ...opts.retry, signal }).then(
        (replies) => replies as DryRunRow[],
      );
      open.reply.catch(() => undefined); // awaited in order by writeHead; not an unhandled rejection meanwhile
    }
    queue.push(open);
    open = { locals: [], sent: [], warnings: new Map() };
    order.set(open, []);
    while (queue.length >= maxInFlight) await writeHead();
  };
  order.set(open, []);

  for await (const batch of readRows(input.path, input.info, { signal })) {
    for (const row of batch) {
      rowsRead++;
      if (input.skips.has(row.rowNumber) || (notDataKind(row) && !input.dataRows.has(row.rowNumber))) continue;
      const result = parser.parse(row.cells, input.fixes.get(row.rowNumber));
      const dup = dups.check(parser.keyOf(result), row.rowNumber);
      if (dup) result.errors.push(dup);
      const warning = possible.checkRow(result, row.rowNumber, dup !== null);
      if (warning) open.warnings.set(row.rowNumber, warning);
      order.get(open)!.push(row.rowNumber);
      if (result.errors.length > 0) {
        open.locals.push({ rowNumber: row.rowNumber, action: 'invalid', errors: result.errors });
        continue;
      }
      // The comparison is the record's: consent columns are the register's (importConsent.ts).
      const { values } = splitImportRecord(result.record as Record<string, StoredValue>);
      summary.validRows += 1;
      if (amountField && typeof values[amountField] === 'number') summary.amountTotal! += values[amountField];
      open.sent.push({ rowNumber: row.rowNumber, values });
      if (open.sent.length >= batchRows) await close();
    }
  }
  await close();
  while (queue.length > 0) await writeHead();
  await store.flush();
  store.summary = summary;
  store.complete = true;
  emit();
  return summary;
}
