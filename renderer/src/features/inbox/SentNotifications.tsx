// "Gönderdiklerim": what the signed-in person assigned, to whom, and how far it got — read or not,
// and each e-mail / SMS copy's state. Refreshed by the same events as the inbox.
import { Alert, Button, Table, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { sentNotificationView } from '../../../../shared/contract/messaging';
import { displayDateTime } from '../../../../shared/domain';
import { call, ClientError } from '../../client/client';
import { useEvent } from '../../client/useEvent';
import { DeliveryStates } from './DeliveryStates';
import './inboxMessages';

type Sent = z.infer<typeof sentNotificationView>;
const PAGE = 20;

export function SentNotifications() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const [limit, setLimit] = useState(PAGE);
  const [items, setItems] = useState<Sent[] | null>(null);
  const [isDone, setIsDone] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const latestRequest = useRef(0);

  const load = useCallback(() => {
    const ticket = ++latestRequest.current;
    call('listSentNotifications', { cursor: null, numItems: limit }).then(
      (res) => {
        if (ticket !== latestRequest.current) return;
        setItems(res.page);
        setIsDone(res.isDone);
        setError(null);
      },
      (e: unknown) => ticket === latestRequest.current && setError(e instanceof ClientError ? e.localized(lang) : String(e)),
    );
  }, [limit, lang]);
  useEffect(load, [load]);
  // A recipient reading it, or a copy going out, changes what the assigner sees.
  useEvent('notificationsChanged', load);
  useEvent('dataChanged', load);

  return (
    <>
      {error && <Alert type="error" showIcon title={t('inbox.loadFailed', { message: error })} style={{ marginBottom: 12 }} />}
      <Table<Sent>
        aria-label={t('inbox.sent.label')}
        rowKey="id"
        size="small"
        loading={items === null && !error}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: t('inbox.sent.empty') }}
        style={{ maxWidth: 1100 }}
        columns={[
          { key: 'recipient', title: t('inbox.sent.recipient'), render: (_, n) => n.recipientName ?? t('inbox.sent.unknownRecipient') },
          {
            key: 'title',
            title: t('inbox.sent.title'),
            render: (_, n) => (
              <>
                <Tag>{t(`inbox.kinds.${n.kind}`)}</Tag>
                {n.title}
              </>
            ),
          },
          { key: 'createdAt', title: t('inbox.sent.createdAt'), render: (_, n) => displayDateTime(n.createdAt) },
          {
            key: 'read',
            title: t('inbox.sent.read'),
            render: (_, n) =>
              n.status === 'okundu' ? (
                <Tag color="#237804">
                  {t('inbox.sent.readYes')}
                  {n.readAt !== undefined ? ` · ${displayDateTime(n.readAt)}` : ''}
                </Tag>
              ) : (
                <Tag color="#874d00">{t('inbox.sent.readNo')}</Tag>
              ),
          },
          {
            key: 'deliveries',
            title: t('inbox.sent.deliveries'),
            render: (_, n) => (n.deliveries.length > 0 ? <DeliveryStates deliveries={n.deliveries} /> : '—'),
          },
        ]}
      />
      {items !== null && !isDone && (
        <Button style={{ marginTop: 12 }} onClick={() => setLimit((l) => Math.min(500, l + PAGE))}>
          {t('inbox.loadMore')}
        </Button>
      )}
    </>
  );
}
