// A delimited text file as a stream of byte chunks, each holding whole records and knowing the
// number of its first record and where it lies in the file. Record boundaries are found in the
// bytes, by papaparse's own quote rules (scanRecords), without decoding: a chunk then decodes and
// parses on its own, in this thread or in a worker, to exactly the rows a streaming papaparse
// would give, and row numbers are known before anything is parsed.
import { open, type FileHandle } from 'node:fs/promises';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { Delimiter, LineEnding } from './csvDialect';
import type { TextEncoding } from './sniff';
import { SourceError, abortError } from './sourceErrors';
import { decode1254 } from './decode1254';
import { MAX_CELL_CHARS } from './sourceTypes';
import { keepRowsYoung } from './youngRows';

export interface CsvDialect {
  encoding: TextEncoding;
  delimiter: Delimiter;
  lineEnding: LineEnding | null;
}

/** What a chunk needs to be decoded and parsed anywhere. */
export interface ChunkSyntax {
  encoding: TextEncoding;
  delimiter: Delimiter;
  newline: LineEnding;
}

export interface ByteChunk {
  /** Whole records in the file's encoding (its own buffer, so it can move to a worker). */
  bytes: Uint8Array;
  /** Where the bytes start in the file. */
  start: number;
  /** Physical record number (1-based, blank records counted) of the chunk's first record. */
  firstRecord: number;
  records: number;
  syntax: ChunkSyntax;
}

export interface ByteChunkOptions {
  signal?: AbortSignal;
  /**
   * Bytes per chunk, roughly: a chunk ends at the first record boundary after this many. A
   * function is asked again before each chunk (the check makes its first chunk small).
   */
  chunkBytes?: number | (() => number);
  /** A longer record is refused (MAX_RECORD_BYTES unless a test says otherwise). */
  maxRecordBytes?: number;
}

/**
 * No spreadsheet row is this long: a longer record is a wrong file or a hostile one, refused
 * before it is buffered further or decoded as one string.
 */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** Bytes per read: fewer, larger reads cost the reading thread less (measured: 256 KiB vs 64 KiB, −0.2 s over 1M rows). */
const READ_BYTES = 256 * 1024;
const DEFAULT_CHUNK_BYTES = 256 * 1024;

const BOM_BYTES: Record<TextEncoding, number> = { 'utf-8': 0, 'utf-8-bom': 3, 'utf-16le': 2, 'utf-16be': 2, 'windows-1254': 0 };

/**
 * A file's text as code units: bytes for the ASCII-compatible encodings (a multi-byte UTF-8
 * character never contains an ASCII byte), 16-bit units for UTF-16. Units are compared with the
 * syntax's characters encoded the same way, so no decoding is needed to find records.
 */
interface Units {
  readonly length: number;
  at(i: number): number;
  find(unit: number, from: number): number;
  /** The units [from, to) are all white space (as String.prototype.trim sees it). */
  blank(from: number, to: number): boolean;
}

function unitsOf(bytes: Uint8Array, encoding: TextEncoding): Units {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    // Little-endian units on every platform Electron ships for; a BE file's units read swapped.
    const words = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1);
    return {
      length: words.length,
      at: (i) => words[i] as number,
      find: (unit, from) => words.indexOf(unit, from),
      blank: (from, to) => decodeChunk(bytes.subarray(from * 2, to * 2), encoding).trim() === '',
    };
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    length: buf.length,
    at: (i) => buf[i] as number,
    find: (unit, from) => buf.indexOf(unit, from),
    blank: (from, to) => decodeChunk(buf.subarray(from, to), encoding).trim() === '',
  };
}

/** A character as a unit of `encoding` (the syntax characters are all ASCII). */
function unitOf(char: string, encoding: TextEncoding): number {
  const code = char.charCodeAt(0);
  return encoding === 'utf-16be' ? ((code & 0xff) << 8) | (code >> 8) : code;
}

interface UnitScan {
  records: number;
  end: number;
  /** The scan stopped in a quoted field whose closing quote is not in the units. */
  unclosed: boolean;
  /** Length of the longest complete record, and its index among them. */
  longest: number;
  longestIndex: number;
}

