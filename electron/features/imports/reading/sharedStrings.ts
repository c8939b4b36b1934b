// A workbook's shared-strings table, read lazily as the sheet needs it and kept compactly: the
// strings' UTF-8 bytes in 1 MiB pages and 4 bytes each for where it starts, decoded when a cell
// asks. A sheet that uses a string per cell (TC numbers, phones, e-mails kept as text) makes this
// table as big as the sheet (a million rows: ~55 MB of text); as JavaScript strings it took about
// 40 bytes a string more. So only the newest pages stay in memory: rows mostly ask for strings
// just read (writers list strings in the order the sheet first uses them), older pages go to a
// spill file, and so do the offsets of their strings; a string there costs a few small reads
// (see SpillFile).
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GT, LT, SLASH, bytesAt, findByte, isNameByte, rootPrefix, runsText, tagBytes } from './xmlBytes';

/** Hard limits, so a hostile table cannot take the memory: refused beyond them. */
export const MAX_SHARED_STRINGS = 8 * 1024 * 1024;
export const MAX_SHARED_STRING_BYTES = 160 * 1024 * 1024;

/**
 * A string's bytes kept at most: more than any cell may hold (32,767 characters take at most
 * 3 bytes each), so a longer one is still refused by the sheet's reader, naming the cell,
 * without holding it whole.
 */
const MAX_KEPT_STRING_BYTES = 4 * 32_768;
/** One <si>'s XML: beyond this its text is surely over a cell's limit; the rest of it is skipped, not held. */
const MAX_SI_XML_BYTES = 1024 * 1024;
/** Stands for a string skipped as too long: longer than a cell may be, so a cell using it is refused. */
const OVERLONG = 'x'.repeat(MAX_KEPT_STRING_BYTES);

export class SharedStringsLimitError extends Error {
  readonly messageTr: string;
  constructor(
    readonly limit: 'count' | 'bytes',
    max: number,
  ) {
    const mib = Math.round((max / 1024 / 1024) * 10) / 10;
    super(
      limit === 'count'
        ? `the shared strings table holds more than ${max.toLocaleString('en')} strings`
        : `the shared strings table holds more than ${mib} MiB of text`,
    );
    this.messageTr =
      limit === 'count' ? `ortak metin tablosunda ${max.toLocaleString('tr')} metinden fazlası var` : `ortak metin tablosunda ${mib} MiB'den fazla metin var`;
  }
}

/** At most about 3 MB of decoded strings kept. */
const DECODED_STRINGS = 1 << 16;
const PAGE_BYTES = 1 << 20;
const PAGE_SHIFT = 20;
const BLOCK_SHIFT = 16;
const BLOCK = 1 << BLOCK_SHIFT;
const MAX_PAGES = 4096;
/**
 * Pages kept in memory. A 100k-row sheet's table (~6 MB) stays whole; a million rows' would be
 * ~70 MB with its offsets, which made peak memory grow with the file (issue #14).
 */
const MEMORY_PAGES = 8;
/** Strings read back from the spill file, kept decoded: a value repeated late in the table. */
const SPILLED_DECODED = 1 << 14;

/**
 * Pages of the table no longer kept in memory, written to a file nobody else can open (its name
 * is removed at once where the system allows; else when the table closes). Synchronous: a write
 * is one page now and then, a read one string, both off the page cache.
 */
class SpillFile {
  private size = 0;
  private constructor(
    private readonly dir: string,
    private readonly fd: number,
  ) {}

  static create(): SpillFile {
    const dir = mkdtempSync(join(tmpdir(), 'kafkasder-strings-'));
    let fd: number;
    try {
      fd = openSync(join(dir, 'pages'), 'w+', 0o600);
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Windows keeps an open file's name: it goes in close().
    }
    return new SpillFile(dir, fd);
  }

  /** Appends bytes; returns where they start in the file. */
  write(bytes: Uint8Array): number {
    const at = this.size;
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, at + done);
    this.size += bytes.length;
    return at;
  }

  read(at: number, length: number): Buffer {
    return this.readInto(at, Buffer.allocUnsafe(length));
  }

  readInto<T extends Uint8Array>(at: number, out: T, length = out.length): T {
    for (let done = 0; done < length; ) {
      const n = readSync(this.fd, out, done, length - done, at + done);
      if (n === 0) throw new Error('shared strings: the spill file ends early');
      done += n;
    }
    return out;
  }

  close(): void {
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true }); // where the name could not go while open
  }
}

