// One notification's e-mail / SMS deliveries: a tag per channel and, when it went wrong, the
// reason in plain words (with the provider's own text as a secondary detail where it helps).
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { deliveryView } from '../../../../shared/contract/messaging';
import { explainDeliveryError } from '../../ui/sending/deliveryError';
import '../../ui/sending/sendingMessages';
import './inboxMessages';

type Delivery = z.infer<typeof deliveryView>;

// Solid tags with white text: antd's pale preset tags fail WCAG AA contrast.
const STATE_COLOR: Record<Delivery['state'], string | undefined> = {
  queued: undefined,
  sending: '#0958d9',
  sent: '#237804',
  failed: '#a8071a',
  skipped: '#874d00',
};

export function DeliveryError({ delivery, detailed }: { delivery: Delivery; detailed?: boolean }) {
  const { t } = useTranslation();
  if (!delivery.lastError) return null;
  const explained = explainDeliveryError(delivery.lastError, delivery.channel);
  // A delivery marked "skipped" already says "not configured"; the sentence would repeat it.
  if (delivery.state === 'skipped' && explained.key === 'not_configured' && !detailed) return null;
  return (
    <Typography.Text type={delivery.state === 'sent' ? 'warning' : 'danger'} style={{ display: 'block', fontSize: 13 }}>
      {t(`sending.channelNames.${delivery.channel}`)}: {t(`sending.errors.${explained.key}`, explained.params ?? {})}
      {detailed && explained.raw && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t('sending.technical', { raw: explained.raw })}
        </Typography.Text>
      )}
    </Typography.Text>
  );
}

export function DeliveryStates({ deliveries, detailed }: { deliveries: Delivery[]; detailed?: boolean }) {
  const { t } = useTranslation();
  if (deliveries.length === 0) {
    return detailed ? <Typography.Text type="secondary">{t('inbox.noDeliveries')}</Typography.Text> : null;
  }
  return (
    <div>
      <Space size={4} wrap>
        {deliveries.map((d) => (
          <Tag key={d.channel} color={STATE_COLOR[d.state]}>
            {t('inbox.deliveryLabel', { channel: t(`sending.channelNames.${d.channel}`), state: t(`inbox.deliveryStates.${d.state}`) })}
            {detailed && d.attempts > 0 ? ` · ${t('inbox.attempts', { count: d.attempts })}` : ''}
          </Tag>
        ))}
      </Space>
      {deliveries.map((d) => (
        <DeliveryError key={d.channel} delivery={d} detailed={detailed} />
      ))}
    </div>
  );
}
