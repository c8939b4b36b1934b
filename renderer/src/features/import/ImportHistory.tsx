// Past imports from the backend's importRuns (so it survives restarts), newest first, each with
// its outcome and, where this PC kept one, its error report.
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../client/client';
import { useJob } from '../../client/useJob';
import { useEvent } from '../../client/useEvent';
import { displayDateTime } from '../../../../shared/domain';
import { errorText } from './importFormat';
import type { ImportRunSummary } from './importTypes';
import { ReportButton } from './ReportButton';
import { toneStyle, type Tone } from '../../ui/tones';

const STATUS_TONE: Record<ImportRunSummary['status'], Tone> = { running: 'info', completed: 'ok', failed: 'error', cancelled: 'warn' };

export function ImportHistory({ reloadKey }: { reloadKey: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [runs, setRuns] = useState<ImportRunSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEvent('dataChanged', (e) => e.collection === 'importRuns' && reload());
  const { job: undoJob, start: startUndo } = useJob('importUndo');
  const undoing = undoJob.status === 'running' ? undoJob.input.runId : null;
  const undone: { type: 'success' | 'error'; text: string; kept?: string } | null = (() => {
    switch (undoJob.status) {
      case 'done': {
        const r = undoJob.result;
        const kept = r.keptRows.map((k) => `${k.rowNumber} · ${k.key}`).join(', ');
        return { type: 'success', text: t('import.undo.done', { deleted: r.deleted, restored: r.restored, kept: r.kept }), ...(kept ? { kept } : {}) };
      }
      case 'failed':
        return { type: 'error', text: t('import.undo.failed', { message: errorText(undoJob.error, lang) }) };
      default:
        return null;
    }
  })();

  /** Undoes a run (batched and resumable on the server; pressing again continues an interrupted undo). */
  const undo = (run: ImportRunSummary) => void startUndo({ runId: run.id }).then(reload);

  useEffect(() => {
    let stale = false;
    call('listImportRuns', { cursor: null, numItems: 20 })
      .then((r) => !stale && (setRuns(r.page), setError(null)))
      .catch((err: unknown) => !stale && setError(errorText(err, lang)));
    return () => {
      stale = true;
    };
  }, [tick, reloadKey, lang]);

  return (
    <section aria-labelledby="imp-history-title" style={{ marginTop: 32 }}>
      <Flex align="center" gap={12}>
        <Typography.Title level={3} id="imp-history-title" style={{ margin: 0 }}>
          {t('import.history.heading')}
        </Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={reload} size="small">
          {t('import.history.refresh')}
        </Button>
      </Flex>
      {error && (
        <Typography.Paragraph type="danger" role="alert">
          {t('import.error', { message: error })}
        </Typography.Paragraph>
      )}
      {undone && (
        <Alert
          type={undone.type}
          showIcon
          role={undone.type === 'error' ? 'alert' : 'status'}
          style={{ marginTop: 12 }}
          title={undone.text}
          description={undone.kept ? t('import.undo.kept', { list: undone.kept }) : undefined}
        />
      )}
      <Table<ImportRunSummary>
        style={{ marginTop: 12 }}
        size="small"
        rowKey="id"
        loading={runs === null && !error}
        dataSource={runs ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('import.history.empty') }}
        data-testid="import-history"
        columns={[
          { key: 'when', title: t('import.history.when'), render: (_, r) => displayDateTime(r.startedAt) },
          { key: 'file', title: t('import.history.file'), dataIndex: 'fileName' },
          { key: 'collection', title: t('import.history.collection'), render: (_, r) => t(`collections.${r.collection}`) },
          { key: 'mode', title: t('import.history.mode'), render: (_, r) => t(`import.run.modes.${r.mode}`) },
          {
            key: 'status',
            title: t('import.history.status'),
            render: (_, r) => <Tag style={toneStyle(STATUS_TONE[r.status])}>{t(`import.history.statuses.${r.status}`)}</Tag>,
          },
          {
            key: 'counts',
            title: t('import.history.counts'),
            render: (_, r) =>
              t('import.history.countsValue', {
                inserted: r.inserted,
                updated: r.updated,
                unchanged: r.unchanged,
                conflict: r.conflict,
                skipped: r.skipped,
                failed: r.failed,
              }),
          },
          { key: 'actor', title: t('import.history.actor'), render: (_, r) => r.actorName ?? '' },
          {
            key: 'undo',
            title: t('import.history.undo'),
            render: (_, r) =>
              r.undo?.status === 'done' ? (
                <Tag style={toneStyle('neutral')}>{t('import.undo.undone')}</Tag>
              ) : r.undoableUntil !== undefined || r.undo?.status === 'running' ? (
                <Popconfirm title={t('import.undo.confirm')} onConfirm={() => undo(r)} okText={t('import.undo.button')}>
                  <Button size="small" danger loading={undoing === r.id} disabled={undoing !== null}>
                    {undoing === r.id ? t('import.undo.running') : t('import.undo.button')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
          {
            key: 'report',
            title: t('import.history.report'),
            render: (_, r) => (r.hasReport ? <ReportButton runId={r.id} size="small" label={t('import.history.openReport')} /> : null),
          },
        ]}
      />
    </section>
  );
}
