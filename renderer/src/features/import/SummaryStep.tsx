// Step 7: what happened, in numbers and a small chart, with the error report one click away.
import { Alert, Button, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BarChart } from '../../ui/BarChart';
import { displayMoney } from '../../../../shared/domain';
import { errorText, formatSeconds } from './importFormat';
import { formatCount } from '../../ui/format';
import { ReportButton } from './ReportButton';
import { errorOf, type StartedJob } from '../../client/jobState';

export function SummaryStep({ run, onResume }: { run: StartedJob<'importRun'>; onResume(runId: string): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const r = run.status === 'done' ? run.result : null;
  const error = errorOf(run);
  const p = run.progress;
  const counts = {
    inserted: r?.inserted ?? p?.inserted ?? 0,
    updated: r?.updated ?? p?.updated ?? 0,
    unchanged: r?.unchanged ?? p?.unchanged ?? 0,
    conflict: r?.conflict ?? p?.conflict ?? 0,
    skipped: r?.skipped ?? p?.skipped ?? 0,
    failed: r?.failed ?? p?.failed ?? 0,
  };
  const durationMs = r?.durationMs ?? Date.now() - run.startedAt;
  const status = r?.status ?? (run.status === 'cancelled' ? 'cancelled' : 'failed');
  const failure = r?.error
    ? lang === 'tr' && r.error.messageTr
      ? r.error.messageTr
      : r.error.message
    : error
      ? errorText(error, lang)
      : '';

  return (
    <div>
      <Alert
        role="status"
        showIcon
        style={{ marginBottom: 16 }}
        type={status === 'completed' ? 'success' : status === 'cancelled' ? 'warning' : 'error'}
        title={
          status === 'completed'
            ? t('import.summary.completed')
            : status === 'cancelled'
              ? t('import.summary.cancelled')
              : t('import.summary.failed', { message: failure })
        }
        action={r?.resumable ? <Button onClick={() => onResume(r.runId)}>{t('import.summary.resume')}</Button> : undefined}
      />
      <Row gutter={24} style={{ marginBottom: 16 }}>
        {(
          [
            ['inserted', counts.inserted],
            ['updated', counts.updated],
            ['unchanged', counts.unchanged],
            ['conflict', counts.conflict],
            ['skippedCount', counts.skipped],
            ['failedCount', counts.failed],
          ] as const
        ).map(([key, value]) => (
          <Col key={key}>
            <Statistic title={t(`import.summary.${key}`)} value={formatCount(value, lang)} />
          </Col>
        ))}
        <Col>
          <Statistic title={t('import.summary.duration')} value={formatSeconds(durationMs / 1000, t)} />
        </Col>
      </Row>
      <div style={{ maxWidth: 560, marginBottom: 16 }}>
        <BarChart
          id="imp-chart-summary"
          title={t('import.summary.chart')}
          lang={lang}
          bars={[
            { key: 'inserted', label: t('import.summary.inserted'), value: counts.inserted, tone: 'ok' },
            { key: 'updated', label: t('import.summary.updated'), value: counts.updated, tone: 'info' },
            { key: 'unchanged', label: t('import.summary.unchanged'), value: counts.unchanged, tone: 'muted' },
            { key: 'conflict', label: t('import.summary.conflict'), value: counts.conflict, tone: 'error' },
            { key: 'skipped', label: t('import.summary.skippedCount'), value: counts.skipped, tone: 'muted' },
            { key: 'failed', label: t('import.summary.failedCount'), value: counts.failed, tone: 'error' },
          ]}
        />
      </div>
      {counts.conflict > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('import.summary.conflictHelp', { n: formatCount(counts.conflict, lang) })} />
      )}
      {r?.controlTotals && (
        <Typography.Paragraph data-testid="control-totals-summary">
          {t('import.totals.summary', {
            expectedRows: formatCount(r.controlTotals.expectedRows, lang),
            expectedAmount: displayMoney(r.controlTotals.expectedAmount, 'TRY', lang === 'en' ? 'en' : 'tr'),
            fileRows: formatCount(r.controlTotals.fileRows, lang),
            fileAmount: displayMoney(r.controlTotals.fileAmount, 'TRY', lang === 'en' ? 'en' : 'tr'),
          })}
        </Typography.Paragraph>
      )}
      {r && (r.reportFile || counts.skipped + counts.failed + counts.conflict > 0) ? (
        <ReportButton runId={r.runId} label={t('import.summary.report')} />
      ) : (
        <Typography.Paragraph type="secondary">{t('import.summary.noReport')}</Typography.Paragraph>
      )}
      <Typography.Paragraph style={{ marginTop: 16 }}>{t('import.summary.next')}</Typography.Paragraph>
    </div>
  );
}
