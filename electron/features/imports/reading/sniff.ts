import { open, stat } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { decode1254 } from './decode1254';
import { SourceError } from './sourceErrors';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1254';

export type Sniffed =
  | { kind: 'zip'; sizeBytes: number }
  | {
      kind: 'text';
      sizeBytes: number;
      encoding: TextEncoding;
      /** The text of the file's start: all of it for a file read whole, else of its first SAMPLE_TEXT_BYTES. */
      sample: string;
      wholeFile: boolean;
      /** The text of all the bytes read up front (SAMPLE_BYTES), for when the sample holds too few records. */
      longerSample: () => string;
    };

/** How much is read up front: enough for encoding and delimiter detection, small enough to be instant. */
const SAMPLE_BYTES = 1024 * 1024;
/**
 * How much of that is decoded at first: a hundred records or so, all the delimiter needs. Decoding
 * the whole megabyte took 35–40 ms of the first file opened (a new string's pages, the decoder's start).
 */
const SAMPLE_TEXT_BYTES = 64 * 1024;
const BINARY_WINDOW = 64 * 1024;
export const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Decides what a file is from its first bytes (never from its extension) and, for text, its
 * encoding and a decoded sample. Throws SourceError for everything we refuse up front.
 */
export async function sniffFile(file: string, maxBytes = DEFAULT_MAX_BYTES): Promise<Sniffed> {
  let sizeBytes: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new SourceError('unsupported', file, { reason: 'not a regular file', reasonTr: 'normal bir dosya değil' });
    sizeBytes = st.size;
  } catch (err) {
    if (err instanceof SourceError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new SourceError('not_found', file, {}, err);
    throw new SourceError('unsupported', file, { reason: `unreadable: ${code ?? 'unknown error'}`, reasonTr: 'okunamıyor' }, err);
  }
  if (sizeBytes === 0) throw new SourceError('empty', file);
  if (sizeBytes > maxBytes) throw new SourceError('too_large', file, { sizeBytes, maxBytes });

  const head = await readHead(file, Math.min(sizeBytes, SAMPLE_BYTES));
  const wholeFile = head.length >= sizeBytes;

  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'zip', sizeBytes };
  if (startsWith(head, CFB_MAGIC)) throw new SourceError('password_protected', file);
  // An empty ZIP or a spanned archive is still a ZIP, but never a workbook.
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06]) || startsWith(head, [0x50, 0x4b, 0x07, 0x08])) {
    throw new SourceError('unsupported', file, { reason: 'a ZIP archive, not a workbook', reasonTr: 'Excel çalışma kitabı değil, bir ZIP arşivi' });
  }

  const encoding = detectEncoding(head, wholeFile);
  if (encoding === null) throw new SourceError('unsupported', file, { reason: 'binary content, not text', reasonTr: 'metin değil, ikili içerik' });
  const sample = decodeSample(wholeFile ? head : head.subarray(0, SAMPLE_TEXT_BYTES), encoding, wholeFile);
  if (wholeFile && sample.trim() === '') throw new SourceError('empty', file);
  return { kind: 'text', sizeBytes, encoding, sample, wholeFile, longerSample: () => (head.length > SAMPLE_TEXT_BYTES ? decodeSample(head, encoding, false) : sample) };
}

async function readHead(file: string, length: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await fh.read(buf, got, length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return buf.subarray(0, got);
  } finally {
    await fh.close();
  }
}

function startsWith(buf: Buffer, magic: number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

/** BOM → strict UTF-8 → windows-1254; null when the bytes do not look like text at all. */
export function detectEncoding(head: Buffer, wholeFile: boolean): TextEncoding | null {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return 'utf-8-bom';
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be';
  if (looksBinary(head.subarray(0, BINARY_WINDOW))) return null;
  const end = wholeFile ? head.length : completeUtf8Length(head);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'windows-1254';
  }
}

/**
 * Text never has NUL bytes; C0 control characters other than TAB/LF/CR/FF/ESC are rare in text
 * and common in binary formats without NULs, so a few percent of them also means binary.
 */
function looksBinary(window: Buffer): boolean {
  let controls = 0;
  for (let i = 0; i < window.length; i++) {
    const b = window[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) controls++;
  }
  return controls > 8 && controls / window.length > 0.01;
}

/** Length of `buf` without a multibyte UTF-8 sequence that the sample cut in half. */
export function completeUtf8Length(buf: Buffer): number {
  const len = buf.length;
  for (let i = len - 1; i >= 0 && i >= len - 4; i--) {
    const b = buf[i]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    if (b < 0x80) return len;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return len - i < need ? i : len;
  }
  return len;
}

function decodeSample(head: Buffer, encoding: TextEncoding, wholeFile: boolean): string {
  switch (encoding) {
    case 'utf-8':
      return new TextDecoder('utf-8').decode(head.subarray(0, wholeFile ? head.length : completeUtf8Length(head)));
    case 'utf-8-bom':
      return new TextDecoder('utf-8').decode(head.subarray(3, wholeFile ? head.length : completeUtf8Length(head)));
    case 'utf-16le':
    case 'utf-16be': {
      // Drop a trailing odd byte; a split surrogate pair at the cut only costs one sample character.
      const even = head.subarray(2, head.length - (head.length % 2));
      return iconv.decode(even, encoding, { stripBOM: false });
    }
    case 'windows-1254':
      return decode1254(head);
  }
}
