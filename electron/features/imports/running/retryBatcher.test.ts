import { ConvexError } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { Batcher, jsonBytesUpperBound } from './batcher';
import { BackendFunctionError, BackendUnreachableError, ConnectionLostError } from '../../../core/backend/backendErrors';
import { backoffDelay, withRetry } from '../../../core/backend/retry';

describe('withRetry', () => {
  const lost = () => new ConnectionLostError('http://127.0.0.1:9', 'imports:ingestBatch');

  it('retries a dropped connection with full-jitter backoff and gives up after the last attempt', async () => {
    const delays: number[] = [];
    let calls = 0;
    const fn = async () => {
      calls++;
      throw lost();
    };
    await expect(withRetry(fn, { attempts: 6, baseMs: 100, maxMs: 1000, random: () => 0.5, sleep: async (ms) => void delays.push(ms) })).rejects.toBeInstanceOf(ConnectionLostError);
    expect(calls).toBe(6);
    expect(delays).toEqual([50, 100, 200, 400, 500]);
    expect(backoffDelay(10, 100, 1000, () => 0.999)).toBeLessThan(1000);
  });

  it('does not retry what the server decided, nor a server that stayed unreachable for the whole timeout', async () => {
    const failures = [
      new ConvexError({ code: 'batch_too_large' }),
      new BackendFunctionError('imports:ingestBatch', '[Request ID: 1] Server Error'),
      new BackendUnreachableError('http://127.0.0.1:9', 90_000),
      new Error('a bug, not a transport failure'),
    ];
    for (const failure of failures) {
      let calls = 0;
      await expect(withRetry(async () => { calls++; throw failure; }, { sleep: async () => undefined })).rejects.toBe(failure);
      expect(calls).toBe(1);
    }
  });

  it('returns as soon as an attempt succeeds', async () => {
    let calls = 0;
    expect(await withRetry(async () => (++calls < 3 ? Promise.reject(lost()) : 'ok'), { sleep: async () => undefined })).toBe('ok');
    expect(calls).toBe(3);
  });
});

describe('Batcher', () => {
  it('cuts by rows and by bytes, deterministically, numbering batches from 0', () => {
    const cut = () => {
      const b = new Batcher<number>(3, 300);
      const out: number[][] = [];
      for (let i = 0; i < 10; i++) {
        const closed = b.add({ rowNumber: i + 2, values: { fullName: i === 4 ? 'x'.repeat(150) : 'Ayşe' } }, i);
        if (closed) out.push(closed.extras);
      }
      const last = b.flush();
      if (last) out.push(last.extras);
      return out;
    };
    expect(cut()).toEqual([[0, 1, 2], [3], [4], [5, 6, 7], [8, 9]]);
    expect(cut()).toEqual(cut());
  });

  it('never undercounts the UTF-8 JSON size of a row', () => {
    const samples = ['Ayşe Yılmaz', 'İĞDIR ığdır', '"quoted" \\ back', '\u0000\u001f control', '😀 emoji', 'x'.repeat(500), ''];
    for (const text of samples) {
      const row = { rowNumber: 123456, values: { fullName: text, notes: text, monthlyIncome: 123456789 } };
      expect(jsonBytesUpperBound(row)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(row)) + 1);
    }
  });
});
