// Which PCs can send e-mail and SMS now (their heartbeats, as the core reads them), and the
// warning the inbox and bulk send show before sending while no PC can send a channel: the
// messages then wait, they are never skipped.
import { Alert, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { deliveryChannel, messagingChannels } from '../../../../shared/contract/messaging';
import { call } from '../../client/client';
import { useEvent } from '../../client/useEvent';
import { DELIVERY_CHANNELS, displayDateTime } from '../../../../shared/domain';
import './sendingMessages';

type Channel = z.infer<typeof deliveryChannel>;
export type SendingPcs = z.infer<(typeof messagingChannels)['sendingPcs']['output']>;

/** A PC drops out when its heartbeat ages, so the list is read again now and then. */
const REFRESH_MS = 30_000;

/** The sending PCs, read at mount, every REFRESH_MS and whenever the signed-in person changes. */
export function useSendingPcs(): SendingPcs | null {
  const [pcs, setPcs] = useState<SendingPcs | null>(null);
  const load = useCallback(() => {
    void call('sendingPcs', {}).then(setPcs, () => setPcs(null));
  }, []);
  useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  useEvent('authChanged', load);
  return pcs;
}

/** One warning per channel that no PC can send now; nothing while the list is unknown. */
export function NoSenderWarning({ pcs, channels }: { pcs: SendingPcs | null; channels: readonly Channel[] }) {
  const { t } = useTranslation();
  if (!pcs) return null;
  const missing = channels.filter((c) => !pcs.canSend[c]);
  return (
    <>
      {missing.map((c) => (
        <Alert key={c} role="alert" type="warning" showIcon title={t(`sending.noPc.${c}`)} style={{ marginBottom: 12 }} data-testid={`no-sender-${c}`} />
      ))}
    </>
  );
}

/** Settings: every PC that said it can send, on or off, with who is signed in there. */
export function SendingPcsList() {
  const { t } = useTranslation();
  const pcs = useSendingPcs();
  return (
    <section aria-label={t('sending.title')} style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t('sending.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('sending.help')}</Typography.Paragraph>
      <NoSenderWarning pcs={pcs} channels={DELIVERY_CHANNELS} />
      <Table
        size="small"
        rowKey={(r) => `${r.name}-${r.lastSeen}`}
        pagination={false}
        dataSource={pcs?.pcs ?? []}
        locale={{ emptyText: t('sending.none') }}
        columns={[
          { title: t('sending.pc'), render: (_, r) => `${r.name}${r.thisPc ? ` ${t('sending.thisPc')}` : ''}` },
          { title: t('sending.person'), dataIndex: 'userName' },
          { title: t('sending.channels'), render: (_, r) => r.channels.map((c) => <Tag key={c}>{t(`sending.channelNames.${c}`)}</Tag>) },
          {
            title: t('sending.lastSeen'),
            render: (_, r) => (
              <>
                <Tag color={r.online ? '#237804' : undefined}>{t(r.online ? 'sending.online' : 'sending.offline')}</Tag>
                {displayDateTime(r.lastSeen)}
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
