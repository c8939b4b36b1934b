// The Inbox menu label with its live unread badge. The badge's digits are decoration; screen
// readers get the count as words inside the menu item's name instead.
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import './inboxMessages';
import { useUnreadCount } from './useUnreadCount';

const visuallyHidden: React.CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

export function InboxNavLabel({ label }: { label: string }) {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  const count = unread?.count ?? 0;
  return (
    <span>
      {label}
      {count > 0 && (
        <>
          <span aria-hidden="true" style={{ marginInlineStart: 8 }}>
            <Badge count={unread?.capped ? `${count}+` : count} overflowCount={999} size="small" color="#0b6e4f" />
          </span>
          <span style={visuallyHidden}>, {t(unread?.capped ? 'inbox.unreadBadgeCapped' : 'inbox.unreadBadge', { count })}</span>
        </>
      )}
    </span>
  );
}
