// Step 5: the dry run. Counts, where the errors are (by kind and by column), and the rows
// themselves in a grid where each error can be fixed or its row skipped.
import { Alert, Button, Col, Progress, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CollectionName } from '../../../../shared/domain';
import { BarChart, type Bar } from '../../ui/BarChart';
import { CheckGrid } from './CheckGrid';
import { errorText } from './importFormat';
import { formatCount } from '../../ui/format';
import type { Mapping } from './mappingRules';
import type { CheckRow } from './useCheckRows';
import { errorOf, type StartedJob } from '../../client/jobState';
import type { CheckCounts } from './checkCounts';

export interface CheckStepProps {
  check: StartedJob<'importCheck'>;
  counts: CheckCounts;
  collection: CollectionName;
  headers: string[];
  mapping: Mapping;
  onRetry(): void;
  onRowChanged(before: CheckRow, after: CheckRow): void;
  onSkipAll(): Promise<void>;
}

export function CheckStep({ check, counts, collection, headers, mapping, onRetry, onRowChanged, onSkipAll }: CheckStepProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { progress } = check;
  const result = check.status === 'done' ? check.result : null;
  const running = check.status === 'running';
  const error = errorOf(check);
  const checkId = result?.checkId ?? progress?.checkId;
  const rows = (result?.rows ?? progress?.rowsRead ?? 0) + counts.asData;
  const percent = result ? 100 : progress && progress.totalBytes > 0 ? Math.floor((progress.bytesRead / progress.totalBytes) * 100) : 0;
  const byCode: Bar[] = Object.entries(result?.byCode ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => ({ key: code, label: t(`import.check.codes.${code}`, { defaultValue: code }), value: n }));
  const byColumn: Bar[] = Object.entries(result?.byColumn ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([column, n]) => ({ key: column, label: column, value: n, tone: 'info' }));

  return (
    <div>
      <Typography.Paragraph>{t('import.check.help')}</Typography.Paragraph>
      <div role="status" aria-live="polite" style={{ marginBottom: 8 }}>
        {running
          ? t('import.check.running', { rows: formatCount(rows, lang) })
          : result
            ? t('import.check.done', { rows: formatCount(rows, lang) })
            : ''}
      </div>
      {running && (
        <Progress percent={percent} status="active" aria-label={t('import.check.running', { rows: formatCount(rows, lang) })} />
      )}
      {error !== null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('import.check.failed', { message: errorText(error, lang) })}
          action={<Button onClick={onRetry}>{t('import.check.retry')}</Button>}
          style={{ marginBottom: 12 }}
        />
      )}
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col>
          <Statistic title={t('import.check.rows')} value={formatCount(rows, lang)} />
        </Col>
        <Col>
          <Statistic title={t('import.check.valid')} value={formatCount(counts.valid, lang)} valueStyle={{ color: '#0b6e4f' }} />
        </Col>
        <Col>
          <Statistic title={t('import.check.invalid')} value={formatCount(counts.invalid, lang)} valueStyle={{ color: '#a8071a' }} />
        </Col>
        <Col>
          <Statistic title={t('import.check.skipped')} value={formatCount(counts.skipped, lang)} />
        </Col>
        {result && (result.notData > 0 || counts.asData > 0) && (
          <Col>
            <Statistic
              title={<span title={t('import.check.notDataHelp')}>{t('import.check.notData')}</span>}
              value={formatCount(result.notData - counts.asData, lang)}
              valueStyle={{ color: '#8c8c8c' }}
            />
          </Col>
        )}
        {result && result.warnings > 0 && (
          <Col>
            <Statistic title={<span title={t('import.check.warningsHelp')}>{t('import.check.warnings')}</span>} value={formatCount(result.warnings, lang)} valueStyle={{ color: '#7a3e00' }} />
          </Col>
        )}
      </Row>
      {result && result.warnings > 0 && (
        <Alert type="warning" showIcon title={t('import.check.warningsFound', { n: formatCount(result.warnings, lang) })} style={{ marginBottom: 12 }} />
      )}
      {result && result.invalid === 0 && <Alert type="success" showIcon title={t('import.check.noErrors')} style={{ marginBottom: 12 }} />}
      {byCode.length > 0 && (
        <Row gutter={32} style={{ marginBottom: 16 }}>
          <Col xs={24} md={12}>
            <BarChart id="imp-chart-code" title={t('import.check.byCode')} bars={byCode} lang={lang} />
          </Col>
          <Col xs={24} md={12}>
            <BarChart id="imp-chart-column" title={t('import.check.byColumn')} bars={byColumn} lang={lang} />
          </Col>
        </Row>
      )}
      {checkId ? (
        <CheckGrid
          collection={collection}
          checkId={checkId}
          headers={headers}
          mapping={mapping}
          passRunning={running}
          onRowChanged={onRowChanged}
          onSkipAll={onSkipAll}
          invalidLeft={counts.invalid}
          warnings={result?.warnings ?? 0}
        />
      ) : (
        running && <Typography.Paragraph type="secondary">{t('import.check.loadingRows')}</Typography.Paragraph>
      )}
    </div>
  );
}
