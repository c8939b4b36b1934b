// The import wizard: from a dropped file to imported rows. The page owns every piece of work
// (file, mapping, check, run) so going back and forward between steps loses nothing; each step
// component only shows and edits its part.
import { Button, Card, ConfigProvider, Flex, InputNumber, Steps, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollectionName } from '../../../../shared/domain';
import { CONTROL_TOTAL_FIELD, fieldLabel, MAX_MATCH_DAYS } from '../../../../shared/domain';
import { call } from '../../client/client';
import type { JobState } from '../../client/jobState';
import { useJob } from '../../client/useJob';
import { CheckStep } from './CheckStep';
import { CollectionStep } from './CollectionStep';
import { fileRef } from '../../client/host';
import { FileQueue, FileStep } from './FileStep';
import { ImportHistory } from './ImportHistory';
import { errorText } from './importFormat';
import { formatCount } from '../../ui/format';
import './importMessages';
import { isMappingUsable, mappingProblems } from './mappingRules';
import { MappingStep, problemMessages } from './MappingStep';
import { RunStep } from './RunStep';
import { DryRunPanel, parseControlTotals } from './DryRunPanel';
import { SourceStep } from './SourceStep';
import { SummaryStep } from './SummaryStep';
import { countsAfterRowChange, countsAfterSkipAll, liveCounts } from './checkCounts';
import { at, collectionOf, initialWizard, STEPS, wizardReducer } from './importWizard';
import { useWindowDrop } from './useWindowDrop';
import './import.css';

/** Secondary text and statistic titles dark enough for WCAG AA on white (danger buttons: the app's theme). */
const CONTRAST_THEME = {
  token: { colorTextDescription: '#595959', colorTextSecondary: '#595959', colorTextTertiary: '#595959' },
};
const finishedRun = (run: JobState<'importRun'>) => run.status === 'done' || run.status === 'cancelled';

