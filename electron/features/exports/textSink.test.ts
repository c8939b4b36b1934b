import { Writable } from 'node:stream';
import { expect, test } from 'vitest';
import { TextSink } from './textSink';

test('waits for drain when the stream is full, so at most one chunk is ever queued', async () => {
  let received = 0;
  let maxQueued = 0;
  const slow = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _enc, done) {
      received += chunk.length;
      setTimeout(done, 1);
    },
  });
  const sink = new TextSink(slow);
  const line = 'x'.repeat(1000);
  for (let i = 0; i < 1000; i++) {
    const full = sink.push(line);
    if (full) await full;
    maxQueued = Math.max(maxQueued, slow.writableLength);
  }
  await sink.end();
  expect(received).toBe(1_000_000);
  // One 64 K-character chunk at most waits in the stream's buffer.
  expect(maxQueued).toBeLessThanOrEqual(66 * 1024);
});

test('a stream error while waiting rejects instead of hanging', async () => {
  const broken = new Writable({
    highWaterMark: 1,
    write(_chunk, _enc, done) {
      setTimeout(() => done(new Error('disk full')), 1);
    },
  });
  broken.on('error', () => {});
  const sink = new TextSink(broken);
  await expect(sink.push('x'.repeat(70_000))).rejects.toThrow('disk full');
});