/**
 * One piece of the spill file kept in memory while it is asked for again and again: read whole
 * after HOT_ASKS asks in a row for the same piece (rows that use old strings in the table's
 * order), hardly ever for asks that jump about (a sorted sheet), which read just the bytes they need.
 */
const HOT_ASKS = 16;

class HotSpot<T> {
  private key = -1;
  private asks = 0;
  private value: T | null = null;

  get(key: number, load: () => T): T | null {
    if (key === this.key) {
      if (this.value === null && ++this.asks >= HOT_ASKS) this.value = load();
      return this.value;
    }
    this.key = key;
    this.asks = 1;
    this.value = null;
    return null;
  }
}

export class SharedStrings {
  /** Pages in memory; null for a page in the spill file. */
  private pages: (Buffer | null)[] = [];
  /** Bytes used in each page: where its last string ends. */
  private pageUsed: number[] = [];
  /** Per page in the spill file: where it starts there. */
  private spilledAt: number[] = [];
  /** The pages still in memory, oldest first. */
  private kept: number[] = [];
  private spill: SpillFile | null = null;
  /** The spill file could not be made or written: everything stays in memory, as before. */
  private spillFailed = false;
  private readonly spilledDecoded = new Map<number, string>();
  /** A spilled page, and a block of spilled starts, read back whole once asked for in a row (see nearSpilled). */
  private readonly hotPage = new HotSpot<Buffer>();
  private readonly hotStarts = new HotSpot<Uint32Array>();
  /** The last starts read from the spill file; [1] is the start of string startRead (or -1). */
  private readonly scratch = new Uint32Array(2);
  private readonly scratchBytes = new Uint8Array(this.scratch.buffer);
  private startRead = -1;
  private page: Buffer | null = null;
  /**
   * Per string, page << 20 | offset, in blocks (no copying as the table grows). A string ends
   * where the next one starts in the same page, or at its page's end: strings are only appended.
   */
  private starts: (Uint32Array | null)[] = [];
  /** Per block of starts in the spill file: where it starts there. */
  private startsAt: number[] = [];
  /** Blocks before this one are in the spill file. */
  private startsSpilled = 0;
  private bytes = 0;
  /** The first strings, decoded once: tables list a column's repeated values (cities, statuses) first. */
  private readonly decoded: string[] = [];
  count = 0;
  private done: boolean;
  private carry: Buffer | null = null;
  /** Inside an <si> too long to hold: bytes are dropped until its end. */
  private skipping = false;
  private prefix: string | null = null;
  private patterns: { open: Uint8Array; close: Uint8Array; t: Uint8Array; tClose: Uint8Array } | null = null;

  /** `source`: the inflated bytes of sharedStrings.xml, or null for a workbook without one. */
  constructor(
    private readonly source: AsyncIterator<Buffer> | null,
    private readonly limits: { strings: number; bytes: number; memoryPages?: number } = { strings: MAX_SHARED_STRINGS, bytes: MAX_SHARED_STRING_BYTES },
  ) {
    this.done = source === null;
  }

  /** The string at index, or null when the table has none there (as Excel shows an empty cell). */
  get(index: number): string | null {
    if (!(index >= 0 && index < this.count)) return null;
    if (index < DECODED_STRINGS) return (this.decoded[index] ??= this.decode(index));
    return this.decode(index);
  }

