// The current staff member's unread count for the nav badge: fetched once, then refreshed only
// when the core says the inbox changed (no polling). In web mode a growing count also raises a
// browser notification, if the user allowed them (the desktop shell shows its own OS one).
import i18next from 'i18next';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../client/client';
import { browserNotificationsSupported } from '../../client/host';
import { useEvent } from '../../client/useEvent';
import './inboxMessages';

export interface Unread {
  count: number;
  capped: boolean;
}

/** The acting staff profile's id; null until known or when none is saved. */
export function useProfileId(): string | null {
  const [id, setId] = useState<string | null>(null);
  const load = useCallback(
    () =>
      void call('getProfile', {}).then(
        (p) => setId(p?.id ?? null),
        () => undefined,
      ),
    [],
  );
  useEffect(load, [load]);
  // Saving the profile may switch the acting user; the core reports it as an audit change.
  useEvent('dataChanged', (e) => e.collection === 'auditLogs' && load());
  return id;
}

async function notifyBrowser(added: number): Promise<void> {
  if (!browserNotificationsSupported() || Notification.permission !== 'granted') return;
  // The person is looking at the app already: the badge is enough.
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  const t = i18next.t.bind(i18next);
  const latest = await call('listNotifications', { cursor: null, numItems: 1, unreadOnly: true }).catch(() => null);
  const first = latest?.page[0];
  const title = added === 1 && first ? first.title : t('inbox.browser.newItems', { count: added });
  const note = new Notification(title, { body: added === 1 && first ? first.body.slice(0, 200) : undefined, tag: 'kafkasder-inbox' });
  note.onclick = () => {
    window.focus();
    window.location.hash = '#/inbox';
  };
}

export function useUnreadCount(): Unread | null {
  const me = useProfileId();
  const [unread, setUnread] = useState<Unread | null>(null);
  const latestRequest = useRef(0);
  const previous = useRef<number | null>(null);

  const refetch = useCallback(() => {
    // Only the newest answer counts: events can overtake slower replies.
    const ticket = ++latestRequest.current;
    call('unreadCount', {}).then(
      (u) => ticket === latestRequest.current && setUnread(u),
      () => undefined, // no profile yet, or the backend is away: keep the last count
    );
  }, []);

  useEffect(refetch, [refetch, me]);
  useEvent('notificationsChanged', (e) => {
    if (me !== null && e.recipientId !== me) return;
    if (e.unread !== undefined) {
      latestRequest.current++;
      setUnread({ count: e.unread, capped: false });
    } else refetch();
  });

  useEffect(() => {
    if (!unread) return;
    const before = previous.current;
    previous.current = unread.count;
    if (before !== null && unread.count > before) void notifyBrowser(unread.count - before);
  }, [unread]);

  return unread;
}
