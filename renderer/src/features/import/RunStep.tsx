// Step 6: how to write the rows, then the run itself with speed, time left and Cancel.
import { Alert, Button, Flex, Progress, Radio, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_MODES, type ImportMode } from '../../../../shared/domain';
import { errorText, formatSeconds } from './importFormat';
import { formatCount } from '../../ui/format';
import { errorOf, type JobState } from '../../client/jobState';

export type { ImportMode };

export interface RunStepProps {
  mode: ImportMode;
  onMode(mode: ImportMode): void;
  run: JobState<'importRun'>;
  /** Rows the check found (for the percentage); null when unknown. */
  totalRows: number | null;
  toImport: number | null;
  invalidLeft: number;
  onStart(): void;
  onCancel(): void;
  /** Why the import cannot start yet (dry run running, control totals disagree); null when it can. */
  startBlocked: string | null;
  /** The dry run, shown between the mode and the start button. */
  children?: ReactNode;
}

export function RunStep({ mode, onMode, run, totalRows, toImport, invalidLeft, onStart, onCancel, startBlocked, children }: RunStepProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const running = run.status === 'running';
  const cancelling = run.status === 'running' && run.cancelling;
  const error = errorOf(run);
  const p = run.status === 'idle' ? null : run.progress;
  const percent = !p
    ? 0
    : totalRows && totalRows > 0
      ? Math.min(100, Math.floor((p.rowsRead / totalRows) * 100))
      : p.totalBytes > 0
        ? Math.floor((p.bytesRead / p.totalBytes) * 100)
        : 0;

  return (
    <div>
      <Typography.Paragraph>{t('import.run.help')}</Typography.Paragraph>
      <fieldset disabled={running} style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
        <legend style={{ fontWeight: 600, fontSize: 14, border: 0, marginBottom: 8 }}>{t('import.run.mode')}</legend>
        <Radio.Group value={mode} onChange={(e) => onMode(e.target.value as ImportMode)} aria-label={t('import.run.mode')}>
          <Flex vertical gap="small">
            {IMPORT_MODES.map((m) => (
              <Radio key={m} value={m} aria-describedby={`imp-mode-${m}`}>
                <strong>{t(`import.run.modes.${m}`)}</strong>
                <div id={`imp-mode-${m}`} style={{ color: '#595959' }}>
                  {t(`import.run.modeHelp.${m}`)}
                </div>
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
      </fieldset>
      {!running && children}
      {!running && toImport !== null && (
        <Typography.Paragraph>{t('import.run.willImport', { n: formatCount(toImport, lang) })}</Typography.Paragraph>
      )}
      {!running && invalidLeft > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('import.check.warnInvalid', { n: formatCount(invalidLeft, lang) })}
        />
      )}
      {error !== null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={t('import.run.failed', { message: errorText(error, lang) })}
        />
      )}
      {running ? (
        <div>
          <Progress percent={percent} status="active" aria-label={t('import.run.progress')} />
          <div role="status" aria-live="polite" style={{ marginBottom: 12 }}>
            {p
              ? [
                  totalRows
                    ? t('import.run.status', { done: formatCount(p.rowsRead, lang), total: formatCount(totalRows, lang) })
                    : t('import.run.statusNoTotal', { done: formatCount(p.rowsRead, lang) }),
                  t('import.run.speed', { rate: formatCount(Math.round(p.rowsPerSecond), lang) }),
                  p.etaSeconds === null ? t('import.run.etaUnknown') : t('import.run.eta', { eta: formatSeconds(p.etaSeconds, t) }),
                ].join(' · ')
              : t('import.run.etaUnknown')}
          </div>
          <Button danger onClick={onCancel} loading={cancelling} disabled={cancelling}>
            {cancelling ? t('import.run.cancelling') : t('import.run.cancel')}
          </Button>
        </div>
      ) : (
        <Flex gap={12} align="center" wrap>
          <Button type="primary" size="large" onClick={onStart} disabled={startBlocked !== null} aria-describedby={startBlocked ? 'imp-start-reason' : undefined}>
            {t('import.run.start')}
          </Button>
          {startBlocked && (
            <Typography.Text type="secondary" id="imp-start-reason">
              {startBlocked}
            </Typography.Text>
          )}
        </Flex>
      )}
    </div>
  );
}
