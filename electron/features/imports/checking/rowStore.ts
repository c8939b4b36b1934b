// The checked rows of one file, so the wizard can page through a million rows without holding
// them. Rows are kept in chunks as they were read: a CSV chunk is a byte range of the checked
// file itself (nothing is copied; a page re-reads and re-parses it, and refuses when the file has
// changed since), a workbook chunk is one JSON line per row in rows.data. Errors are written per
// row, only for rows that have some. In memory: each row's spreadsheet row number (4 bytes a row),
// where each error line is, and the table of chunks.
//
// Files (in the check's folder): rows.data (JSON payloads back to back) and rows.errors (NDJSON
// [rowNumber, errors]) are written as chunks arrive; the index, rows.numbers (row numbers, uint32
// in the machine's byte order), rows.warnings (uint32 triples, see `warned`) and rows.chunks (NDJSON, a line per chunk), when the pass finishes, rows.chunks last: a
// store without it was never finished and is not reopened.
import { existsSync } from 'node:fs';
import { SourceError } from '../reading/sourceErrors';
import { open, readFile, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { MATCH_RULES, type CellValue, type FieldError, type MatchRule } from '../../../../shared/domain';
import { AppError } from '../../../core/errors/appError';
import { parseChunk, type ChunkSyntax } from '../reading/csvChunks';
import { isBlankRecord } from '../reading/csvRows';
import { reviveCells, type RowChunk } from './rowChunks';

export interface StoredRow {
  rowNumber: number;
  cells: CellValue[];
  errors: FieldError[];
  /** A workbook row the reader marked as totals formulas (SourceRow.formulaTotals). */
  formulaTotals?: true;
}

interface ChunkEntry {
  kind: 'file' | 'json';
  /** Where the chunk's bytes are: in the checked file ('file') or in rows.data ('json'). */
  offset: number;
  length: number;
  syntax?: ChunkSyntax;
  firstRecord?: number;
  records?: number;
  /** Position of the chunk's first row among all rows. */
  firstRow: number;
  rows: number;
}

/** The checked file as it was: pages from it are refused once it changes. */
export interface SourceStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface RowPage {
  /** Rows (or error rows) written so far. */
  total: number;
  rows: StoredRow[];
  /** False while the check is still writing rows. */
  complete: boolean;
}

const decoder = new TextDecoder();

class GrowableF64 {
  data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

class GrowableU32 {
  data = new Uint32Array(1024);
  length = 0;
  reserve(n: number): void {
    if (n <= this.data.length) return;
    const next = new Uint32Array(n);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** First index in sorted a[0, n) whose value is >= v. */
function lowerBound(a: ArrayLike<number>, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Chunks parsed recently, kept because neighbouring pages read the same chunk. */
const CACHED_CHUNKS = 4;
const ERROR_FLUSH_BYTES = 256 * 1024;

interface Handles {
  data: FileHandle;
  errors: FileHandle;
}

type StoreFile = 'data' | 'errors' | 'numbers' | 'chunks' | 'warnings';

/**
 * The most a check may write, against the checked file's size: a workbook's rows as JSON take a
 * few times its packed size (measured: about 6× for 100,000 rows of text); a hostile one that
 * inflates into far more (rows out to column XFD wrote 16,000× its size) is stopped here.
 */
export const STORE_BYTES_PER_FILE_BYTE = 64;
export const STORE_MIN_BUDGET_BYTES = 64 * 1024 * 1024;

export function storeBudget(fileBytes: number): number {
  return Math.max(STORE_MIN_BUDGET_BYTES, fileBytes * STORE_BYTES_PER_FILE_BYTE);
}

export class RowStore {
  private readonly chunks: ChunkEntry[] = [];
  private readonly rowNumbers = new GrowableU32();
  /** Positions (among all rows) of the rows with errors, and where each one's error line starts. */
  private readonly errorRows = new GrowableU32();
  private readonly errorOffsets = new GrowableF64();
  private readonly ends = { data: 0, errors: 0 };
  /** Error lines from errorsWritten to ends.errors, not yet in rows.errors. */
  private readonly unwritten: Uint8Array[] = [];
  private errorsWritten = 0;
  /**
   * Rows that may be the same person as an earlier row (possible_duplicate warnings, which block
   * nothing), in file order: the row, the earlier row and the rule's index in MATCH_RULES, 12
   * bytes a warning, written to rows.warnings when the pass finishes.
   */
  private readonly warned = { rows: new GrowableU32(), earlier: new GrowableU32(), rules: new GrowableU32() };

  private handles: Handles | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly cache = new Map<number, Map<number, { cells: CellValue[]; formulaTotals?: true }>>();
  private readonly readers: Partial<Record<'source' | 'data' | 'errors', Promise<FileHandle>>> = {};
  complete = false;
  /** Reads of rows under way, and who waits for them to end (rowsServed). */
  private reading = 0;
  private readonly whenRead: (() => void)[] = [];

  private constructor(
    readonly dir: string,
    private readonly source: SourceStamp,
  ) {}

  private path(part: StoreFile): string {
    return join(this.dir, `rows.${part}`);
  }

  static exists(dir: string): boolean {
    return existsSync(join(dir, 'rows.chunks'));
  }

  /** A new, empty store in `dir` (which must exist; existing files are replaced). */
  static async create(dir: string, source: SourceStamp): Promise<RowStore> {
    const store = new RowStore(dir, source);
    const [data, errors] = await Promise.all([open(store.path('data'), 'w', 0o600), open(store.path('errors'), 'w', 0o600)]);
    store.handles = { data, errors };
    return store;
  }

  /** Reopens a finished store (e.g. after a restart). */
  static async open(dir: string, source: SourceStamp): Promise<RowStore> {
    const store = new RowStore(dir, source);
    const [chunkText, numbers, errorBytes] = await Promise.all([
      readFile(store.path('chunks'), 'utf8'),
      readFile(store.path('numbers')),
      readFile(store.path('errors')),
    ]);
    for (const line of chunkText.split('\n')) if (line !== '') store.chunks.push(JSON.parse(line) as ChunkEntry);
    const last = store.chunks.at(-1);
    const rows = last ? last.firstRow + last.rows : 0;
    const written = new Uint32Array(numbers.buffer.slice(numbers.byteOffset, numbers.byteOffset + rows * 4));
    for (let i = 0; i < rows; i++) store.rowNumbers.push(written[i] as number);
    for (const c of store.chunks) if (c.kind === 'json') store.ends.data = c.offset + c.length;
    for (let start = 0; start < errorBytes.length; ) {
      const end = errorBytes.indexOf(0x0a, start);
      if (end === -1) break;
      const rowNumber = Number(/^\[(\d+)/.exec(errorBytes.toString('latin1', start, Math.min(end, start + 24)))?.[1]);
      const index = lowerBound(store.rowNumbers.data, store.rowNumbers.length, rowNumber);
      if (index >= store.rowNumbers.length || store.rowNumbers.data[index] !== rowNumber) break; // a chunk that was never committed
      store.errorRows.push(index);
      store.errorOffsets.push(start);
      start = end + 1;
      store.ends.errors = start;
    }
    store.errorsWritten = store.ends.errors;
    const warned = await readFile(store.path('warnings')).catch(() => null); // absent in a store from before warnings
    if (warned) {
      const triples = new Uint32Array(warned.buffer.slice(warned.byteOffset, warned.byteOffset + warned.length - (warned.length % 12)));
      for (let i = 0; i + 2 < triples.length; i += 3) store.warnPossibleDuplicate(triples[i] as number, triples[i + 1] as number, MATCH_RULES[triples[i + 2] as number] ?? 'nameBirthDate');
    }
    store.complete = true;
    return store;
  }

  /** Room for about `rows` rows at once (see DuplicateKeys.reserve). */
  reserve(rows: number): void {
    this.rowNumbers.reserve(rows);
  }

  get rowCount(): number {
    return this.rowNumbers.length;
  }

  get errorRowCount(): number {
    return this.errorRows.length;
  }

  /** Notes that a row may be the same person as an earlier one; rows are noted in file order. */
  warnPossibleDuplicate(rowNumber: number, earlierRow: number, rule: MatchRule): void {
    this.warned.rows.push(rowNumber);
    this.warned.earlier.push(earlierRow);
    this.warned.rules.push(MATCH_RULES.indexOf(rule));
  }

  /** The row's possible_duplicate warning, if it has one. */
  possibleDuplicateOf(rowNumber: number): { row: number; rule: MatchRule } | undefined {
    const { rows, earlier, rules } = this.warned;
    const k = lowerBound(rows.data, rows.length, rowNumber);
    if (k >= rows.length || rows.data[k] !== rowNumber) return undefined;
    return { row: earlier.data[k] as number, rule: MATCH_RULES[rules.data[k] as number] as MatchRule };
  }

  /**
   * Adds a chunk. A CSV chunk's rows are servable at once; error lines wait in memory until a few
   * hundred KB have gathered (one write instead of one per chunk: ~70 µs of this thread a write).
   */
  append(chunk: RowChunk): Promise<void> {
    if (chunk.rowNumbers.length === 0) return this.writing;
    if (!this.handles) return Promise.reject(new Error('RowStore: the store is closed'));
    const budget = storeBudget(this.source.size);
    if (this.ends.data + this.ends.errors + (chunk.kind === 'json' ? chunk.payload.length : 0) + chunk.errors.bytes.length > budget) {
      return Promise.reject(new SourceError('check_too_large', this.source.path, { maxBytes: budget }));
    }
    if (chunk.kind === 'file') this.commit(chunk, { kind: 'file', offset: chunk.start, length: chunk.length, syntax: chunk.syntax, firstRecord: chunk.firstRecord, records: chunk.records });
    else {
      // A workbook chunk's rows live only in rows.data: the chunk counts once they are there.
      const offset = this.ends.data;
      this.ends.data += chunk.payload.length;
      this.queue(async (h) => {
        await h.data.write(chunk.payload, 0, chunk.payload.length, offset);
        this.commit(chunk, { kind: 'json', offset, length: chunk.payload.length });
      });
    }
    return this.writing;
  }

  /** Makes the chunk's rows and errors servable. */
  private commit(chunk: RowChunk, where: Omit<ChunkEntry, 'firstRow' | 'rows'>): void {
    const rows = chunk.rowNumbers.length;
    const firstRow = this.rowNumbers.length;
    const { bytes, indexes, ends } = chunk.errors;
    for (let k = 0; k < indexes.length; k++) {
      this.errorRows.push(firstRow + (indexes[k] as number));
      this.errorOffsets.push(this.ends.errors + (k === 0 ? 0 : (ends[k - 1] as number)));
    }
    if (bytes.length > 0) {
      this.unwritten.push(bytes);
      this.ends.errors += bytes.length;
    }
    for (let i = 0; i < rows; i++) this.rowNumbers.push(chunk.rowNumbers[i] as number);
    this.chunks.push({ ...where, firstRow, rows });
    if (this.ends.errors - this.errorsWritten >= ERROR_FLUSH_BYTES) this.queue((h) => this.writeErrors(h));
  }

  private queue(write: (h: Handles) => Promise<void>): void {
    this.writing = this.writing.then(() => {
      if (!this.handles) throw new Error('RowStore: the store is closed');
      return write(this.handles);
    });
  }

  /** Writes the error lines gathered so far; they stay readable from memory until written. */
  private async writeErrors(h: Handles): Promise<void> {
    const pieces = this.unwritten.slice();
    if (pieces.length === 0) return;
    const bytes = Buffer.concat(pieces);
    await h.errors.write(bytes, 0, bytes.length, this.errorsWritten);
    this.unwritten.splice(0, pieces.length);
    this.errorsWritten += bytes.length;
  }

  /** Waits for the writes queued so far. */
  flushed(): Promise<void> {
    return this.writing;
  }

  /** Finishes writing: the index goes to disk, so the store can be reopened; it stays readable. */
  async finish(): Promise<void> {
    this.queue((h) => this.writeErrors(h));
    await this.flushed();
    const numbers = Buffer.from(this.rowNumbers.data.buffer, 0, this.rowNumbers.length * 4);
    const { rows, earlier, rules } = this.warned;
    const triples = new Uint32Array(rows.length * 3);
    for (let k = 0; k < rows.length; k++) {
      triples[k * 3] = rows.data[k] as number;
      triples[k * 3 + 1] = earlier.data[k] as number;
      triples[k * 3 + 2] = rules.data[k] as number;
    }
    await Promise.all([
      writeFile(this.path('numbers'), numbers, { mode: 0o600 }),
      writeFile(this.path('warnings'), Buffer.from(triples.buffer), { mode: 0o600 }),
      writeFile(this.path('chunks'), this.chunks.map((c) => `${JSON.stringify(c)}\n`).join(''), { mode: 0o600 }),
    ]);
    this.complete = true;
  }

  async close(): Promise<void> {
    await this.writing.catch(() => undefined);
    const h = this.handles;
    this.handles = null;
    if (h) await Promise.all(Object.values(h).map((f: FileHandle) => f.close()));
    const readers = Object.values(this.readers);
    for (const key of Object.keys(this.readers) as (keyof typeof this.readers)[]) delete this.readers[key];
    await Promise.all(readers.map((r) => r.then((f) => f.close()).catch(() => undefined)));
  }

  /** Rows [offset, offset+limit) of all rows, of the rows with errors, or of the rows with warnings. */
  async page(opts: { offset: number; limit: number; onlyErrors?: boolean; onlyWarnings?: boolean; cells?: boolean }): Promise<RowPage> {
    const offset = Math.max(0, Math.floor(opts.offset));
    const limit = Math.max(0, Math.floor(opts.limit));
    const total = opts.onlyErrors ? this.errorRows.length : opts.onlyWarnings ? this.warned.rows.length : this.rowCount;
    const upto = Math.min(total, offset + limit);
    const indexes: number[] = [];
    for (let i = offset; i < upto; i++) {
      // A warned row not yet in the store (its chunk is still being written) waits for a later page.
      const index = opts.onlyErrors ? (this.errorRows.data[i] as number) : opts.onlyWarnings ? this.indexOfRow(this.warned.rows.data[i] as number) : i;
      if (index >= 0) indexes.push(index);
    }
    return { total, rows: await this.readIndexes(indexes, opts.cells ?? true), complete: this.complete };
  }

  /** One row by its position among the file's data rows. */
  async row(index: number): Promise<StoredRow | undefined> {
    if (index < 0 || index >= this.rowCount) return undefined;
    return (await this.readIndexes([index]))[0];
  }

  /** A row's position by its spreadsheet row number (row numbers only grow), or -1. */
  indexOfRow(rowNumber: number): number {
    const i = lowerBound(this.rowNumbers.data, this.rowNumbers.length, rowNumber);
    return i < this.rowNumbers.length && this.rowNumbers.data[i] === rowNumber ? i : -1;
  }

  /**
   * Reads the given rows (ascending positions): cells from their chunks, errors from their lines.
   * Without cells only the error lines are read (errors spread over a whole file would otherwise
   * read back and parse every chunk).
   */
  private async readIndexes(indexes: number[], cells = true): Promise<StoredRow[]> {
    if (indexes.length === 0) return [];
    this.reading++;
    try {
      return await this.readRows(indexes, cells);
    } finally {
      if (--this.reading === 0) for (const wake of this.whenRead.splice(0)) wake();
    }
  }

  /**
   * Resolves once no rows are being read (at once when none are): a pass that checks rows in the
   * reading thread waits here between units, so a page asked for is served before more rows are
   * checked (under load a page otherwise waited for several units).
   */
  rowsServed(): Promise<void> {
    return this.reading === 0 ? Promise.resolve() : new Promise((resolve) => this.whenRead.push(resolve));
  }

  private async readRows(indexes: number[], cells: boolean): Promise<StoredRow[]> {
    // The file's check, the error lines and the chunks are read side by side: while a pass runs,
    // each wait here is a wait for its thread, so a page costs one wait rather than one per read.
    const changed = this.chunks.some((c) => c.kind === 'file') ? this.assertSourceUnchanged().then(() => null, (err: unknown) => err) : null;
    const chunkOf = new Map<number, number>(); // row position → its chunk
    if (cells) {
      let chunkIndex = 0;
      for (const index of indexes) {
        while (index >= (this.chunks[chunkIndex] as ChunkEntry).firstRow + (this.chunks[chunkIndex] as ChunkEntry).rows) chunkIndex++;
        chunkOf.set(index, chunkIndex);
      }
    }
    const wanted = [...new Set(chunkOf.values())];
    const reads = Promise.all([this.readErrors(indexes), Promise.all(wanted.map((i) => this.chunkRows(i)))]);
    reads.catch(() => undefined); // awaited below, after the file's check
    // A changed file is refused as such, even when its bytes no longer parse.
    const refusal = await changed;
    if (refusal) throw refusal;
    const [errorsOf, chunks] = await reads;
    const rowsOfChunk = new Map(wanted.map((c, i) => [c, chunks[i] as Map<number, { cells: CellValue[]; formulaTotals?: true }>]));
    const out: StoredRow[] = [];
    for (const index of indexes) {
      const rowNumber = this.rowNumbers.data[index] as number;
      if (!cells) {
        out.push({ rowNumber, cells: [], errors: errorsOf.get(index) ?? [] });
        continue;
      }
      const rowsByNumber = rowsOfChunk.get(chunkOf.get(index) as number) as Map<number, { cells: CellValue[]; formulaTotals?: true }>;
      const row = rowsByNumber.get(rowNumber);
      out.push({ rowNumber, cells: row?.cells ?? [], errors: errorsOf.get(index) ?? [], ...(row?.formulaTotals ? { formulaTotals: true } : {}) });
    }
    return out;
  }

  /** The errors of those rows that have some, read in one range per run of neighbouring lines. */
  private async readErrors(indexes: number[]): Promise<Map<number, FieldError[]>> {
    const found: number[] = []; // positions in errorRows
    for (const index of indexes) {
      const k = lowerBound(this.errorRows.data, this.errorRows.length, index);
      if (k < this.errorRows.length && this.errorRows.data[k] === index) found.push(k);
    }
    const out = new Map<number, FieldError[]>();
    if (found.length === 0) return out;
    for (let i = 0; i < found.length; ) {
      let j = i;
      while (j + 1 < found.length && found[j + 1] === (found[j] as number) + 1) j++;
      const start = this.errorOffsets.data[found[i] as number] as number;
      const last = found[j] as number;
      const stop = last + 1 < this.errorOffsets.length ? (this.errorOffsets.data[last + 1] as number) : this.ends.errors;
      const lines = (await this.errorBytes(start, stop)).toString('utf8').split('\n');
      for (let k = i; k <= j; k++) {
        const [, errors] = JSON.parse(lines[k - i] as string) as [number, FieldError[]];
        out.set(this.errorRows.data[found[k] as number] as number, errors);
      }
      i = j + 1;
    }
    return out;
  }

  /** Error-line bytes [start, stop): from rows.errors, and from memory past what is written. */
  private async errorBytes(start: number, stop: number): Promise<Buffer> {
    // Taken together before waiting: a write that completes meanwhile moves both.
    const written = this.errorsWritten;
    const memory = stop > written ? Buffer.concat(this.unwritten) : null;
    const fromFile = Buffer.alloc(Math.max(0, Math.min(stop, written) - start));
    if (fromFile.length > 0) await (await this.reader('errors')).read(fromFile, 0, fromFile.length, start);
    if (!memory) return fromFile;
    return Buffer.concat([fromFile, memory.subarray(Math.max(start, written) - written, stop - written)]);
  }

  /** The file a chunk's bytes are in; the checked file only while it is as it was checked. */
  /** A file opened for reading once and kept open until the store closes (a page then costs few waits). */
  private reader(file: 'source' | 'data' | 'errors'): Promise<FileHandle> {
    const path = file === 'source' ? this.source.path : this.path(file);
    return (this.readers[file] ??= open(path, 'r'));
  }

  /** Refuses a checked file that is no longer as it was checked (a CSV chunk's rows are read from it). */
  async assertSourceUnchanged(): Promise<void> {
    const now = await stat(this.source.path).catch(() => null);
    if (!now || now.size !== this.source.size || now.mtimeMs !== this.source.mtimeMs) {
      throw new AppError(
        'source_changed',
        'The file has changed (or moved) since it was checked; check it again.',
        'Dosya kontrol edildikten sonra değişmiş (ya da taşınmış); yeniden kontrol edin.',
      );
    }
  }

  /** A chunk's rows by row number. */
  private async chunkRows(chunkIndex: number): Promise<Map<number, { cells: CellValue[]; formulaTotals?: true }>> {
    const cached = this.cache.get(chunkIndex);
    if (cached) return cached;
    const entry = this.chunks[chunkIndex] as ChunkEntry;
    const buf = Buffer.alloc(entry.length);
    await (await this.reader(entry.kind === 'file' ? 'source' : 'data')).read(buf, 0, buf.length, entry.offset);
    const byRow = new Map<number, { cells: CellValue[]; formulaTotals?: true }>();
    if (entry.kind === 'file') {
      const records = parseChunk({ bytes: buf, records: entry.records ?? 0, syntax: entry.syntax as ChunkSyntax });
      records.forEach((cells, i) => {
        if (!isBlankRecord(cells)) byRow.set((entry.firstRecord ?? 1) + i, { cells });
      });
    } else {
      for (const line of decoder.decode(buf).split('\n')) {
        if (line === '') continue;
        const [rowNumber, cells, totals] = JSON.parse(line) as [number, unknown[], 1?];
        byRow.set(rowNumber, totals === 1 ? { cells: reviveCells(cells), formulaTotals: true } : { cells: reviveCells(cells) });
      }
    }
    if (this.cache.size >= CACHED_CHUNKS) this.cache.delete(this.cache.keys().next().value as number);
    this.cache.set(chunkIndex, byRow);
    return byRow;
  }
}