  private decode(index: number): string {
    const known = this.spilledDecoded.size > 0 ? this.spilledDecoded.get(index) : undefined;
    if (known !== undefined) return known;
    const w = this.startOf(index);
    const pageIndex = w >>> PAGE_SHIFT;
    const start = w & (PAGE_BYTES - 1);
    const next = index + 1 >= this.count ? -1 : this.startRead === index + 1 ? (this.scratch[1] as number) : this.startOf(index + 1);
    const end = next !== -1 && next >>> PAGE_SHIFT === pageIndex ? next & (PAGE_BYTES - 1) : (this.pageUsed[pageIndex] as number);
    const page = this.pages[pageIndex] ?? this.hotPage.get(pageIndex, () => this.spill!.read(this.spilledAt[pageIndex] as number, this.pageUsed[pageIndex] as number));
    if (page) return page.toString('utf8', start, end);
    const text = this.spill!.read((this.spilledAt[pageIndex] as number) + start, end - start).toString('utf8');
    if (this.spilledDecoded.size >= SPILLED_DECODED) this.spilledDecoded.clear();
    this.spilledDecoded.set(index, text);
    return text;
  }

  private startOf(index: number): number {
    const b = index >>> BLOCK_SHIFT;
    const block = this.starts[b] ?? this.hotStarts.get(b, () => this.readBlock(b));
    if (block) return block[index & (BLOCK - 1)] as number;
    // Read with the next string's start when it is in the same block: decode asks for it next.
    const i = index & (BLOCK - 1);
    const n = i + 1 < BLOCK && index + 1 < this.count ? 2 : 1;
    this.spill!.readInto((this.startsAt[b] as number) + i * 4, this.scratchBytes, n * 4); // this machine's byte order, as written
    this.startRead = n === 2 ? index + 1 : -1;
    return this.scratch[0] as number;
  }

  private readBlock(b: number): Uint32Array {
    const block = new Uint32Array(BLOCK);
    this.spill!.readInto(this.startsAt[b] as number, new Uint8Array(block.buffer));
    return block;
  }

  /** Reads on until the string at `index` is known, or the table ends. */
  async ensure(index: number): Promise<void> {
    while (index >= this.count && !this.done) {
      const next = await this.source!.next();
      if (next.done) {
        this.done = true;
        if (this.carry) this.scan(this.carry, true);
        this.carry = null;
      } else {
        let b = this.carry ? Buffer.concat([this.carry, next.value]) : next.value;
        if (this.skipping) {
          const close = this.patterns!.close;
          const end = b.indexOf(close);
          if (end === -1) {
            this.carry = Buffer.from(b.subarray(Math.max(0, b.length - close.length)));
            continue;
          }
          this.skipping = false;
          b = b.subarray(end + close.length);
        }
        const rest = this.scan(b, false);
        this.carry = rest < b.length ? Buffer.from(b.subarray(rest)) : null;
        if (this.carry && this.carry.length > MAX_SI_XML_BYTES && this.patterns) {
          // One string's XML past any cell's length: counted as a too-long string, the rest skipped.
          this.addString(OVERLONG);
          this.skipping = true;
          this.carry = null;
        }
      }
    }
  }

  /** Stops reading the table (its inflater and file reads) and drops its spill file. */
  async close(): Promise<void> {
    this.done = true;
    const spill = this.spill;
    this.spill = null;
    this.spillFailed = true; // nothing is read from it any more
    try {
      spill?.close();
    } finally {
      await this.source?.return?.(undefined);
    }
  }

  /** Adds every whole <si> of b; returns where the first unfinished one starts. */
  private scan(b: Buffer, final: boolean): number {
    if (this.prefix === null) {
      const p = rootPrefix(b) ?? (final ? '' : null);
      if (p === null) return 0; // the root element's name is not all here yet
      this.prefix = p;
      this.patterns = { open: tagBytes(`<${p}si`), close: tagBytes(`</${p}si>`), t: tagBytes(`<${p}t`), tClose: tagBytes(`</${p}t></${p}si>`) };
    }
    const { open, close, t, tClose } = this.patterns!;
    let i = 0;
    for (;;) {
      const lt = findByte(b, LT, i, b.length);
      if (lt === -1) return b.length;
      if (!final && lt + open.length >= b.length) return lt; // too little left to tell what this tag is
      if (!bytesAt(b, lt, open) || isNameByte(b[lt + open.length])) {
        i = lt + 1;
        continue;
      }
      const gt = findByte(b, GT, lt + open.length, b.length);
      if (gt === -1) return final ? b.length : lt;
      if (b[gt - 1] === SLASH) {
        this.addBytes(b, 0, 0); // <si/>: an empty string
        i = gt + 1;
        continue;
      }
      // The common case: <si><t>text</t></si> (or <t xml:space="preserve">) without entities.
      if (bytesAt(b, gt + 1, t) && !isNameByte(b[gt + 1 + t.length])) {
        const tgt = findByte(b, GT, gt + 1 + t.length, b.length);
        if (tgt !== -1 && b[tgt - 1] !== SLASH) {
          const end = findByte(b, LT, tgt + 1, b.length);
          if (end !== -1 && bytesAt(b, end, tClose) && findByte(b, 0x26, tgt + 1, end) === -1) {
            this.addBytes(b, tgt + 1, end);
            i = end + tClose.length;
            continue;
          }
        }
      }
      const end = b.indexOf(close, gt + 1);
      if (end === -1) return final ? b.length : lt;
      this.addString(runsText(b, gt + 1, end, this.prefix));
      i = end + close.length;
    }
  }