/**
 * Counts the complete records of units[from…] as papaparse reads them and returns where the last
 * one ends (in units). A quote opens a quoted field only at the start of a field; inside one, ""
 * is a quote, and a quote followed (after optional blank space) by the delimiter or the newline
 * closes it; any other quote is kept as text. An unfinished record (no newline yet) is not
 * counted. The scan stops at the first record end at or after `stopAt`.
 */
function scanUnits(u: Units, from: number, syntax: ChunkSyntax, stopAt: number): UnitScan {
  const QUOTE = unitOf('"', syntax.encoding);
  const DELIM = unitOf(syntax.delimiter, syntax.encoding);
  const NL_LAST = unitOf(syntax.newline.slice(-1), syntax.encoding);
  const NL_FIRST = unitOf(syntax.newline[0] as string, syntax.encoding);
  const nlLength = syntax.newline.length;
  const newlineAt = (i: number): boolean => u.at(i) === NL_FIRST && (nlLength === 1 || u.at(i + 1) === NL_LAST);
  const findNewline = (i: number): number => {
    if (nlLength === 1) return u.find(NL_FIRST, i);
    for (let at = u.find(NL_LAST, i + 1); at !== -1; at = u.find(NL_LAST, at + 1)) if (u.at(at - 1) === NL_FIRST) return at - 1;
    return -1;
  };
  const n = u.length;
  let records = 0;
  let end = from;
  let longest = 0;
  let longestIndex = 0;
  if (u.find(QUOTE, from) === -1) {
    // No quotes: every newline ends a record (papaparse's own fast path).
    for (let at = findNewline(from); at !== -1 && end < stopAt; at = findNewline(at + nlLength)) {
      const next = at + nlLength;
      if (next - end > longest) {
        longest = next - end;
        longestIndex = records;
      }
      records++;
      end = next;
    }
    return { records, end, unclosed: false, longest, longestIndex };
  }
  const recordEnds = (at: number): void => {
    if (at - end > longest) {
      longest = at - end;
      longestIndex = records;
    }
    records++;
    end = at;
  };
  const blankRun = (a: number, b: number): number => (b === -1 || b <= a || !u.blank(a, b) ? 0 : b - a);
  let cursor = from;
  let nextDelim = u.find(DELIM, cursor);
  let nextNewline = findNewline(cursor);
  let unclosed = false;
  outer: while (cursor < n && end < stopAt) {
    if (u.at(cursor) === QUOTE) {
      let q = cursor;
      for (;;) {
        q = u.find(QUOTE, q + 1);
        unclosed = q === -1;
        if (q === -1 || q === n - 1) break outer; // unterminated, or closed only by the end of the text
        if (u.at(q + 1) === QUOTE) {
          q++; // "" inside a quoted field
          continue;
        }
        if (nextDelim !== -1 && nextDelim < q + 1) nextDelim = u.find(DELIM, q + 1);
        if (nextNewline !== -1 && nextNewline < q + 1) nextNewline = findNewline(q + 1);
        // papaparse's own arithmetic, kept as it is: with no newline left, min(-1, …) finds no space.
        const checkUpTo = nextNewline === -1 ? nextDelim : Math.min(nextDelim, nextNewline);
        const spacesToDelim = blankRun(q + 1, checkUpTo);
        if (u.at(q + 1 + spacesToDelim) === DELIM) {
          cursor = q + 2 + spacesToDelim;
          break;
        }
        const spacesToNewline = blankRun(q + 1, nextNewline);
        if (q + 1 + spacesToNewline < n && newlineAt(q + 1 + spacesToNewline)) {
          cursor = q + 1 + spacesToNewline + nlLength;
          recordEnds(cursor);
          break;
        }
        q++; // a stray quote inside the field: papaparse reports it and searches on
      }
      if (nextDelim !== -1 && nextDelim < cursor) nextDelim = u.find(DELIM, cursor);
      if (nextNewline !== -1 && nextNewline < cursor) nextNewline = findNewline(cursor);
      continue;
    }
    if (nextDelim !== -1 && (nextDelim < nextNewline || nextNewline === -1)) {
      cursor = nextDelim + 1;
      nextDelim = u.find(DELIM, cursor);
      continue;
    }
    if (nextNewline === -1) break;
    cursor = nextNewline + nlLength;
    recordEnds(cursor);
    nextNewline = findNewline(cursor);
    if (nextDelim !== -1 && nextDelim < cursor) nextDelim = u.find(DELIM, cursor);
  }
  return { records, end, unclosed, longest, longestIndex };
}

