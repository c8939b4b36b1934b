import { getFunctionName } from 'convex/server';
import { describe, expect, test } from 'vitest';
import type { Gateway } from '../../core/backend/gateway';
import { OutboxWorker } from './outboxWorker';

describe('outbox worker scheduling', () => {
  test('a due time the backend does not agree with yet is re-checked with a growing pause, not in a loop', async () => {
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
    await new Promise((r) => setTimeout(r, 1_800));
    await outboxWorker.stop();
    // Immediately, then after 1 s: two or three passes, not hundreds.
    expect(claims).toBeGreaterThanOrEqual(1);
    expect(claims).toBeLessThanOrEqual(3);
  });
});
