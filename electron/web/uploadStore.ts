// Files that travel through the web bridge: uploads are streamed to disk (never buffered whole)
// and named by a random id; downloads are files the core wrote and offers to the browser.
// Personal data goes as soon as it is used: an upload once its import completed, an export once
// it was downloaded (the rest goes with the session folder, or by core/retention.ts).
// An upload is written under a temporary name and appears only once it is complete: one that is
// too large or breaks off leaves nothing behind.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { FileAccess, FileUse } from '../core/services';
import { BridgeError } from './bridgeError';

export const UPLOAD_PREFIX = 'upload:';
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

const tooLarge = (limit: number) =>
  new BridgeError(
    413,
    'upload_too_large',
    `The file is larger than ${Math.round(limit / 1024 / 1024)} MiB`,
    `Dosya ${Math.round(limit / 1024 / 1024)} MiB sınırından büyük`,
  );

/** A file name as the browser gives it (File.name): one plain name, never a path or . / .. */
export function uploadName(raw: string): string {
  const name = raw.replace(/[:*?"<>|\x00-\x1f]/g, '_').trim();
  if (name === '' || name === '.' || name === '..' || /[\\/]/.test(name) || name.length > 255) {
    throw new BridgeError(400, 'bad_file_name', `Not a file name: ${JSON.stringify(raw.slice(0, 80))}`, `Geçersiz dosya adı: ${JSON.stringify(raw.slice(0, 80))}`);
  }
  return name;
}

/**
 * Streams the request body to `file`. Past `limit` bytes it stops writing and drains the rest
 * unread (the socket stays up, so the 413 still reaches the browser); a body that breaks off
 * before its end is refused too. Either way the caller deletes the partial file.
 */
function saveBody(req: IncomingMessage, file: string, limit: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(file, { mode: 0o600 });
    let size = 0;
    let failed = false;
    const fail = (err: BridgeError) => {
      if (failed) return;
      failed = true;
      req.unpipe(out);
      req.resume();
      out.destroy();
      reject(err);
    };
    const incomplete = () => new BridgeError(400, 'upload_incomplete', 'The upload broke off before it was complete', 'Dosya yüklemesi tamamlanmadan kesildi');
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) fail(tooLarge(limit));
    });
    req.on('error', () => fail(incomplete()));
    req.on('close', () => {
      if (!req.complete) fail(incomplete());
    });
    out.on('error', () => fail(new BridgeError(500, 'upload_not_saved', 'The upload could not be saved', 'Yüklenen dosya kaydedilemedi')));
    out.on('finish', () => {
      if (!failed) resolve();
    });
    req.pipe(out);
  });
}

export class UploadStore implements FileAccess {
  private readonly uploads = new Map<string, { path: string; name: string }>();
  private readonly downloads = new Map<string, { path: string; name: string; removeAfterDownload: boolean }>();

  constructor(
    private readonly dir: string,
    private readonly maxBytes = MAX_UPLOAD_BYTES,
  ) {}

  /** Refuses a declared over-size body before a byte of it is read. */
  checkDeclaredSize(req: IncomingMessage): void {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxBytes) throw tooLarge(this.maxBytes);
  }

  async receive(req: IncomingMessage, rawName: string): Promise<string> {
    const name = uploadName(rawName);
    this.checkDeclaredSize(req);
    const id = randomUUID();
    const folder = join(this.dir, id);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const path = join(folder, name);
    const partial = join(folder, '.partial');
    try {
      await saveBody(req, partial, this.maxBytes);
      renameSync(partial, path);
    } catch (err) {
      rmSync(folder, { recursive: true, force: true });
      throw err;
    }
    this.uploads.set(id, { path, name });
    return UPLOAD_PREFIX + id;
  }

  /** Turns an upload id into the file on disk, or undefined when it is not ours (uploads are only read). */
  resolve(ref: string, use: FileUse = 'read'): { path: string; name: string } | undefined {
    if (use !== 'read' || !ref.startsWith(UPLOAD_PREFIX)) return undefined;
    return this.uploads.get(ref.slice(UPLOAD_PREFIX.length));
  }

  /** Deletes an upload the core is done with. */
  release(ref: string): void {
    const id = ref.startsWith(UPLOAD_PREFIX) ? ref.slice(UPLOAD_PREFIX.length) : undefined;
    const upload = id === undefined ? undefined : this.uploads.get(id);
    if (!upload || id === undefined) return;
    this.uploads.delete(id);
    rmSync(join(this.dir, id), { recursive: true, force: true });
  }

  offerDownload(path: string, name: string, options: { removeAfterDownload?: boolean } = {}): string {
    const id = randomUUID();
    this.downloads.set(id, { path, name, removeAfterDownload: options.removeAfterDownload ?? false });
    return id;
  }

  sendDownload(id: string, res: ServerResponse): void {
    const entry = this.downloads.get(id);
    if (!entry) throw new BridgeError(404, 'no_download', 'No such download', 'Böyle bir indirme yok');
    const encoded = encodeURIComponent(entry.name);
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(statSync(entry.path).size),
      'Content-Disposition': `attachment; filename="${encoded}"; filename*=UTF-8''${encoded}`,
    });
    const stream = createReadStream(entry.path);
    stream.pipe(res);
    if (!entry.removeAfterDownload) return;
    // Sent in full: the file was only there to be downloaded. A broken-off download can be retried.
    res.once('finish', () => {
      this.downloads.delete(id);
      rmSync(entry.path, { force: true });
    });
  }
}