/** scanUnits over bytes, with every length in bytes. */
export function scanRecords(bytes: Uint8Array, syntax: ChunkSyntax, stopAt = Infinity): UnitScan {
  const unit = syntax.encoding === 'utf-16le' || syntax.encoding === 'utf-16be' ? 2 : 1;
  const scan = scanUnits(unitsOf(bytes, syntax.encoding), 0, syntax, stopAt / unit);
  return { ...scan, end: scan.end * unit, longest: scan.longest * unit };
}

const decoders = new Map<string, TextDecoder | null>();

/** A runtime decoder for the encoding, keeping a U+FEFF inside the text (the reader skips the BOM). */
function nativeDecoder(label: string): TextDecoder | null {
  if (!decoders.has(label)) {
    try {
      decoders.set(label, new TextDecoder(label, { ignoreBOM: true }));
    } catch {
      decoders.set(label, null); // a runtime without full ICU
    }
  }
  return decoders.get(label) ?? null;
}

/** Whole records' bytes → text. A chunk never splits a character, so chunks decode on their own. */
export function decodeChunk(bytes: Uint8Array, encoding: TextEncoding): string {
  if (encoding === 'windows-1254') return decode1254(bytes);
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  const decoder = nativeDecoder(label);
  if (decoder) return decoder.decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), label, { stripBOM: false });
}

/**
 * Calls `visit` with the cells of each of the chunk's records in turn (a blank record is ['']),
 * holding little at a time: the chunk is decoded in pieces of whole records small enough for
 * V8's young generation, so its text and rows die young and collecting them stays cheap (a whole
 * chunk's text outlived collections and piled up in the old generation: +20 MB per worker).
 * Throws when the parse disagrees with the chunk's record count, which would shift every later
 * row number.
 */
export function forEachRecord(chunk: Pick<ByteChunk, 'bytes' | 'records' | 'syntax'>, visit: (cells: string[], index: number) => void, raw = false): void {
  const { bytes, syntax } = chunk;
  let index = 0;
  const onRecord = (cells: string[]): void => visit(cells, index++);
  for (let offset = 0; offset < bytes.length; ) {
    const rest = bytes.subarray(offset);
    let { records, end } = rest.length > 2 * PIECE_BYTES ? scanRecords(rest, syntax, PIECE_BYTES) : { records: 0, end: 0 };
    if (records === 0) {
      records = chunk.records - index; // the last piece: as many records as the chunk has left
      end = rest.length;
    }
    forEachPieceRecord(rest.subarray(0, end), records, syntax, onRecord, raw);
    offset += end;
  }
  if (index !== chunk.records) throw new Error(`csv chunk: ${index} rows parsed where ${chunk.records} records were counted`);
}

const PIECE_BYTES = 16 * 1024;

function forEachPieceRecord(bytes: Uint8Array, records: number, syntax: ChunkSyntax, visit: (cells: string[]) => void, raw: boolean): void {
  const text = raw ? rawDecode(bytes, syntax.encoding) : decodeChunk(bytes, syntax.encoding);
  let seen = 0;
  let trailingEmpty = false;
  const onRecord = (cells: string[]): void => {
    if (seen < records) visit(cells);
    else trailingEmpty = seen === records && cells.length === 1 && cells[0] === '' && text.endsWith(syntax.newline);
    seen++;
  };
  if (!text.includes('"')) {
    // papaparse's own fast path for text without quotes (split by newline, then by delimiter),
    // without its per-record result objects or the record's own string.
    const { newline, delimiter } = syntax;
    for (let from = 0; ; ) {
      const at = text.indexOf(newline, from);
      const end = at === -1 ? text.length : at;
      const cells: string[] = [];
      for (let field = from; ; ) {
        const next = text.indexOf(delimiter, field);
        if (next === -1 || next > end) {
          cells.push(text.slice(field, end));
          break;
        }
        cells.push(text.slice(field, next));
        field = next + 1;
      }
      onRecord(cells);
      if (at === -1) break;
      from = at + newline.length;
    }
  } else {
    // The text keeps its last newline, so the last record parses with the context it had in the
    // file; papaparse then reports an empty record after that newline, which is not one.
    const parse = { delimiter: syntax.delimiter, newline: syntax.newline, header: false, skipEmptyLines: false };
    Papa.parse<string[]>(text, { ...parse, step: ({ data }) => onRecord(data) });
  }
  if (seen !== records && !(seen === records + 1 && trailingEmpty)) {
    throw new Error(`csv chunk: ${seen} rows parsed where ${records} records were counted`);
  }
}

