// Files that travel through the web bridge: uploads are streamed to disk (never buffered whole)
// and named by a random id; downloads are files the core wrote and offers to the browser.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FileAccess } from '../services/core/services';

export const UPLOAD_PREFIX = 'upload:';

export class UploadStore implements FileAccess {
  private readonly uploads = new Map<string, { path: string; name: string }>();
  private readonly downloads = new Map<string, { path: string; name: string }>();

  constructor(
    private readonly dir: string,
    private readonly maxBytes = 1024 * 1024 * 1024,
  ) {}

  async receive(req: IncomingMessage, name: string): Promise<string> {
    const id = randomUUID();
    const folder = join(this.dir, id);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const safeName = basename(name).replace(/[\\/:*?"<>|\x00-\x1f]/g, '_') || 'upload';
    const path = join(folder, safeName);
    let size = 0;
    const limit = this.maxBytes;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) req.destroy(new Error(`upload larger than ${limit} bytes`));
    });
    await pipeline(req, createWriteStream(path, { mode: 0o600 }));
    this.uploads.set(id, { path, name: safeName });
    return UPLOAD_PREFIX + id;
  }

  /** Turns an upload reference into the file on disk, or undefined when it is not ours. */
  resolve(ref: string): { path: string; name: string } | undefined {
    if (!ref.startsWith(UPLOAD_PREFIX)) return undefined;
    return this.uploads.get(ref.slice(UPLOAD_PREFIX.length));
  }

  offerDownload(path: string, name: string): string {
    const id = randomUUID();
    this.downloads.set(id, { path, name });
    return id;
  }

  sendDownload(id: string, res: ServerResponse): void {
    const entry = this.downloads.get(id);
    if (!entry) {
      res.writeHead(404).end('no such download');
      return;
    }
    const encoded = encodeURIComponent(entry.name);
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(statSync(entry.path).size),
      'Content-Disposition': `attachment; filename="${encoded}"; filename*=UTF-8''${encoded}`,
    });
    createReadStream(entry.path).pipe(res);
  }
}