  private addString(s: string): void {
    const buf = Buffer.from(s, 'utf8');
    this.addBytes(buf, 0, buf.length);
  }

  private addBytes(b: Buffer, from: number, fullTo: number): void {
    const to = Math.min(fullTo, from + MAX_KEPT_STRING_BYTES);
    const n = to - from;
    if (this.count >= this.limits.strings) throw new SharedStringsLimitError('count', this.limits.strings);
    this.bytes += n;
    if (this.bytes > this.limits.bytes) throw new SharedStringsLimitError('bytes', this.limits.bytes);
    // A kept string (at most MAX_KEPT_STRING_BYTES) always fits a page.
    if (!this.page || (this.pageUsed[this.pages.length - 1] as number) + n >= PAGE_BYTES) {
      this.page = Buffer.allocUnsafe(PAGE_BYTES);
      this.pageUsed[this.newPage(this.page)] = 0;
    }
    const pageIndex = this.pages.length - 1;
    const offset = this.pageUsed[pageIndex] as number;
    b.copy(this.page, offset, from, to);
    this.pageUsed[pageIndex] = offset + n;
    const block = this.count >>> BLOCK_SHIFT;
    if (block === this.starts.length) this.starts.push(new Uint32Array(BLOCK));
    (this.starts[block] as Uint32Array)[this.count & (BLOCK - 1)] = ((pageIndex << PAGE_SHIFT) | offset) >>> 0;
    this.count++;
  }

  private newPage(page: Buffer): number {
    if (this.pages.length >= MAX_PAGES) throw new SharedStringsLimitError('bytes', this.limits.bytes);
    this.pages.push(page);
    this.kept.push(this.pages.length - 1);
    // The page before this one is full now: the oldest kept pages may go.
    while (this.kept.length > (this.limits.memoryPages ?? MEMORY_PAGES) && !this.spillFailed) this.spillPage(this.kept.shift()!);
    return this.pages.length - 1;
  }

  /** Full blocks of starts whose strings are all in spilled pages follow them (a page's strings are the ones after the last page's). */
  private spillStarts(): void {
    for (;;) {
      const b = this.startsSpilled;
      const block = this.starts[b];
      if (!block || this.count < (b + 1) * BLOCK || this.pages[(block[BLOCK - 1] as number) >>> PAGE_SHIFT] !== null) return;
      this.startsAt[b] = this.spill!.write(new Uint8Array(block.buffer, block.byteOffset, block.byteLength));
      this.starts[b] = null;
      this.startsSpilled++;
    }
  }

  private spillPage(pageIndex: number): void {
    const page = this.pages[pageIndex] as Buffer;
    try {
      this.spill ??= SpillFile.create();
      this.spilledAt[pageIndex] = this.spill.write(page.subarray(0, this.pageUsed[pageIndex]));
    } catch {
      // No room on disk or no temp folder: keep the table in memory rather than fail the read.
      this.spillFailed = true;
      this.kept.unshift(pageIndex);
      return;
    }
    this.pages[pageIndex] = null;
    try {
      this.spillStarts();
    } catch {
      this.spillFailed = true; // the block that failed stays in memory
    }
  }
}
