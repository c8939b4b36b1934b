import { describe, expect, test, vi } from 'vitest';
import { api } from '../../../convex/_generated/api';
import { EventBus } from '../../core/eventBus';
import { watchInbox } from './inboxWatcher';
import { backendWithUser } from './messaging.test-util';

describe('inbox watcher', () => {
  test('emits notificationsChanged, sets the badge and notifies when new items arrive', async () => {
    const { gateway, userId } = await backendWithUser({ name: 'Ayşe' });
    const bus = new EventBus();
    const events: unknown[] = [];
    bus.subscribe((name, payload) => events.push({ name, payload }));
    const badge: number[] = [];
    const shown: string[] = [];
    const watcher = watchInbox({
      gateway,
      bus,
      profileId: () => userId,
      hostCapabilities: { setBadgeCount: (n) => badge.push(n), notify: (_t, body) => shown.push(body) },
    });
    await vi.waitFor(() => expect(badge).toEqual([0]));
    const id = await gateway.mutation(api.notifications.create, { recipientId: userId, kind: 'gorev', title: 'İğdır', body: '' });
    await vi.waitFor(() => expect(badge).toEqual([0, 1]));
    expect(shown).toEqual(['1 yeni bildirim']);
    await gateway.mutation(api.notifications.markRead, { id });
    await vi.waitFor(() => expect(badge).toEqual([0, 1, 0]));
    expect(shown).toHaveLength(1);
    expect(events.at(-1)).toEqual({ name: 'notificationsChanged', payload: { recipientId: userId, unread: 0 } });
    watcher.close();
    await gateway.close();
  });
});
