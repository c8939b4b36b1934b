import { getFunctionName } from 'convex/server';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Gateway } from '../../core/backend/gateway';
import { OutboxWorker } from './outboxWorker';

describe('outbox worker scheduling', () => {
  // A fake clock (timers and Date): the pauses are the worker's own, not waited out.
  afterEach(() => {
    vi.useRealTimers();
  });

  test('a due time the backend does not agree with yet is re-checked with a growing pause, not in a loop', async () => {
    vi.useFakeTimers();
    let claims = 0;
    // The backend's clock is behind: nextDue says "due a second ago" but claim finds nothing.
    const gateway = {
      kind: 'memory',
      query: async () => ({ at: null }),
      mutation: async (fn: unknown) => {
        if (getFunctionName(fn as never) === 'outbox:claim') claims++;
        return [];
      },
      action: async () => null,
      watch: (_fn: unknown, _args: unknown, onUpdate: (v: unknown) => void) => {
        onUpdate({ at: Date.now() - 1_000 });
        return () => undefined;
      },
      close: async () => undefined,
    } as unknown as Gateway;
    const outboxWorker = new OutboxWorker({ gateway, senders: () => ({ email: {} as never }), worker: 'w' });
    outboxWorker.start();
    // Immediately, then after 1 s: two passes in the first 1.8 s, not hundreds.
    await vi.advanceTimersByTimeAsync(1_800);
    expect(claims).toBe(2);
    // The pause doubles after each empty pass (1, 2, 4, 8, 16 s): passes at 0, 1, 3, 7, 15 and 31 s.
    await vi.advanceTimersByTimeAsync(60_000 - 1_800);
    expect(claims).toBe(6);
    await outboxWorker.stop();
  });
});
