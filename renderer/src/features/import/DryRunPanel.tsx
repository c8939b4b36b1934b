// The dry run in the run step: what the import will do to the stored records, before anything
// is written. Counts per label with a bar chart, a filter per label, and a page of rows at a time
// read from the core (the diffs of a big file stay on disk there): each update with its changed
// fields, before → after, in Turkish formats. Donations and finance records also take control
// totals, and the import waits until the file agrees with them.
import { Alert, Flex, Input, Progress, Segmented, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTROL_TOTAL_FIELD, displayStored, fieldLabel, parseMoney, type CollectionName, type RowAction } from '../../../../shared/domain';
import type { ChannelOutput } from '../../../../shared/contract/channels';
import { call } from '../../client/client';
import { BarChart } from '../../ui/BarChart';
import { errorText } from './importFormat';
import { formatCount } from '../../ui/format';
import { errorOf, type StartedJob } from '../../client/jobState';
import { toneStyle, type Tone } from '../../ui/tones';

type DryRunRow = ChannelOutput<'getDryRunRows'>['rows'][number];
const PAGE = 50;
const ACTION_TONE: Record<RowAction, Tone> = { create: 'ok', update: 'info', unchanged: 'neutral', invalid: 'error' };
const BAR_TONE = { create: 'ok', update: 'info', unchanged: 'muted', invalid: 'error' } as const;

export interface ControlTotalsInput {
  rows: string;
  amount: string;
}

/** Staff's typed totals as numbers (amount in minor units); null while incomplete or unreadable. */
export function parseControlTotals(input: ControlTotalsInput): { expectedRows: number; expectedAmount: number } | null {
  const rows = Number(input.rows.trim().replace(/\./g, ''));
  const amount = input.amount.trim() === '' ? null : parseMoney(input.amount.trim(), 'tr');
  if (input.rows.trim() === '' || !Number.isInteger(rows) || rows < 0 || amount === null) return null;
  return { expectedRows: rows, expectedAmount: amount };
}

