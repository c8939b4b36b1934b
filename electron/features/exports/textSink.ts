// Text written to a stream in chunks of about 64 KB, waiting for 'drain' whenever write() says
// the stream is full, so a slow disk slows the export instead of filling memory.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

const CHUNK_CHARS = 64 * 1024;

export class TextSink {
  private parts: string[] = [];
  private size = 0;

  constructor(
    private readonly out: Writable,
    private readonly signal?: AbortSignal,
  ) {}

  /** Queues text; returns a promise only when a chunk had to be written (await it then). */
  push(text: string): Promise<void> | undefined {
    this.parts.push(text);
    this.size += text.length;
    return this.size >= CHUNK_CHARS ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.out.write(chunk, 'utf8')) await waitForDrain(this.out, this.signal);
  }

  /** Writes what is left and ends the stream; resolves once the data has reached the file. */
  async end(): Promise<void> {
    await this.flush();
    this.out.end();
    await finished(this.out);
  }
}

/** Resolves on 'drain' (at once if the stream is not full); rejects on a stream error or abort. */
export async function waitForDrain(out: Writable, signal?: AbortSignal): Promise<void> {
  if (!out.writableNeedDrain) return;
  await once(out, 'drain', signal ? { signal } : {});
}