/** UTF-16 as its code units, a lone surrogate kept (the decoders make it U+FFFD); other encodings as decodeChunk. */
function rawDecode(bytes: Uint8Array, encoding: TextEncoding): string {
  if (encoding !== 'utf-16le' && encoding !== 'utf-16be') return decodeChunk(bytes, encoding);
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength & ~1);
  return encoding === 'utf-16le' ? b.toString('utf16le') : Buffer.from(b).swap16().toString('utf16le');
}

/** A UTF-16 code unit that is half of a character with no other half: the decoder would write U+FFFD. */
function hasLoneSurrogate(b: Uint8Array, encoding: TextEncoding): boolean {
  const le = encoding === 'utf-16le';
  const n = b.length & ~1;
  for (let i = 0; i < n; i += 2) {
    const u = le ? (b[i] as number) | ((b[i + 1] as number) << 8) : ((b[i] as number) << 8) | (b[i + 1] as number);
    if (u < 0xd800 || u > 0xdfff) continue;
    if (u > 0xdbff || i + 2 >= n) return true;
    const v = le ? (b[i + 2] as number) | ((b[i + 3] as number) << 8) : ((b[i + 2] as number) << 8) | (b[i + 3] as number);
    if (v < 0xdc00 || v > 0xdfff) return true;
    i += 2;
  }
  return false;
}

/** A surrogate code unit without its other half (no u flag: the pattern sees code units). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses a chunk with a cell longer than a cell may be, or (UTF-16) a character half on its own,
 * naming the row and column. Cheap for an ordinary chunk: no record is long enough to hold such
 * a cell, and a UTF-8 or 1254 file has no surrogates; only then are the cells looked at.
 */
function checkCells(file: string, chunk: ByteChunk, longestBytes: number): void {
  const utf16 = chunk.syntax.encoding === 'utf-16le' || chunk.syntax.encoding === 'utf-16be';
  const lone = utf16 && hasLoneSurrogate(chunk.bytes, chunk.syntax.encoding);
  if (!lone && longestBytes <= MAX_CELL_CHARS * (utf16 ? 2 : 1)) return;
  forEachRecord(
    chunk,
    (cells, index) => {
      const row = chunk.firstRecord + index;
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c] as string;
        if (cell.length > MAX_CELL_CHARS) throw new SourceError('cell_too_long', file, { row, column: String(c + 1) });
        if (lone && LONE_SURROGATE.test(cell)) {
          throw new SourceError('bad_text', file, {
            row,
            column: String(c + 1),
            reason: 'half of a UTF-16 character on its own (it would be written as U+FFFD)',
            reasonTr: 'tek başına kalmış yarım bir UTF-16 karakteri (U+FFFD olarak yazılırdı)',
          });
        }
      }
    },
    true,
  );
}

/** The cells of a chunk's records, one array per record. */
export function parseChunk(chunk: Pick<ByteChunk, 'bytes' | 'records' | 'syntax'>): string[][] {
  const records: string[][] = [];
  forEachRecord(chunk, (cells) => records.push(cells));
  return records;
}

/** The newline papaparse would settle on for a file whose sample showed none. */
function guessNewline(bytes: Uint8Array, encoding: TextEncoding): LineEnding {
  return decodeChunk(bytes, encoding).includes('\r\n') ? '\r\n' : '\n';
}

/** Bytes collected from reads until a chunk's worth of whole records is there. */
class ByteQueue {
  private buf = Buffer.allocUnsafeSlow(2 * DEFAULT_CHUNK_BYTES);
  length = 0;