export function DryRunPanel({
  collection,
  dryRun,
  totals,
  onTotals,
  totalRows,
}: {
  collection: CollectionName;
  dryRun: StartedJob<'importDryRun'>;
  /** Rows the check found, for the percentage; null when unknown. */
  totalRows: number | null;
  totals: ControlTotalsInput;
  onTotals(t: ControlTotalsInput): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const uiLang = lang === 'en' ? 'en' : 'tr';
  const [filter, setFilter] = useState<RowAction | 'all'>('all');
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<{ total: number; rows: DryRunRow[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const r = dryRun.status === 'done' ? dryRun.result : null;
  const summary = r ?? dryRun.progress;
  const done = r !== null;
  const { checkId } = dryRun.input;
  const failure = errorOf(dryRun);
  const rowsRead = dryRun.progress?.rowsRead ?? 0;
  // Never 100 before the end: the last rows still have to be compared.
  const percent = done ? 100 : totalRows ? Math.min(99, Math.floor((rowsRead / totalRows) * 100)) : 0;

  useEffect(() => setPage(1), [filter, dryRun.basis]);
  useEffect(() => {
    if (!done || !checkId) return;
    let stale = false;
    call('getDryRunRows', { checkId, ...(filter === 'all' ? {} : { action: filter }), offset: (page - 1) * PAGE, limit: PAGE })
      .then((r) => !stale && (setRows(r), setError(null)))
      .catch((err: unknown) => !stale && setError(errorText(err, lang)));
    return () => {
      stale = true;
    };
  }, [done, checkId, filter, page, lang]);

  const label = (a: RowAction) => t(`import.dryRun.actions.${a}`);
  const amountField = CONTROL_TOTAL_FIELD[collection];
  const expected = parseControlTotals(totals);

  return (
    <section aria-labelledby="imp-dry-title" style={{ marginBottom: 16 }}>
      <Typography.Title level={4} id="imp-dry-title">
        {t('import.dryRun.heading')}
      </Typography.Title>
      <Typography.Paragraph>{t('import.dryRun.help')}</Typography.Paragraph>
      {failure !== null && (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={t('import.dryRun.failed', { message: errorText(failure, lang) })} />
      )}
      {dryRun.status === 'running' && (
        <div role="status" aria-live="polite">
          <Progress percent={percent} status="active" aria-label={t('import.dryRun.progress')} />
          {t('import.dryRun.running', { n: formatCount(rowsRead, lang) })}
        </div>
      )}
      {summary && (
        <div style={{ maxWidth: 560, marginBottom: 12 }} data-testid="dry-run-counts">
          <BarChart
            id="imp-chart-dry"
            title={t('import.dryRun.chart')}
            lang={lang}
            bars={(['create', 'update', 'unchanged', 'invalid'] as const).map((a) => ({ key: a, label: label(a), value: summary[a], tone: BAR_TONE[a] }))}
          />
        </div>
      )}
      {amountField && (
        <fieldset style={{ border: 0, padding: 0, margin: '0 0 12px' }}>
          <legend style={{ fontWeight: 600, fontSize: 14, border: 0, marginBottom: 8 }}>{t('import.totals.heading')}</legend>
          <Typography.Paragraph type="secondary">{t('import.totals.help')}</Typography.Paragraph>
          <Flex gap={12} wrap>
            <label>
              {t('import.totals.rows')}
              <Input value={totals.rows} onChange={(e) => onTotals({ ...totals, rows: e.target.value })} inputMode="numeric" style={{ width: 160, display: 'block' }} />
            </label>
            <label>
              {t('import.totals.amount')}
              <Input value={totals.amount} onChange={(e) => onTotals({ ...totals, amount: e.target.value })} placeholder="1.234,56" style={{ width: 200, display: 'block' }} />
            </label>
          </Flex>
          {r && (
            <Typography.Paragraph style={{ marginTop: 8 }}>
              {t('import.totals.file', {
                rows: formatCount(r.validRows, lang),
                amount: displayStored(collection, amountField, r.amountTotal ?? 0, uiLang),
              })}
            </Typography.Paragraph>
          )}
          {r && (totals.rows !== '' || totals.amount !== '') && (
            expected && expected.expectedRows === r.validRows && expected.expectedAmount === r.amountTotal ? (
              <Alert type="success" showIcon role="status" title={t('import.totals.match')} />
            ) : (
              <Alert type="error" showIcon role="alert" title={expected ? t('import.totals.mismatch') : t('import.totals.unreadable')} />
            )
          )}
        </fieldset>
      )}
      {done && summary && (
        <>
          <Segmented<RowAction | 'all'>
            aria-label={t('import.dryRun.filter')}
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'all', label: `${t('import.dryRun.all')} (${formatCount(summary.create + summary.update + summary.unchanged + summary.invalid, lang)})` },
              ...(['create', 'update', 'unchanged', 'invalid'] as const).map((a) => ({ value: a, label: `${label(a)} (${formatCount(summary[a], lang)})` })),
            ]}
            style={{ marginBottom: 12 }}
          />
          {error && (
            <Typography.Paragraph type="danger" role="alert">
              {error}
            </Typography.Paragraph>
          )}
          <Table<DryRunRow>
            size="small"
            rowKey="rowNumber"
            data-testid="dry-run-rows"
            dataSource={rows?.rows ?? []}
            loading={rows === null && !error}
            pagination={{ current: page, pageSize: PAGE, total: rows?.total ?? 0, showSizeChanger: false, onChange: setPage }}
            columns={[
              { key: 'row', title: t('import.dryRun.row'), width: 80, render: (_, row) => formatCount(row.rowNumber, lang) },
              {
                key: 'action',
                title: t('import.dryRun.action'),
                width: 130,
                render: (_, row) => <Tag style={toneStyle(ACTION_TONE[row.action])}>{label(row.action)}</Tag>,
              },
              {
                key: 'changes',
                title: t('import.dryRun.changes'),
                render: (_, row) => (
                  <>
                    {row.matchedBy && <Tag style={toneStyle('info')}>{t(`import.dryRun.matchedBy.${row.matchedBy}`)}</Tag>}
                    {changesCell(row)}
                    {row.warnings.map((w, i) => (
                      <div key={i} className="imp-warning">
                        <Tag style={toneStyle('warn')}>{t('import.check.warning')}</Tag>
                        {lang === 'tr' ? w.messageTr : w.message}
                      </div>
                    ))}
                  </>
                ),
              },
            ]}
          />
        </>
      )}
    </section>
  );

  function changesCell(row: DryRunRow) {
    if (row.action === 'invalid') return row.errors.map((e) => (lang === 'tr' ? e.messageTr : e.message)).join('; ');
    if (row.changes.length === 0) return null;
    return (
      <ul className="imp-diff">
        {row.changes.map((c) => (
          <li key={c.field}>
            <strong>{fieldLabel(collection, c.field, uiLang)}</strong>: <del>{displayStored(collection, c.field, c.before, uiLang)}</del> →{' '}
            <ins>{displayStored(collection, c.field, c.after, uiLang)}</ins>
          </li>
        ))}
      </ul>
    );
  }
}
