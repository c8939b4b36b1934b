// The staff inbox: unread / all, filtered by kind, refreshed by the core's events (never polled).
// Opening an item shows it in a drawer and marks it read; each item shows how its e-mail / SMS
// copies fared.
import { BellOutlined, CheckOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Empty, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { notificationKind, type notificationView } from '../../../../shared/contract/messaging';
import { displayDateTime } from '../../../../shared/domain';
import { call, ClientError } from '../../client/client';
import { useEvent } from '../../client/useEvent';
import { DeliveryStates } from './DeliveryStates';
import { MessagingProblemAlert, useMessagingProblem } from '../../ui/sending/MessagingProblem';
import { NoSenderWarning, useSendingPcs } from '../../ui/sending/SendingPcs';
import './inboxMessages';
import { NewNotificationModal } from './NewNotificationModal';
import { SentNotifications } from './SentNotifications';
import { browserNotificationsSupported } from '../../client/host';
import { useProfileId } from './useUnreadCount';

type Notification = z.infer<typeof notificationView>;
type Kind = z.infer<typeof notificationKind>;
type Tab = 'unread' | 'all' | 'sent';

const PAGE = 20;
// Solid tags with white text: antd's pale preset tags fail WCAG AA contrast.
const STATUS_COLOR: Record<Notification['status'], string | undefined> = { beklemede: '#874d00', gonderildi: '#0958d9', okundu: undefined };

export function InboxPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const me = useProfileId();
  const [tab, setTab] = useState<Tab>('unread');
  const [kind, setKind] = useState<Kind | undefined>(undefined);
  const [limit, setLimit] = useState(PAGE);
  const [items, setItems] = useState<Notification[] | null>(null);
  const [isDone, setIsDone] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Notification | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [permission, setPermission] = useState(() => (browserNotificationsSupported() ? Notification.permission : 'denied'));
  const latestRequest = useRef(0);
  const errorText = (e: unknown) => (e instanceof ClientError ? e.localized(lang) : String(e));

  const load = useCallback(() => {
    if (tab === 'sent') return;
    const ticket = ++latestRequest.current;
    call('listNotifications', { cursor: null, numItems: limit, unreadOnly: tab === 'unread', ...(kind ? { kind } : {}) }).then(
      (res) => {
        if (ticket !== latestRequest.current) return;
        setItems(res.page);
        setIsDone(res.isDone);
        setError(null);
        // The drawer keeps showing the opened item; refresh it when the list has a newer copy.
        setSelected((s) => (s ? (res.page.find((n) => n.id === s.id) ?? s) : s));
      },
      (e: unknown) => ticket === latestRequest.current && setError(e instanceof ClientError ? e.localized(lang) : String(e)),
    );
  }, [limit, tab, kind, lang]);

  useEffect(load, [load]);
  useEvent('notificationsChanged', (e) => (me === null || e.recipientId === me) && load());
  useEvent('dataChanged', load);
  const messagingProblem = useMessagingProblem();
  const senders = useSendingPcs();
  // Channels of deliveries on this page still waiting: say so when no PC can send them now.
  const waitingChannels = [...new Set((items ?? []).flatMap((n) => n.deliveries.filter((d) => d.state === 'queued').map((d) => d.channel)))];

  const open = async (n: Notification) => {
    setSelected(n);
    if (n.status === 'okundu') return;
    try {
      const { changed } = await call('markRead', { id: n.id });
      if (changed) setSelected((s) => (s?.id === n.id ? { ...s, status: 'okundu', readAt: Date.now() } : s));
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const markAll = async () => {
    try {
      const { updated } = await call('markAllRead', {});
      void message.success(t('inbox.markedAll', { count: updated }));
      load();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const askPermission = async () => {
    // Only ever asked from this click, as browsers require and users expect.
    setPermission(await Notification.requestPermission());
  };

  return (
    <>
      <section aria-labelledby="inbox-title">
        <Typography.Title level={2} id="inbox-title">
          {t('inbox.title')}
        </Typography.Title>
        <Space wrap style={{ marginBottom: 8 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)}>
            {t('inbox.newNotification')}
          </Button>
          <Button icon={<CheckOutlined />} onClick={() => void markAll()}>
            {t('inbox.markAllRead')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={load}>
            {t('inbox.refresh')}
          </Button>
          {browserNotificationsSupported() && permission === 'default' && (
            <Button icon={<BellOutlined />} onClick={() => void askPermission()}>
              {t('inbox.browser.enable')}
            </Button>
          )}
          {browserNotificationsSupported() && permission === 'granted' && (
            <Typography.Text type="secondary">{t('inbox.browser.enabled')}</Typography.Text>
          )}
          {browserNotificationsSupported() && permission === 'denied' && (
            <Typography.Text type="secondary">{t('inbox.browser.denied')}</Typography.Text>
          )}
        </Space>
        <Space wrap align="center" style={{ display: 'flex', justifyContent: 'space-between' }}>
          <Tabs
            activeKey={tab}
            onChange={(k) => {
              setTab(k as Tab);
              setLimit(PAGE);
            }}
            items={[
              { key: 'unread', label: t('inbox.tabs.unread') },
              { key: 'all', label: t('inbox.tabs.all') },
              { key: 'sent', label: t('inbox.tabs.sent') },
            ]}
          />
          {tab !== 'sent' && (
            <Space>
              <label htmlFor="inbox-kind">{t('inbox.kindFilter')}</label>
              <Select
                id="inbox-kind"
                allowClear
                placeholder={t('inbox.allKinds')}
                value={kind}
                onChange={(v?: Kind) => {
                  setKind(v);
                  setLimit(PAGE);
                }}
                options={notificationKind.options.map((k) => ({ value: k, label: t(`inbox.kinds.${k}`) }))}
                style={{ width: 180 }}
              />
            </Space>
          )}
        </Space>

        <MessagingProblemAlert problem={messagingProblem} />
        <NoSenderWarning pcs={senders} channels={waitingChannels} />
        {tab === 'sent' && <SentNotifications />}
        {tab !== 'sent' && error && <Alert type="error" showIcon title={t('inbox.loadFailed', { message: error })} style={{ marginBottom: 12 }} />}
        {tab !== 'sent' && items === null && !error && <Spin aria-label={t('app.loading')} />}
        {tab !== 'sent' && items !== null && items.length === 0 && <Empty description={t(tab === 'unread' ? 'inbox.emptyUnread' : 'inbox.empty')} />}
        {tab !== 'sent' && items !== null && items.length > 0 && (
          <ul aria-label={t('inbox.title')} style={{ listStyle: 'none', padding: 0, margin: 0, maxWidth: 900 }}>
            {items.map((n) => (
              <li
                key={n.id}
                style={{
                  borderBottom: '1px solid rgba(5, 5, 5, 0.06)',
                  padding: '10px 4px',
                  background: n.status === 'okundu' ? undefined : 'rgba(11, 110, 79, 0.04)',
                }}
              >
                <Space size={8} wrap align="center">
                  <Tag>{t(`inbox.kinds.${n.kind}`)}</Tag>
                  <Button
                    type="link"
                    style={{ padding: 0, height: 'auto', fontWeight: n.status === 'okundu' ? 400 : 600 }}
                    aria-label={t('inbox.open', { title: n.title })}
                    onClick={() => void open(n)}
                  >
                    {n.title}
                  </Button>
                  <Tag color={STATUS_COLOR[n.status]}>{t(`inbox.statuses.${n.status}`)}</Tag>
                  <Typography.Text type="secondary">{displayDateTime(n.createdAt)}</Typography.Text>
                  {n.scheduledFor !== undefined && (
                    <Typography.Text type="secondary">
                      · {t('inbox.scheduledFor')}: {displayDateTime(n.scheduledFor)}
                    </Typography.Text>
                  )}
                </Space>
                <DeliveryStates deliveries={n.deliveries} />
              </li>
            ))}
          </ul>
        )}
        {tab !== 'sent' && items !== null && !isDone && (
          <Button style={{ marginTop: 12 }} onClick={() => setLimit((l) => Math.min(500, l + PAGE))}>
            {t('inbox.loadMore')}
          </Button>
        )}

        <Drawer
          open={selected !== null}
          onClose={() => setSelected(null)}
          title={selected?.title}
          closable={{ 'aria-label': t('inbox.close') }}
          destroyOnHidden
        >
          {selected && (
            <>
              <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
                <Descriptions.Item label={t('inbox.kindFilter')}>{t(`inbox.kinds.${selected.kind}`)}</Descriptions.Item>
                <Descriptions.Item label={t('inbox.status')}>
                  <Tag color={STATUS_COLOR[selected.status]}>{t(`inbox.statuses.${selected.status}`)}</Tag>
                </Descriptions.Item>
                <Descriptions.Item label={t('inbox.createdAt')}>{displayDateTime(selected.createdAt)}</Descriptions.Item>
                {selected.scheduledFor !== undefined && (
                  <Descriptions.Item label={t('inbox.scheduledFor')}>{displayDateTime(selected.scheduledFor)}</Descriptions.Item>
                )}
                {selected.sentAt !== undefined && <Descriptions.Item label={t('inbox.sentAt')}>{displayDateTime(selected.sentAt)}</Descriptions.Item>}
                {selected.readAt !== undefined && <Descriptions.Item label={t('inbox.readAt')}>{displayDateTime(selected.readAt)}</Descriptions.Item>}
              </Descriptions>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{selected.body}</Typography.Paragraph>
              <Typography.Title level={5}>{t('inbox.deliveries')}</Typography.Title>
              <DeliveryStates deliveries={selected.deliveries} detailed />
            </>
          )}
        </Drawer>
        <NewNotificationModal open={formOpen} onClose={() => setFormOpen(false)} />
      </section>
    </>
  );
}
