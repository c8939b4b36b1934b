// "Download the error report": one button for the summary and the history list alike.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './importFormat';
import { openReport, revealReport } from './reportLink';

export function ReportButton({ runId, label, size }: { runId: string; label: string; size?: 'small' | 'middle' }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<{ path: string; fileId?: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await openReport(runId);
      if (r.kind === 'path') setShown({ path: r.path, ...(r.fileId ? { fileId: r.fileId } : {}) });
    } catch (err) {
      setError(errorText(err, i18n.language));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" size={4}>
      <Button icon={<DownloadOutlined />} size={size} loading={busy} onClick={() => void open()}>
        {label}
      </Button>
      {shown && (
        <Typography.Text>
          {t('import.summary.reportPath', { path: shown.path })}{' '}
          {shown.fileId && (
            <Button size="small" type="link" onClick={() => void revealReport(shown.fileId!)}>
              {t('import.summary.reveal')}
            </Button>
          )}
        </Typography.Text>
      )}
      {error && (
        <Typography.Text type="danger" role="alert">
          {t('import.error', { message: error })}
        </Typography.Text>
      )}
    </Space>
  );
}
