// "Cannot reach the server" while the core's backend connection is down: the state comes with
// getAppInfo, then follows the connectionState event.
import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../../../shared/contract/events';
import { useEvent } from '../client/useEvent';

export function ConnectionBanner({ initial }: { initial: ConnectionStatus | undefined }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState(initial);
  useEffect(() => setStatus(initial), [initial]);
  useEvent('connectionState', setStatus);
  if (status?.state !== 'disconnected') return null;
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      title={t('banner.offline', { url: status.url ?? '' })}
      description={t('banner.offlineDetail')}
      style={{ marginBottom: 16 }}
    />
  );
}
