// A zip file written front to back into a stream, as an XLSX needs it: small entries deflated
// whole (sizes and CRC in their local header), one large entry deflated as it is written (sizes
// and CRC in a data descriptor after it), then the central directory. Zip64 records are added
// only where a size, an offset or the entry count does not fit 32 bits (APPNOTE 4.3.9, 4.5.3).
import { once } from 'node:events';
import type { TransformOptions, Writable } from 'node:stream';
import * as zlib from 'node:zlib';
import { waitForDrain } from './textSink';

const MAX32 = 0xffffffff;
/** General-purpose flags: bit 3 sizes in a data descriptor, bit 11 names in UTF-8. */
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const DEFLATE = 8;
const VERSION = 20;
const VERSION_ZIP64 = 45;
/** Bytes of a streamed entry handed to the deflater at a time. */
const ENTRY_CHUNK = 1 << 20;

/** zlib's CRC-32 (Node ≥ 20.15 and Electron); a table-driven one where it is missing. */
const crc32: (data: Buffer, value?: number) => number =
  typeof zlib.crc32 === 'function'
    ? zlib.crc32
    : (() => {
        const table = new Int32Array(256).map((_, n) => {
          let c = n;
          for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
          return c;
        });
        return (data: Buffer, value = 0) => {
          let c = ~value;
          for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
          return ~c >>> 0;
        };
      })();

interface Entry {
  name: Buffer;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** MS-DOS time and date of a moment (local time, as zip tools show it). */
function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export interface ZipWriterOptions {
  /** zlib level; 1 (fastest) keeps a million-row sheet ahead of the rows it is given. */
  level?: number;
  /** Sizes and offsets from this value on use zip64 records (tests lower it). */
  zip64From?: number;
  signal?: AbortSignal;
  /** Bytes a streamed entry encodes before handing them to the deflater (default 1 MiB; tests lower it). */
  entryBuffer?: number;
  /** Modification time of every entry (default: now). */
  date?: Date;
}

export class ZipWriter {
  private readonly entries: Entry[] = [];
  private written = 0;
  private readonly level: number;
  private readonly zip64From: number;
  private readonly stamp: { time: number; date: number };
  private open: zlib.DeflateRaw | null = null;

  constructor(
    private readonly out: Writable,
    private readonly options: ZipWriterOptions = {},
  ) {
    this.level = options.level ?? 1;
    this.zip64From = Math.min(options.zip64From ?? MAX32, MAX32);
    this.stamp = dosDateTime(options.date ?? new Date());
  }

  private async emit(chunk: Buffer): Promise<void> {
    this.written += chunk.length;
    if (!this.out.write(chunk)) await waitForDrain(this.out, this.options.signal);
  }

  private localHeader(name: Buffer, flags: number, crc: number, compressed: number, size: number): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(VERSION, 4);
    h.writeUInt16LE(flags, 6);
    h.writeUInt16LE(DEFLATE, 8);
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(compressed, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(0, 28);
    return Buffer.concat([h, name]);
  }

  /** A small entry, deflated at once: its sizes and CRC go in its local header. */
  async addFile(path: string, content: string): Promise<void> {
    if (this.open) throw new Error('zip: an entry is still being written');
    const data = Buffer.from(content, 'utf8');
    const deflated = zlib.deflateRawSync(data, { level: this.level });
    // Such entries are kilobytes; only their offset can reach the zip64 range.
    const entry: Entry = { name: Buffer.from(path, 'utf8'), flags: FLAG_UTF8, crc: crc32(data), compressed: deflated.length, size: data.length, offset: this.written };
    this.entries.push(entry);
    await this.emit(this.localHeader(entry.name, entry.flags, entry.crc, entry.compressed, entry.size));
    await this.emit(deflated);
  }

