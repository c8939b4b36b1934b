// Cuts the valid rows of a run into batches bounded by row count and JSON size. The cut depends
// only on the rows, so the same file, mapping and fixes always give the same batch numbers;
// that is what lets a resumed run resend a batch under its original index.
import type { StoredRecord } from '../../../../shared/domain';
import type { ImportConsent } from '../../../../shared/domain/importConsent';

export interface BatchRow {
  rowNumber: number;
  values: StoredRecord;
  /** The row's consent columns, for the consent register (beneficiaries). */
  consent?: ImportConsent;
  /** From the dry run: what the stored record held (null: no record), for the commit's conflict check. */
  expected?: Record<string, string | number | null> | null;
}

export interface Batch<Extra> {
  batchIndex: number;
  rows: BatchRow[];
  /** Whatever the caller keeps per row until the batch is answered (e.g. the raw cells). */
  extras: Extra[];
  bytes: number;
}

export const DEFAULT_BATCH_ROWS = 500;
export const DEFAULT_BATCH_BYTES = 1024 * 1024;

/**
 * An upper bound of the row's UTF-8 JSON size (plus the comma between rows), cheap enough for
 * every row: a UTF-16 unit is at most 3 UTF-8 bytes, or 6 when JSON escapes it (\u001f), so
 * 6 × length never undercounts. Serializing every row just to measure it cost more than parsing.
 */
export function jsonBytesUpperBound(row: BatchRow): number {
  let n = 40; // {"rowNumber":…,"values":{}}, and the comma
  const add = (values: Record<string, unknown>) => {
    for (const key in values) {
      const v = values[key];
      n += key.length + 4 + (typeof v === 'string' ? 6 * v.length + 2 : 24);
    }
  };
  add(row.values);
  // ,"consent":{"purposes":["sms","email","special"],"date":"…","method":"…","noticeVersion":…}
  if (row.consent) n += 120 + 6 * (row.consent.noticeVersion?.length ?? 0);
  if (row.expected !== undefined) {
    n += 16; // ,"expected":null
    if (row.expected !== null) add(row.expected);
  }
  return n;
}

export class Batcher<Extra> {
  private rows: BatchRow[] = [];
  private extras: Extra[] = [];
  private bytes = 2; // the enclosing []
  private next = 0;

  constructor(
    private readonly maxRows = DEFAULT_BATCH_ROWS,
    private readonly maxBytes = DEFAULT_BATCH_BYTES,
  ) {}

  /** Adds a row; returns the batch that was closed to make room for it, if any. */
  add(row: BatchRow, extra: Extra): Batch<Extra> | null {
    const size = jsonBytesUpperBound(row);
    let closed: Batch<Extra> | null = null;
    if (this.rows.length > 0 && (this.rows.length >= this.maxRows || this.bytes + size > this.maxBytes)) {
      closed = this.flush();
    }
    this.rows.push(row);
    this.extras.push(extra);
    this.bytes += size;
    return closed;
  }

  /** Closes the open batch; null when it is empty. */
  flush(): Batch<Extra> | null {
    if (this.rows.length === 0) return null;
    const batch = { batchIndex: this.next++, rows: this.rows, extras: this.extras, bytes: this.bytes };
    this.rows = [];
    this.extras = [];
    this.bytes = 2;
    return batch;
  }
}
