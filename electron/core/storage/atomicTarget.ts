// The export is written to a temporary file beside the target and renamed over it only when
// complete, so a cancelled or failed export leaves nothing at the target (and no temporary file).
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export class AtomicTarget {
  private constructor(
    readonly target: string,
    readonly tempPath: string,
    readonly stream: WriteStream,
  ) {}

  /** Opens the temporary file (in the target's folder, so the rename never crosses disks). */
  static async open(target: string): Promise<AtomicTarget> {
    const tempPath = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
    // Owner-only: an export is personal data (on Windows the user's profile ACL protects it).
    const stream = createWriteStream(tempPath, { flags: 'wx', mode: 0o600 });
    await once(stream, 'open');
    return new AtomicTarget(target, tempPath, stream);
  }

  /** After the writer ended the stream: moves the file into place (replacing an older one). */
  async commit(): Promise<void> {
    if (!this.stream.closed) await once(this.stream, 'close');
    await rename(this.tempPath, this.target);
  }

  /** Stops writing and removes the temporary file; the target is never touched. */
  async discard(): Promise<void> {
    // Writers (the XLSX zip) may still try to write after this; those errors are expected.
    this.stream.on('error', () => {});
    if (!this.stream.closed) {
      // Not events.once: it would reject on the very write errors ignored above.
      const closed = new Promise<void>((resolve) => this.stream.once('close', () => resolve()));
      this.stream.destroy();
      await closed;
    }
    await rm(this.tempPath, { force: true });
  }
}
