// Keeps the renderer and the desktop shell in step with the current staff member's inbox: on
// every change of the unread count it emits `notificationsChanged`, sets the dock/taskbar badge
// and, when the count grows, shows an OS notification (desktop only; web mode has neither).
import { api } from '../../../convex/_generated/api';
import type { Id } from '../../../convex/_generated/dataModel';
import type { CoreServices } from '../core/services';

type Deps = Pick<CoreServices, 'gateway' | 'bus' | 'profileId' | 'hostCapabilities'>;

export interface InboxWatcher {
  /** Re-subscribes for the current profile (call after the profile changes). */
  refresh(): void;
  close(): void;
}

export function watchInbox(svc: Deps, labels = { title: 'Kafkasder', newItems: (n: number) => `${n} yeni bildirim` }): InboxWatcher {
  let stop: (() => void) | undefined;
  let watching: string | null = null;
  const refresh = () => {
    const id = svc.profileId();
    if (id === watching) return;
    stop?.();
    stop = undefined;
    watching = id;
    if (!id) return;
    let last: number | undefined;
    stop = svc.gateway.watch(
      api.notifications.unreadCount,
      { recipientId: id as Id<'users'> },
      ({ count }) => {
        svc.bus.emit('notificationsChanged', { recipientId: id, unread: count });
        svc.hostCapabilities.setBadgeCount?.(count);
        if (last !== undefined && count > last) svc.hostCapabilities.notify?.(labels.title, labels.newItems(count - last));
        last = count;
      },
      () => undefined, // a failed refresh keeps the last count; the next change retries
    );
  };
  refresh();
  return {
    refresh,
    close: () => {
      stop?.();
      stop = undefined;
      watching = null;
    },
  };
}