  /**
   * An entry written piece by piece and deflated as it comes (zlib works off the main thread):
   * see EntryWriter. Close it before the next entry.
   */
  async startFile(path: string): Promise<EntryWriter> {
    if (this.open) throw new Error('zip: an entry is still being written');
    const entry: Entry = { name: Buffer.from(path, 'utf8'), flags: FLAG_UTF8 | FLAG_DESCRIPTOR, crc: 0, compressed: 0, size: 0, offset: this.written };
    this.entries.push(entry);
    await this.emit(this.localHeader(entry.name, entry.flags, 0, 0, 0));
    // 256 KiB output chunks: zlib's default 16 KiB meant a callback on this thread per 16 KiB.
    // It takes up to three buffers before the writer waits: the rows are encoded on this thread
    // while zlib deflates the buffers before them (with room for one, the two took turns).
    const size = this.options.entryBuffer ?? ENTRY_CHUNK;
    const options: zlib.ZlibOptions & TransformOptions = { level: this.level, chunkSize: 256 * 1024, writableHighWaterMark: 3 * size };
    const deflate = zlib.createDeflateRaw(options);
    this.open = deflate;
    // Deflated output goes straight on to the file; the file's backpressure pauses the deflater,
    // whose own backpressure pauses the entry's writer (EntryWriter.ready).
    deflate.on('data', (chunk: Buffer) => {
      entry.compressed += chunk.length;
      this.written += chunk.length;
      if (!this.out.write(chunk)) {
        deflate.pause();
        this.out.once('drain', () => deflate.resume());
      }
    });
    return new EntryWriter(entry, deflate, size, this.options.signal, async () => {
      this.open = null;
      // The descriptor's sizes are 8 bytes once they pass 32 bits, as the central directory's
      // zip64 record then says (readers take sizes from there).
      const wide = entry.size >= this.zip64From || entry.compressed >= this.zip64From;
      const d = Buffer.alloc(wide ? 24 : 16);
      d.writeUInt32LE(0x08074b50, 0);
      d.writeUInt32LE(entry.crc, 4);
      if (wide) {
        d.writeBigUInt64LE(BigInt(entry.compressed), 8);
        d.writeBigUInt64LE(BigInt(entry.size), 16);
      } else {
        d.writeUInt32LE(entry.compressed, 8);
        d.writeUInt32LE(entry.size, 12);
      }
      await this.emit(d);
    });
  }

  /** Writes the central directory and ends the stream. */
  async finish(): Promise<void> {
    if (this.open) throw new Error('zip: an entry is still being written');
    const start = this.written;
    let zip64 = this.entries.length >= 0xffff;
    for (const e of this.entries) {
      const wide = { size: e.size >= this.zip64From, compressed: e.compressed >= this.zip64From, offset: e.offset >= this.zip64From };
      // Zip64 extended information: only the fields whose 32-bit slot holds 0xFFFFFFFF, in this order.
      const extra: Buffer[] = [];
      if (wide.size) extra.push(u64(e.size));
      if (wide.compressed) extra.push(u64(e.compressed));
      if (wide.offset) extra.push(u64(e.offset));
      const extraField = extra.length ? Buffer.concat([u16(0x0001), u16(extra.length * 8), ...extra]) : Buffer.alloc(0);
      if (extra.length) zip64 = true;
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      // Made by a Unix host, so tools read the names as the UTF-8 flag says (not as an MS-DOS code page).
      h.writeUInt16LE(0x0300 | (extra.length ? VERSION_ZIP64 : VERSION), 4);
      h.writeUInt16LE(extra.length ? VERSION_ZIP64 : VERSION, 6);
      h.writeUInt16LE(e.flags, 8);
      h.writeUInt16LE(DEFLATE, 10);
      h.writeUInt16LE(this.stamp.time, 12);
      h.writeUInt16LE(this.stamp.date, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(wide.compressed ? MAX32 : e.compressed, 20);
      h.writeUInt32LE(wide.size ? MAX32 : e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt16LE(extraField.length, 30);
      // comment length, disk number, internal attributes: 0; external: a regular file, rw-r--r--
      h.writeUInt32LE((0o100644 << 16) >>> 0, 38);
      h.writeUInt32LE(wide.offset ? MAX32 : e.offset, 42);
      await this.emit(Buffer.concat([h, e.name, extraField]));
    }
    const size = this.written - start;
    if (zip64 || start >= this.zip64From || size >= this.zip64From) {
      const eocd64At = this.written;
      const r = Buffer.alloc(56);
      r.writeUInt32LE(0x06064b50, 0);
      r.writeBigUInt64LE(44n, 4); // size of the rest of this record
      r.writeUInt16LE(VERSION_ZIP64, 12);
      r.writeUInt16LE(VERSION_ZIP64, 14);
      // this disk, the directory's disk: 0
      r.writeBigUInt64LE(BigInt(this.entries.length), 24);
      r.writeBigUInt64LE(BigInt(this.entries.length), 32);
      r.writeBigUInt64LE(BigInt(size), 40);
      r.writeBigUInt64LE(BigInt(start), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(eocd64At), 8);
      locator.writeUInt32LE(1, 16); // disks
      await this.emit(Buffer.concat([r, locator]));
      zip64 = true;
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(this.entries.length, 0xffff), 8);
    end.writeUInt16LE(Math.min(this.entries.length, 0xffff), 10);
    end.writeUInt32LE(zip64 && size >= this.zip64From ? MAX32 : size, 12);
    end.writeUInt32LE(zip64 && start >= this.zip64From ? MAX32 : start, 16);
    await this.emit(end);
    this.out.end();
  }
}

const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};

/**
 * A streamed entry's content: text and bytes are put into a buffer (1 MiB), and full buffers go to
 * the deflater. Putting never waits; after a piece of work (a row) await ready(), which is a
 * promise only while the deflater is full, so at most a buffer or two is ever held. Encoding piece
 * by piece is what makes this fast: a page of XML joined into one string and then encoded cost
 * four times as much (the long string's flattening and copying).
 */
export class EntryWriter {
  private buffer: Buffer;
  private used = 0;
  /** Buffers the deflater has read, to be filled again (a fresh 1 MiB each time kept the GC busy). */
  private readonly spare: Buffer[] = [];

