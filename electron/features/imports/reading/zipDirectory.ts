import { open, type FileHandle } from 'node:fs/promises';
import { createInflateRaw, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  /** General purpose flags; bit 0 marks an encrypted entry. */
  flags: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** Why a ZIP could not be read; the caller turns it into a SourceError naming the file. */
export class ZipFormatError extends Error {}

/**
 * The archive claims (or turns out) to inflate to far more than a workbook of its size could
 * hold: a zip bomb, or damage. Refused before (or as soon as) the excess would be inflated.
 */
export class ZipBombError extends ZipFormatError {
  constructor(
    readonly entry: string,
    readonly reason: 'size' | 'ratio' | 'lied',
    readonly limitBytes: number,
  ) {
    super(
      reason === 'ratio'
        ? `${entry} claims to inflate more than ${RATIO_LIMIT} times its packed size`
        : reason === 'lied'
          ? `${entry} inflates to more than the size its directory declares`
          : `${entry} would inflate to more than ${Math.round(limitBytes / 1024 / 1024)} MiB`,
    );
  }
}

/** Small XML parts (workbook, rels, styles) are read whole; beyond this they are not something we trust. */
export const MAX_PART_BYTES = 32 * 1024 * 1024;
/**
 * Deflate packs at most about 1:1032; XML sheets pack about 10–40:1 (a sheet of identical rows a
 * little more). Above this ratio an entry of some size is a bomb, not a spreadsheet.
 */
export const RATIO_LIMIT = 250;
/** Parts smaller than this may have any ratio: they cannot hurt. */
const RATIO_FREE_BYTES = 8 * 1024 * 1024;
const READ_BYTES = 256 * 1024;
const INFLATE_CHUNK_BYTES = 128 * 1024;

/**
 * Reads a ZIP's central directory (at the end of the file) without touching the entries
 * themselves, so listing a workbook's sheets costs a few kilobytes of reading however large the
 * sheets are. Entries are read whole (small parts) or streamed (sheets), each within a limit on
 * its inflated size that is checked against the directory's figures before anything is inflated
 * and against the bytes actually inflated while they come.
 */
export class ZipDirectory {
  private constructor(
    private readonly fh: FileHandle,
    readonly entries: Map<string, ZipEntry>,
  ) {}

  static async open(file: string, sizeBytes: number): Promise<ZipDirectory> {
    const fh = await open(file, 'r');
    try {
      const entries = await readCentralDirectory(fh, sizeBytes);
      return new ZipDirectory(fh, entries);
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.fh.close();
  }

  /** The uncompressed bytes of one (small) entry, or null when the archive has no such entry. */
  async read(name: string, maxBytes = MAX_PART_BYTES): Promise<Buffer | null> {
    const e = this.entries.get(name);
    if (!e) return null;
    checkDeclared(e, maxBytes);
    const raw = await readAt(this.fh, await this.dataStart(e), e.compressedSize);
    if (e.method === 0) return raw;
    try {
      const out = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
      if (out.length !== e.size) throw new ZipFormatError(`${name} is shorter than its directory says`);
      return out;
    } catch (err) {
      if (err instanceof ZipFormatError) throw err;
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipBombError(name, 'lied', e.size);
      throw new ZipFormatError(`cannot inflate ${name}: ${(err as Error).message}`);
    }
  }

  /**
   * The uncompressed bytes of an entry as they are inflated (about 128 KiB at a time, inflated off
   * this thread by zlib). Null when there is no such entry. Stops with a ZipBombError as soon as
   * the output would pass the declared size.
   */
  async stream(name: string, maxBytes: number): Promise<AsyncGenerator<Buffer> | null> {
    const e = this.entries.get(name);
    if (!e) return null;
    checkDeclared(e, maxBytes);
    const start = await this.dataStart(e);
    return e.method === 0 ? readRange(this.fh, start, e.compressedSize) : inflateRange(this.fh, e, start);
  }

  private async dataStart(e: ZipEntry): Promise<number> {
    const local = await readAt(this.fh, e.localHeaderOffset, 30);
    if (local.readUInt32LE(0) !== 0x04034b50) throw new ZipFormatError(`bad local header for ${e.name}`);
    return e.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  }
}

function checkDeclared(e: ZipEntry, maxBytes: number): void {
  if (e.flags & 1) throw new ZipFormatError(`${e.name} is encrypted`);
  if (e.method !== 0 && e.method !== 8) throw new ZipFormatError(`unsupported compression for ${e.name}`);
  if (e.size > maxBytes) throw new ZipBombError(e.name, 'size', maxBytes);
  if (e.method === 0 && e.size !== e.compressedSize) throw new ZipFormatError(`damaged directory entry for ${e.name}`);
  if (e.size > RATIO_FREE_BYTES && e.size > RATIO_LIMIT * e.compressedSize) throw new ZipBombError(e.name, 'ratio', maxBytes);
}

async function* readRange(fh: FileHandle, start: number, length: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < length; ) {
    const n = Math.min(READ_BYTES, length - at);
    const buf = Buffer.allocUnsafe(n);
    const { bytesRead } = await fh.read(buf, 0, n, start + at);
    if (bytesRead === 0) throw new ZipFormatError('the file ends early');
    at += bytesRead;
    yield bytesRead === n ? buf : buf.subarray(0, bytesRead);
  }
}

async function* inflateRange(fh: FileHandle, e: ZipEntry, start: number): AsyncGenerator<Buffer> {
  const inflate = createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES });
  const state: { failed: Error | null } = { failed: null };
  // Fed as it drains: at most a read or two of packed bytes wait in front of the inflater.
  const feed = async (): Promise<void> => {
    try {
      for await (const packed of readRange(fh, start, e.compressedSize)) {
        if (inflate.destroyed) return;
        if (!inflate.write(packed)) await drained(inflate);
      }
      inflate.end();
    } catch (err) {
      state.failed = err as Error;
      inflate.destroy(err as Error);
    }
  };
  void feed();
  let total = 0;
  try {
    for await (const out of inflate as AsyncIterable<Buffer>) {
      total += out.length;
      if (total > e.size) throw new ZipBombError(e.name, 'lied', e.size);
      yield out;
    }
  } catch (err) {
    if (err instanceof ZipFormatError) throw err;
    throw state.failed ?? new ZipFormatError(`cannot inflate ${e.name}: ${(err as Error).message}`);
  } finally {
    inflate.destroy();
  }
  if (total !== e.size) throw new ZipFormatError(`${e.name} is shorter than its directory says`);
}

