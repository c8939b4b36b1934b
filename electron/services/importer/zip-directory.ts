import { open, type FileHandle } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** Why a ZIP could not be read; the caller turns it into a SourceError naming the file. */
export class ZipFormatError extends Error {}

/** Small XML parts only: a workbook.xml or .rels beyond this is not something we trust. */
const MAX_PART_BYTES = 32 * 1024 * 1024;

/**
 * Reads a ZIP's central directory (at the end of the file) without touching the entries
 * themselves, so listing a workbook's sheets costs a few kilobytes of reading however large the
 * sheets are.
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
  async read(name: string): Promise<Buffer | null> {
    const e = this.entries.get(name);
    if (!e) return null;
    if (e.size > MAX_PART_BYTES || e.compressedSize > MAX_PART_BYTES) throw new ZipFormatError(`${name} is too large`);
    const local = await readAt(this.fh, e.localHeaderOffset, 30);
    if (local.readUInt32LE(0) !== 0x04034b50) throw new ZipFormatError(`bad local header for ${name}`);
    const dataStart = e.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const raw = await readAt(this.fh, dataStart, e.compressedSize);
    if (e.method === 0) return raw;
    if (e.method !== 8) throw new ZipFormatError(`unsupported compression for ${name}`);
    try {
      return inflateRawSync(raw, { maxOutputLength: MAX_PART_BYTES });
    } catch (err) {
      throw new ZipFormatError(`cannot inflate ${name}: ${(err as Error).message}`);
    }
  }
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
    const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
    entries.set(name, {
      name,
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
  }
  return entries;
}