  push(bytes: Uint8Array): void {
    if (this.length + bytes.length > this.buf.length) {
      const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.length + bytes.length));
      this.buf.copy(next, 0, 0, this.length);
      this.buf = next;
    }
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  /** The first n bytes, copied out into a buffer of their own, and removed. */
  take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    out.set(this.buf.subarray(0, n));
    this.buf.copy(this.buf, 0, n, this.length);
    this.length -= n;
    return out;
  }
}

/**
 * Reads the file in one reused buffer and yields chunks of whole records, in order. The file is
 * never held whole: about one chunk and one read are in memory at a time (more only while a
 * single record is longer than a chunk, up to MAX_RECORD_BYTES). A quote that is never closed and
 * a record past MAX_RECORD_BYTES are refused, naming the row.
 */
export async function* csvChunks(file: string, dialect: CsvDialect, opts: ByteChunkOptions = {}): AsyncGenerator<ByteChunk> {
  keepRowsYoung();
  const { signal } = opts;
  const { encoding } = dialect;
  const unit = encoding === 'utf-16le' || encoding === 'utf-16be' ? 2 : 1;
  const sizeOption = opts.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const nextChunkBytes = (): number => Math.max(unit, typeof sizeOption === 'number' ? sizeOption : sizeOption());
  let chunkBytes = nextChunkBytes();
  const maxRecordBytes = opts.maxRecordBytes ?? MAX_RECORD_BYTES;
  const tooLong = (row: number): SourceError => new SourceError('record_too_long', file, { row, maxBytes: maxRecordBytes });
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw (err as NodeJS.ErrnoException).code === 'ENOENT' ? new SourceError('not_found', file, {}, err) : err;
  }
  try {
    const read = Buffer.allocUnsafeSlow(READ_BYTES);
    const pending = new ByteQueue();
    let syntax: ChunkSyntax | null = null;
    let position = BOM_BYTES[encoding];
    let start = position;
    let nextRecord = 1;
    let scanAt = chunkBytes;
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      const { bytesRead: n } = await handle.read(read, 0, read.length, position);
      position += n;
      pending.push(read.subarray(0, n));
      const final = n === 0;
      syntax ??= { encoding, delimiter: dialect.delimiter, newline: dialect.lineEnding ?? guessNewline(pending.view(), encoding) };
      if (final) {
        // A dangling odd byte of UTF-16 cannot be a character; the decoder drops it.
        if (pending.length > 0) {
          const { records, end, unclosed, longest, longestIndex } = scanRecords(pending.view(), syntax);
          const length = pending.length;
          // A quote never closed would swallow the rest of the file into one cell: say so instead.
          if (unclosed) throw new SourceError('unclosed_quote', file, { row: nextRecord + records });
          if (longest > maxRecordBytes) throw tooLong(nextRecord + longestIndex);
          if (length - end > maxRecordBytes) throw tooLong(nextRecord + records);
          // Bytes after the last newline are one more record.
          const chunk = { bytes: pending.take(length), start, firstRecord: nextRecord, records: records + (end < length ? 1 : 0), syntax };
          checkCells(file, chunk, Math.max(longest, length - end));
          yield chunk;
        }
        return;
      }
      // Every chunk of about chunkBytes that the queue now holds, whole records each.
      while (pending.length >= scanAt) {
        const { records, end, unclosed, longest, longestIndex } = scanRecords(pending.view(), syntax, chunkBytes);
        if (longest > maxRecordBytes) throw tooLong(nextRecord + longestIndex);
        if (records === 0) {
          if (pending.length > maxRecordBytes) {
            throw unclosed ? new SourceError('unclosed_quote', file, { row: nextRecord, maxBytes: maxRecordBytes }) : tooLong(nextRecord);
          }
          scanAt = pending.length * 2; // one record longer than a chunk: read on without rescanning often
          break;
        }
        const chunk = { bytes: pending.take(end), start, firstRecord: nextRecord, records, syntax };
        checkCells(file, chunk, longest);
        yield chunk;
        start += end;
        nextRecord += records;
        chunkBytes = nextChunkBytes();
        scanAt = chunkBytes;
      }
    }
  } finally {
    await handle.close();
  }
}