  constructor(
    private readonly entry: Entry,
    private readonly deflate: zlib.DeflateRaw,
    private readonly size: number,
    private readonly signal: AbortSignal | undefined,
    private readonly closed: () => Promise<void>,
  ) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  private feed(data: Uint8Array, done?: () => void): void {
    this.entry.crc = crc32(data as Buffer, this.entry.crc);
    this.entry.size += data.length;
    this.deflate.write(data, done);
  }

  private handOver(): void {
    if (this.used === 0) return;
    const full = this.buffer;
    this.feed(full.subarray(0, this.used), () => this.spare.push(full));
    this.buffer = this.spare.pop() ?? Buffer.allocUnsafe(this.size);
    this.used = 0;
  }

  /** Text as UTF-8. */
  text(text: string): void {
    // A UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair, 2 units, is 4).
    const most = text.length * 3;
    if (this.used + most > this.size) this.handOver();
    if (most > this.size) this.feed(Buffer.from(text, 'utf8'));
    else this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** Bytes that stay unchanged (the deflater may read them later). */
  bytes(bytes: Uint8Array): void {
    const n = bytes.length;
    if (this.used + n > this.size) {
      this.handOver();
      if (n > this.size) return this.feed(bytes);
    }
    // Pieces are a few dozen bytes: a loop beats a native set() call at that size.
    const buffer = this.buffer;
    let at = this.used;
    for (let k = 0; k < n; k++) buffer[at++] = bytes[k]!;
    this.used = at;
  }

  /** Text known to be ASCII (digits, markup), a few characters long. */
  ascii(text: string): void {
    const n = text.length;
    if (this.used + n > this.size) this.handOver();
    const buffer = this.buffer;
    let at = this.used;
    for (let k = 0; k < n; k++) buffer[at++] = text.charCodeAt(k);
    this.used = at;
  }

  /** A promise while the deflater is full (await it before putting more), else undefined. */
  ready(): Promise<void> | undefined {
    if (!this.deflate.writableNeedDrain) return undefined;
    return once(this.deflate, 'drain', this.signal ? { signal: this.signal } : {}).then(() => undefined);
  }

  async write(text: string): Promise<void> {
    this.text(text);
    await this.ready();
  }

  /** Ends the entry (its data descriptor follows it). */
  async close(): Promise<void> {
    this.handOver();
    const ended = once(this.deflate, 'end', this.signal ? { signal: this.signal } : {});
    this.deflate.end();
    await ended;
    await this.closed();
  }
}