export function ImportPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'tr';

  const [wizard, dispatch] = useReducer(wizardReducer, initialWizard);
  // Donations without a receipt number: days either side of the date a stored one may be (N).
  const [matchDays, setMatchDays] = useState(0);
  const { queue, current, step, inspect, busy, fileError, mapping, mappingBasis, numberStyle, mode, totals, checkRevision } = wizard;
  const collection = collectionOf(wizard);
  const stepKey = STEPS[step] ?? 'file';
  // The check and the dry run only serve this page; the import run goes on if staff leave it.
  const { job: check, start: startCheck, reset: resetCheck } = useJob('importCheck', { cancelOnUnmount: true });
  const { job: run, start: startRun, cancel: cancelRun, reset: resetRun } = useJob('importRun');
  const { job: dryRun, start: startDryRun, reset: resetDryRun } = useJob('importDryRun', { cancelOnUnmount: true });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headerTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const onFiles = useCallback((files: File[]) => dispatch({ type: 'filesAdded', files }), []);
  const dragging = useWindowDrop(onFiles);

  // Take the next queued file whenever the wizard is free.
  useEffect(() => {
    if (current || busy) return;
    const next = queue.find((q) => q.status === 'waiting');
    if (!next) return;
    dispatch({ type: 'fileTaken', id: next.id, busy: t('import.file.uploading', { name: next.file.name }) });
    void (async () => {
      try {
        const ref = await fileRef(next.file);
        dispatch({ type: 'busy', busy: t('import.file.reading', { name: next.file.name }) });
        const result = await call('inspectImportFile', { file: ref, previewRows: 20 });
        dispatch({ type: 'fileOpened', file: { id: next.id, ref, name: next.file.name }, inspect: result });
      } catch (err) {
        dispatch({ type: 'fileFailed', id: next.id, message: t('import.file.failed', { name: next.file.name, message: errorText(err, lang) }) });
      } finally {
        dispatch({ type: 'busy', busy: null });
      }
    })();
  }, [queue, current, busy, t, lang]);

  const reinspect = useCallback(
    async (opts: { sheet?: string; headerRow?: number; collection?: CollectionName }) => {
      if (!current) return null;
      dispatch({ type: 'busy', busy: t('import.source.loading') });
      try {
        const result = await call('inspectImportFile', { file: current.ref, previewRows: 20, ...opts });
        dispatch({ type: 'inspected', inspect: result });
        return result;
      } catch (err) {
        dispatch({ type: 'inspectFailed', message: t('import.error', { message: errorText(err, lang) }) });
        return null;
      } finally {
        dispatch({ type: 'busy', busy: null });
      }
    },
    [current, t, lang],
  );

  const sourceOpts = () => ({
    ...(inspect?.sheet ? { sheet: inspect.sheet } : {}),
    ...(inspect ? { headerRow: inspect.headerRow } : {}),
  });
  const basisOf = (c: CollectionName) => JSON.stringify([current?.ref, inspect?.sheet, inspect?.headerRow, c]);
  const checkInput = () => (current && collection ? { file: current.ref, ...sourceOpts(), collection, mapping, numberStyle } : null);

  const problems = useMemo(() => (collection ? mappingProblems(collection, mapping) : null), [collection, mapping]);
  const mappingOk = problems !== null && isMappingUsable(problems);

  const goTo = async (target: number) => {
    const key = STEPS[target];
    if (key === 'mapping' && collection && basisOf(collection) !== mappingBasis) {
      // New file, sheet, header row or collection: ask the core for fresh (or remembered) suggestions.
      const result = await reinspect({ ...sourceOpts(), collection });
      if (!result) return;
      dispatch({
        type: 'mappingSuggested',
        mapping: (result.suggestions ?? []).map((s) => s.field),
        numberStyle: result.numberStyle,
        basis: basisOf(collection),
      });
    }
    if (key === 'check') {
      const input = checkInput();
      if (!input) return;
      const basis = JSON.stringify(input);
      // A check that failed or was cancelled is run again.
      if (check.status === 'idle' || check.basis !== basis || (check.status !== 'running' && check.status !== 'done')) void startCheck(input, basis);
    }
    dispatch({ type: 'stepShown', step: target });
  };

  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);

  // A run that ends (completed, failed with a result, or cancelled) shows its summary.
  useEffect(() => {
    if (finishedRun(run)) dispatch({ type: 'stepShown', step: at('summary') });
  }, [run]);

  const resetWizard = (how: 'done' | 'abandon') => {
    resetCheck();
    resetRun();
    resetDryRun();
    dispatch({ type: 'reset', how });
  };

  const start = (resumeRunId?: string) => {
    const input = checkInput();
    if (!input || !current) return;
    dispatch({ type: 'stepShown', step: at('run') });
    const expected = collection && CONTROL_TOTAL_FIELD[collection] && (totals.rows !== '' || totals.amount !== '') ? parseControlTotals(totals) : null;
    void startRun({
      ...input,
      mode,
      fileName: current.name,
      ...(check.status === 'done' ? { checkId: check.result.checkId, dryRun: true } : {}),
      ...(expected ? { controlTotals: expected } : {}),
      ...(collection === 'donations' ? { matchDays } : {}),
      ...(resumeRunId ? { resumeRunId } : {}),
    }).then(() => dispatch({ type: 'importEnded' }));
  };

  // The dry run follows the check, the mode and every fix: on the run step it is always current.
  const checkResult = check.status === 'done' ? check.result : null;
  const dryRunBasis = checkResult ? JSON.stringify([checkResult.checkId, mode, checkRevision, matchDays]) : null;
  useEffect(() => {
    if (stepKey !== 'run' || !dryRunBasis || !checkResult || !checkInput() || run.status === 'running' || finishedRun(run)) return;
    if (dryRun.status !== 'idle' && dryRun.basis === dryRunBasis && (dryRun.status === 'running' || dryRun.status === 'done')) return;
    void startDryRun({ ...checkInput()!, checkId: checkResult.checkId, mode, ...(collection === 'donations' ? { matchDays } : {}) }, dryRunBasis);
  }, [step, dryRunBasis]);

  const running = run.status === 'running';
  const finished = step === at('summary');
  const checkDone = checkResult !== null;
  const nextBlocked: string | null = (() => {
    switch (stepKey) {
      case 'file':
      case 'source':
        return inspect && !busy ? null : t('import.file.help');
      case 'collection':
        return collection ? null : t('import.collection.choose');
      case 'mapping':
        if (!problems || mappingOk) return null;
        return problemMessages(
          problems,
          inspect?.headers ?? [],
          (k) => fieldLabel(collection!, k, lang),
          t,
        ).join(' ');
      case 'check':
        return checkDone
          ? null
          : check.status === 'running'
            ? t('import.check.running', { rows: formatCount(check.progress?.rowsRead ?? 0, lang) })
            : t('import.check.heading');
      default:
        return t('import.run.help');
    }
  })();
  const hasNext = step < at('run');
  const maxReachable = !current ? 0 : finished ? at('summary') : Math.max(step, at('collection') + (collection ? 1 : 0));
  const stepsLocked = running || finished;

  const checkPass = check.status === 'idle' ? null : (checkResult ?? check.progress);
  const counts = check.status === 'idle' ? null : liveCounts(checkPass, wizard.fixedCounts);
  const dryRunResult = dryRun.status === 'done' && dryRun.basis === dryRunBasis ? dryRun.result : null;
  const totalsTyped = collection !== null && CONTROL_TOTAL_FIELD[collection] !== undefined && (totals.rows !== '' || totals.amount !== '');
  const typedTotals = totalsTyped ? parseControlTotals(totals) : null;
  const startBlocked: string | null = !dryRunResult
    ? t('import.run.startBlocked')
    : totalsTyped &&
        (!typedTotals || typedTotals.expectedRows !== dryRunResult.validRows || typedTotals.expectedAmount !== dryRunResult.amountTotal)
      ? t('import.run.totalsBlocked')
      : null;
  return (
    <ConfigProvider theme={CONTRAST_THEME}>
      <section aria-labelledby="import-title">
        {dragging && (
          <div className="imp-drop-overlay" aria-hidden="true">
            {t('import.file.overlay')}
          </div>
        )}
        <Typography.Title level={2} id="import-title">
          {t('import.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('import.intro')}</Typography.Paragraph>
        <nav aria-label={t('import.steps.label')}>
          <Steps
            className="imp-steps"
            size="small"
            current={step}
            onChange={(target) => !stepsLocked && target <= maxReachable && target !== step && void goTo(target)}
            items={STEPS.map((key, i) => ({
              title: t(`import.steps.${key}`),
              disabled: stepsLocked || i > maxReachable,
            }))}
            style={{ marginBottom: 20 }}
          />
        </nav>
        <Card>
          <Typography.Title level={3} ref={headingRef} tabIndex={-1} style={{ marginTop: 0, outline: 'none' }} id="imp-step-title">
            {t(`import.steps.${stepKey}`)}
          </Typography.Title>
          <div aria-labelledby="imp-step-title" role="group">
            {stepKey === 'file' && (
              <>
                <FileStep onFiles={onFiles} busy={busy} error={fileError} />
                {inspect && current && (
                  <Typography.Paragraph style={{ marginTop: 12 }} role="status">
                    {t('import.file.ready', { name: current.name })}
                  </Typography.Paragraph>
                )}
              </>
            )}
            {stepKey === 'source' && inspect && (
              <SourceStep
                inspect={inspect}
                collection={collection}
                loading={busy !== null}
                onSheet={(sheet) => void reinspect({ sheet })}
                onHeaderRow={(headerRow) => {
                  clearTimeout(headerTimer.current);
                  headerTimer.current = setTimeout(
                    () => void reinspect({ ...(inspect.sheet ? { sheet: inspect.sheet } : {}), headerRow }),
                    350,
                  );
                }}
              />
            )}
            {stepKey === 'collection' && <CollectionStep value={collection} onChange={(c) => dispatch({ type: 'collectionPicked', collection: c })} guess={inspect?.collectionGuess ?? null} />}
            {stepKey === 'mapping' && collection && inspect && problems && (
              <MappingStep
                collection={collection}
                inspect={inspect}
                mapping={mapping}
                onChange={(m) => dispatch({ type: 'mappingChanged', mapping: m })}
                numberStyle={numberStyle}
                onNumberStyle={(n) => dispatch({ type: 'numberStyleChanged', numberStyle: n })}
                problems={problems}
              />
            )}
            {stepKey === 'check' && check.status !== 'idle' && counts && inspect && collection && (
              <CheckStep
                check={check}
                counts={counts}
                collection={collection}
                headers={inspect.headers}
                mapping={mapping}
                onRetry={() => {
                  const input = checkInput();
                  if (input) void startCheck(input, JSON.stringify(input));
                }}
                onRowChanged={(before, after) => {
                  if (checkPass) dispatch({ type: 'checkRowsChanged', fixed: { pass: checkPass, counts: countsAfterRowChange(counts, before, after) } });
                }}
                onSkipAll={async () => {
                  const checkId = checkPass?.checkId;
                  if (!checkPass || !checkId) return;
                  const r = await call('skipRows', { checkId, allInvalid: true, skip: true });
                  dispatch({ type: 'checkRowsChanged', fixed: { pass: checkPass, counts: countsAfterSkipAll(counts, r.skipped) } });
                }}
              />
            )}
            {stepKey === 'run' && (
              <RunStep
                mode={mode}
                onMode={(m) => dispatch({ type: 'modeChanged', mode: m })}
                run={run}
                totalRows={checkResult?.rows ?? null}
                toImport={counts ? counts.valid : null}
                invalidLeft={counts?.invalid ?? 0}
                onStart={() => start()}
                onCancel={cancelRun}
                startBlocked={startBlocked}
              >
                {collection === 'donations' && (
                  <label style={{ display: 'block', marginBottom: 12 }}>
                    {t('import.dryRun.matchDays')}{' '}
                    <InputNumber min={0} max={MAX_MATCH_DAYS} value={matchDays} onChange={(n) => setMatchDays(n ?? 0)} style={{ width: 80 }} />
                  </label>
                )}
                {dryRun.status !== 'idle' && collection && (
                  <DryRunPanel collection={collection} dryRun={dryRun} totalRows={checkResult?.rows ?? null} totals={totals} onTotals={(x) => dispatch({ type: 'totalsChanged', totals: x })} />
                )}
              </RunStep>
            )}
            {stepKey === 'summary' && run.status !== 'idle' && <SummaryStep run={run} onResume={(runId) => start(runId)} />}
          </div>
          <Flex gap={8} wrap style={{ marginTop: 20 }} align="center">
            {step > 0 && !stepsLocked && <Button onClick={() => void goTo(step - 1)}>{t('import.nav.back')}</Button>}
            {hasNext && (
              <Button
                type="primary"
                disabled={nextBlocked !== null}
                aria-describedby={nextBlocked ? 'imp-next-reason' : undefined}
                onClick={() => void goTo(step + 1)}
              >
                {t('import.nav.next')}
              </Button>
            )}
            {finished && queue.some((q) => q.status === 'waiting') && (
              <Button type="primary" onClick={() => resetWizard('done')}>
                {t('import.nav.nextFile')}
              </Button>
            )}
            {current && !running && <Button onClick={() => resetWizard(finished ? 'done' : 'abandon')}>{t('import.nav.startOver')}</Button>}
            {hasNext && nextBlocked && step > 0 && (
              <Typography.Text type="secondary" id="imp-next-reason">
                {nextBlocked}
              </Typography.Text>
            )}
          </Flex>
        </Card>
        <FileQueue queue={queue} lang={lang} onRemove={(id) => dispatch({ type: 'queueItemRemoved', id })} />
        {(step === 0 || finished) && <ImportHistory reloadKey={wizard.historyKey} />}
      </section>
    </ConfigProvider>
  );
}
