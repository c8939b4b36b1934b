// A person's access export (KVKK Art. 11), on their record's page and on their request's page:
// JSON plus a readable HTML page in the UI's language, written owner-only by the core and audited
// by the server. Desktop: saved where the user chose, shown in the file manager. Web: downloads.
import { DownloadOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { kvkkChannels } from '../../../../shared/contract/kvkk';
import { call, ClientError } from '../../client/client';
import { downloadHref } from '../../client/host';
import { formatCount } from '../../ui/format';
import { todayIso } from './days';
import './kvkkMessages';

type Result = z.infer<(typeof kvkkChannels)['exportPerson']['output']>;

export function PersonExport({ nationalId, requestId }: { nationalId: string; requestId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      // No user text in the file name: the person's name stays out of folder listings.
      const picked = await call('pickSavePath', { defaultName: `person-${todayIso()}.json`, extensions: ['json'] });
      // Desktop: the save dialog was closed. Web: no dialog; the files are downloaded.
      if (picked.supported && picked.fileId === null) return;
      setResult(await call('exportPerson', { nationalId, lang, ...(requestId ? { requestId } : {}), ...(picked.fileId ? { target: picked.fileId } : {}) }));
    } catch (e) {
      setResult(null);
      setError(e instanceof ClientError ? e.localized(lang) : String(e));
    } finally {
      setBusy(false);
    }
  };
  const n = (key: string) => formatCount(result?.counts[key] ?? 0, lang);

  return (
    <section aria-labelledby="person-export-title" style={{ marginBottom: 16 }}>
      <Typography.Title level={4} id="person-export-title">
        {t('kvkk.access.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('kvkk.access.help')}</Typography.Paragraph>
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()}>
        {t('kvkk.access.run')}
      </Button>
      <div role="status" style={{ marginTop: 8 }}>
        {result && (
          <Alert
            type="success"
            showIcon
            title={t('kvkk.access.done', { records: n('beneficiaries'), donations: n('donations'), messages: n('messages') })}
            description={
              <Space direction="vertical">
                {result.truncated.length > 0 && <span>{t('kvkk.access.truncated', { sections: result.truncated.map((s) => t(`kvkk.access.sections.${s}`, { defaultValue: s })).join(', ') })}</span>}
                {downloadHref(result.downloadId) && downloadHref(result.htmlDownloadId) ? (
                  <Space wrap>
                    <a href={downloadHref(result.htmlDownloadId)} download>
                      {t('kvkk.access.html')}
                    </a>
                    <a href={downloadHref(result.downloadId)} download>
                      {t('kvkk.access.json')}
                    </a>
                  </Space>
                ) : (
                  <Space wrap>
                    <Typography.Text copyable>{t('kvkk.access.savedTo', { json: result.file, html: result.htmlFile })}</Typography.Text>
                    {result.fileId && (
                      <Button icon={<FolderOpenOutlined />} onClick={() => void call('revealFile', { fileId: result.fileId! })}>
                        {t('kvkk.access.openFolder')}
                      </Button>
                    )}
                  </Space>
                )}
              </Space>
            }
          />
        )}
      </div>
      {error && <Alert role="alert" type="error" showIcon title={error} />}
    </section>
  );
}
