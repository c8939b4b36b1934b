// Shown instead of the app when its server cannot be used: the first-run form (no deployment
// configured) or the version handshake's verdict (unreachable, no functions, older or newer
// functions), with what to do. The checks run in the main process; this page only asks.
import { Alert, Button, Card, Form, Input, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerStatus } from '../../../../shared/contract/app';
import { call, ClientError } from '../../client/client';
import './serverMessages';

export function ServerScreen({ status, onReady }: { status: ServerStatus; onReady: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const [current, setCurrent] = useState(status);
  const [editing, setEditing] = useState(status.state === 'unconfigured');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<'restarting' | 'restart' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const explain = (s: ServerStatus) => t(`server.states.${s.state}`, { url: s.url ?? '', actual: s.actual ?? '?', expected: s.expected });

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof ClientError ? e.localized(lang) : String(e));
    } finally {
      setBusy(false);
    }
  };

  const save = ({ url }: { url: string }) =>
    run(async () => {
      const result = await call('saveServer', { url: url.trim() });
      setCurrent(result.status);
      if (result.saved) setSaved(result.restarting ? 'restarting' : 'restart');
    });

  const retry = () =>
    run(async () => {
      const next = await call('checkServer', {});
      setCurrent(next);
      if (next.state === 'ok') onReady();
    });

  if (saved) return <Result status="success" title={t(saved === 'restarting' ? 'server.saved' : 'server.savedRestart')} />;

  if (!editing) {
    return (
      <Result
        status={current.state === 'newer' || current.state === 'older' ? 'warning' : 'error'}
        title={t('server.problemTitle')}
        subTitle={<span role="alert">{explain(current)}</span>}
        extra={
          <Space>
            <Button type="primary" loading={busy} onClick={() => void retry()}>
              {t('server.retry')}
            </Button>
            <Button onClick={() => setEditing(true)}>{t('server.change')}</Button>
          </Space>
        }
      />
    );
  }

  const problem = current.state !== 'unconfigured' && current.state !== 'ok' ? explain(current) : null;
  return (
    <section aria-labelledby="first-run-title" style={{ maxWidth: 560, margin: '48px auto' }}>
      <Card>
        <Typography.Title level={2} id="first-run-title">
          {t('server.firstRunTitle')}
        </Typography.Title>
        <Typography.Paragraph>{t('server.firstRunIntro')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={(v: { url: string }) => void save(v)} initialValues={{ url: current.url ?? '' }}>
          <Form.Item name="url" label={t('server.url')} rules={[{ required: true, whitespace: true, message: t('server.urlRequired') }]}>
            <Input autoFocus inputMode="url" autoComplete="url" placeholder={t('server.urlPlaceholder')} />
          </Form.Item>
          {(problem || error) && <Alert role="alert" type="error" showIcon title={problem ?? error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy ? t('server.checking') : t('server.check')}
          </Button>
        </Form>
      </Card>
    </section>
  );
}
