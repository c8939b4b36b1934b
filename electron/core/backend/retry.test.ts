import { ConvexError } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { BackendFunctionError, BackendUnreachableError, ConnectionLostError } from './backendErrors';
import { backoffDelay, withRetry } from './retry';

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
