// Keeps the renderer and the desktop shell in step with the current staff member's inbox: on
// every change of the unread count it emits `notificationsChanged`, sets the dock/taskbar badge
// and, when the count grows, shows an OS notification (desktop only; web mode has neither).
import { api } from '../../../convex/_generated/api';
import type { CoreServices } from '../../core/services';

type Deps = Pick<CoreServices, 'gateway' | 'bus' | 'profileId' | 'hostCapabilities'>;

export interface InboxWatcher {
  /** Re-subscribes for the signed-in person (call after sign-in or sign-out). */
  refresh(): void;
  close(): void;
}

/** As many items as the inbox page shows first. */
const INBOX_PAGE = 20;

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
    // Delivery states (queued → sent/failed) change without changing the unread count: follow the
    // first page of the inbox too, so open pages refresh when a delivery settles.
    const stopPage = svc.gateway.watch(
      api.notifications.list,
      { paginationOpts: { cursor: null, numItems: INBOX_PAGE } },
      () => svc.bus.emit('notificationsChanged', { recipientId: id, ...(last !== undefined ? { unread: last } : {}) }),
      () => undefined,
    );
    const stopCount = svc.gateway.watch(
      api.notifications.unreadCount,
      {},
      ({ count }) => {
        svc.bus.emit('notificationsChanged', { recipientId: id, unread: count });
        svc.hostCapabilities.setBadgeCount?.(count);
        if (last !== undefined && count > last) svc.hostCapabilities.notify?.(labels.title, labels.newItems(count - last));
        last = count;
      },
      () => undefined, // a failed refresh keeps the last count; the next change retries
    );
    stop = () => {
      stopPage();
      stopCount();
    };
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