/** Resolves when the stream wants more, or is gone. */
function drained(stream: NodeJS.WritableStream & { once: (e: string, f: () => void) => unknown; off: (e: string, f: () => void) => unknown }): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
  });
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  if (bytesRead < length) throw new ZipFormatError('the file ends early');
  return buf;
}

async function readCentralDirectory(fh: FileHandle, sizeBytes: number): Promise<Map<string, ZipEntry>> {
  // End-of-central-directory record: 22 bytes plus a comment of up to 65535 bytes.
  const tailLength = Math.min(sizeBytes, 22 + 0xffff);
  const tail = await readAt(fh, sizeBytes - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no ZIP directory; the file is truncated');
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || count === 0xffff) throw new ZipFormatError('ZIP64 archives are not supported');
  if (cdOffset + cdSize > sizeBytes) throw new ZipFormatError('the ZIP directory points past the end of the file');

  const cd = await readAt(fh, cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new ZipFormatError('damaged ZIP directory');
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
    const entry: ZipEntry = {
      name,
      method: cd.readUInt16LE(p + 10),
      flags: cd.readUInt16LE(p + 8),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    };
    readZip64Extra(entry, cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength));
    if (entry.localHeaderOffset + 30 > sizeBytes) throw new ZipFormatError(`${name} points past the end of the file`);
    entries.set(name, entry);
    p += 46 + nameLength + extraLength + cd.readUInt16LE(p + 32);
  }
  return entries;
}

/** Some writers put an entry's figures in a ZIP64 extra field, even in a small archive. */
function readZip64Extra(entry: ZipEntry, extra: Buffer): void {
  for (let q = 0; q + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(q);
    const length = extra.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let at = q + 4;
      const next = (): number => {
        if (at + 8 > q + 4 + length) throw new ZipFormatError(`damaged ZIP64 field for ${entry.name}`);
        const v = Number(extra.readBigUInt64LE(at));
        at += 8;
        return v;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    q += 4 + length;
  }
}
