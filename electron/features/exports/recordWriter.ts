// What every format's writer offers the export pipeline.
import type { StoredValue } from '../../../shared/domain';

/** A record as the backend returns it: domain fields plus bookkeeping the writers ignore. */
export type ExportRecord = Record<string, StoredValue | null | undefined>;

export interface RecordWriter {
  /** Writes one page of records; resolves when the output can take more (backpressure). */
  writeRows(rows: readonly ExportRecord[]): Promise<void>;
  /** Completes the file and ends the output stream; resolves when everything is written. */
  finish(): Promise<void>;
}

/** A value of a record as its field type expects it (null and other shapes read as missing). */
export function storedValue(record: ExportRecord, key: string): StoredValue | undefined {
  const v = record[key];
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
}
