// The export pipeline: page through the backend's export query (the next page is fetched while
// the current one is written), write in the chosen format to a temporary file beside the
// target, and move it into place only when complete.
import type { Writable } from 'node:stream';
import { api } from '../../../convex/_generated/api';
import type { Id } from '../../../convex/_generated/dataModel';
import type { ExportFilters, ExportFormat } from '../../../shared/contract/exports';
import { getSpec, type Lang } from '../../../shared/domain';
import type { Gateway } from '../../core/backend/gateway';
import { cancelledError } from '../../core/errors/appError';
import { AtomicTarget } from '../../core/storage/atomicTarget';
import { resolveColumns } from './columns';
import { csvWriter } from './csvWriter';
import { jsonWriter } from './jsonWriter';
import type { ExportRecord, RecordWriter } from './recordWriter';
import { xlsxWriter } from './xlsxWriter';

/** Small enough for one Convex read (well under its 32,000-document limit), big enough to stream. */
export const DEFAULT_PAGE_SIZE = 1000;

export interface ExportRequest {
  /** The handle from exports.open: the backend reads the run's own collection and filters. */
  exportId: Id<'exportRuns'>;
  /** The same filters, for the columns and the sheet name. */
  filters: ExportFilters;
  format: ExportFormat;
  columns?: readonly string[];
  headerLang?: Lang;
  /** The export was opened anonymised: its columns leave the identifying fields out. */
  anonymised?: boolean;
  target: string;
}

export interface ExportRunOptions {
  signal?: AbortSignal;
  pageSize?: number;
  /** After every page: rows written so far and bytes in the file so far. */
  onProgress?(rows: number, bytes: number): void;
}

interface Page {
  page: ExportRecord[];
  isDone: boolean;
  continueCursor: string;
}


/** Only the filters that are set: the backend's validators take absent keys, not undefined ones. */
export function definedFilters(filters: ExportFilters): ExportFilters {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(filters)) if (v !== undefined) out[k] = v;
  return out as unknown as ExportFilters;
}

function createWriter(request: ExportRequest, out: Writable, signal?: AbortSignal): RecordWriter {
  const lang = request.headerLang ?? 'tr';
  const columns = resolveColumns(request.filters.collection, request.columns, lang, request.anonymised);
  switch (request.format) {
    case 'excel-tr':
    case 'csv':
      return csvWriter(out, columns, { style: request.format, lang, signal });
    case 'json':
      return jsonWriter(out, columns, { signal });
    case 'xlsx':
      return xlsxWriter(out, columns, { lang, sheet: getSpec(request.filters.collection).label[lang], signal });
  }
}

/** Writes the export to request.target; on any failure or cancel, nothing is left there. */
export async function exportToFile(
  gateway: Gateway,
  request: ExportRequest,
  options: ExportRunOptions = {},
): Promise<{ rows: number; bytes: number }> {
  const { signal } = options;
  const numItems = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const { collection } = request.filters;
  const fetchPage = (cursor: string | null): Promise<Page> =>
    gateway.query(api.exports.list, { exportId: request.exportId, paginationOpts: { numItems, cursor } }) as Promise<Page>;

  // Column problems are reported before any file is created.
  resolveColumns(collection, request.columns, request.headerLang ?? 'tr', request.anonymised);
  if (signal?.aborted) throw cancelledError();
  const file = await AtomicTarget.open(request.target);
  let rows = 0;
  let pending: Promise<Page> | undefined;
  try {
    const writer = createWriter(request, file.stream, signal);
    pending = fetchPage(null);
    while (pending) {
      const current: Page = await pending;
      pending = undefined;
      if (signal?.aborted) throw cancelledError();
      if (!current.isDone) pending = fetchPage(current.continueCursor);
      await writer.writeRows(current.page);
      rows += current.page.length;
      options.onProgress?.(rows, file.stream.bytesWritten + file.stream.writableLength);
      if (signal?.aborted) throw cancelledError();
    }
    await writer.finish();
    await file.commit();
    return { rows, bytes: file.stream.bytesWritten };
  } catch (err) {
    // A prefetch still in flight must not surface later as an unhandled rejection.
    pending?.catch(() => {});
    await file.discard();
    throw signal?.aborted ? cancelledError() : err;
  }
}
