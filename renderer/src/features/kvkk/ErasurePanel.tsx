// An erasure request's erasure (issue #25 item 4), for administrators: the preview of every
// table and field that will change, a reason and the person's TC Kimlik No (for a donor without
// one, the request's mobile or e-mail) typed again, then the run with its progress. The server checks the role, runs the batches and audits with counts.
import { Alert, Button, Input, Progress, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { erasureProgressView, erasureSection } from '../../../../shared/contract/kvkk';
import { displayDateTime } from '../../../../shared/domain';
import { call } from '../../client/client';
import { formatCount } from '../../ui/format';
import './kvkkMessages';

type Section = z.infer<typeof erasureSection>;
type ProgressView = z.infer<typeof erasureProgressView>;
type Preview = { sections: Section[]; kept: { donations: string[] } };

const POLL_MS = 1_500;
/** A run with no batch for this long has stopped (a failed batch): it can be continued. */
const STALLED_MS = 60_000;

/** Whom the request names: the TC Kimlik No, or without one the contact as the request holds it (the server asks for it typed again). */
type Subject = { nationalId: string } | { contact: string };

export function ErasurePanel({ requestId, subject, open, errorText }: { requestId: string; subject: Subject; open: boolean; errorText: (e: unknown) => string }) {
  const typed = 'nationalId' in subject ? subject.nationalId : subject.contact;
  const { t, i18n } = useTranslation();
  const [progress, setProgress] = useState<ProgressView | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  const refresh = useCallback(() => {
    call('erasureProgress', { requestId }).then(
      (p) => {
        setProgress(p);
        setNow(Date.now());
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, [requestId, errorText]);
  useEffect(refresh, [refresh]);
  useEffect(() => {
    if (progress?.status !== 'running') return undefined;
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [progress?.status, refresh]);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const loadPreview = () => act(async () => setPreview(await call('erasurePreview', { requestId })));
  const start = () =>
    act(async () => {
      await call('startErasure', { requestId, reason, confirm });
      refresh();
    });

  const table = (key: string) => t(`kvkk.erasure.tables.${key}`, { defaultValue: key });

  return (
    <section aria-labelledby="erasure-title" style={{ marginTop: 16 }}>
      <Typography.Title level={3} id="erasure-title">
        {t('kvkk.erasure.title')}
      </Typography.Title>
      {progress ? (
        <ErasureProgress progress={progress} now={now} table={table} busy={busy} onContinue={() => void act(async () => { await call('startErasure', { requestId, reason: progress.reason, confirm: typed }); refresh(); })} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('kvkk.erasure.help')}</Typography.Paragraph>
          {!open && <Typography.Paragraph>{t('kvkk.erasure.closed')}</Typography.Paragraph>}
          {open && !preview && (
            <Button onClick={() => void loadPreview()} loading={busy}>
              {t('kvkk.erasure.preview')}
            </Button>
          )}
          {open && preview && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Table<Section>
                size="small"
                pagination={false}
                rowKey={(s) => `${s.table}:${s.method}:${s.count === null ? 'scan' : 'found'}`}
                dataSource={preview.sections}
                columns={[
                  { key: 'table', title: t('kvkk.erasure.table'), render: (_: unknown, s) => table(s.table) },
                  { key: 'method', title: t('kvkk.erasure.method'), render: (_: unknown, s) => t(`kvkk.erasure.methods.${s.method}`) },
                  {
                    key: 'count',
                    title: t('kvkk.erasure.count'),
                    render: (_: unknown, s) => (s.count === null ? t('kvkk.erasure.duringRun') : s.atLeast ? t('kvkk.erasure.atLeast', { count: formatCount(s.count, i18n.language) }) : formatCount(s.count, i18n.language)),
                  },
                  { key: 'fields', title: t('kvkk.erasure.fields'), render: (_: unknown, s) => s.fields.join(', ') },
                ]}
              />
              <Typography.Paragraph>{t('kvkk.erasure.kept', { fields: preview.kept.donations.join(', ') })}</Typography.Paragraph>
              <label htmlFor="erasure-reason">{t('kvkk.erasure.reason')}</label>
              <Input.TextArea id="erasure-reason" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
              <label htmlFor="erasure-confirm">{t('nationalId' in subject ? 'kvkk.erasure.confirm' : 'kvkk.erasure.confirmContact')}</label>
              <Input id="erasure-confirm" maxLength={'nationalId' in subject ? 11 : 200} autoComplete="off" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
              <Button danger type="primary" loading={busy} disabled={reason.trim().length < 5 || confirm.trim() !== typed} onClick={() => void start()}>
                {t('kvkk.erasure.run')}
              </Button>
            </Space>
          )}
        </>
      )}
      {error && (
        <Typography.Paragraph type="danger" role="alert">
          {error}
        </Typography.Paragraph>
      )}
    </section>
  );
}

function ErasureProgress({ progress, now, table, busy, onContinue }: { progress: ProgressView; now: number; table: (key: string) => string; busy: boolean; onContinue: () => void }) {
  const { t, i18n } = useTranslation();
  const done = progress.steps.filter((s) => s.done).length;
  const stalled = progress.status === 'running' && now - progress.lastBatchAt > STALLED_MS;
  const counts = Object.entries(progress.counts);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        role="status"
        type={progress.status === 'done' ? 'success' : stalled ? 'warning' : 'info'}
        showIcon
        title={
          progress.status === 'done'
            ? t('kvkk.erasure.done', { at: displayDateTime(progress.finishedAt ?? progress.lastBatchAt), by: progress.actorName })
            : stalled
              ? t('kvkk.erasure.stalled')
              : t('kvkk.erasure.running', { batches: progress.batches })
        }
        description={t('kvkk.erasure.reasonWas', { reason: progress.reason })}
      />
      <Progress percent={Math.round((done / Math.max(1, progress.steps.length)) * 100)} aria-label={t('kvkk.erasure.progress')} />
      {stalled && (
        <Button onClick={onContinue} loading={busy}>
          {t('kvkk.erasure.continue')}
        </Button>
      )}
      {counts.length > 0 && (
        <ul aria-label={t('kvkk.erasure.changed')}>
          {counts.map(([key, count]) => (
            <li key={key}>
              {table(key)}: {formatCount(count, i18n.language)}
            </li>
          ))}
        </ul>
      )}
    </Space>
  );
}
