// The import wizard: from a dropped file to imported rows. The page owns every piece of work
// (file, mapping, check, run) so going back and forward between steps loses nothing; each step
// component only shows and edits its part.
import { Button, Card, ConfigProvider, Flex, Steps, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollectionName } from '../../../../shared/domain';
import { CONTROL_TOTAL_FIELD, getSpec } from '../../../../shared/domain';
import { call } from '../../desktop/client';
import { CheckStep } from './CheckStep';
import { CollectionStep, useCollectionChoice } from './CollectionStep';
import { fileRef } from './fileRef';
import { FileQueue, FileStep, type QueueItem } from './FileStep';
import { ImportHistory } from './ImportHistory';
import { errorText, formatCount } from './importFormat';
import './importMessages';
import type { InspectResult, NumberStyle } from './importTypes';
import { isMappingUsable, mappingProblems, type Mapping } from './mappingRules';
import { MappingStep, problemMessages } from './MappingStep';
import { RunStep, type ImportMode } from './RunStep';
import { DryRunPanel, parseControlTotals, type ControlTotalsInput } from './DryRunPanel';
import { SourceStep } from './SourceStep';
import { SummaryStep } from './SummaryStep';
import { useJob } from '../../desktop/useJob';
import type { JobState } from '../../desktop/jobState';
import { countsAfterRowChange, countsAfterSkipAll, liveCounts, type FixedCounts } from './checkCounts';
import { useWindowDrop } from './useWindowDrop';
import './import.css';

const STEPS = ['file', 'source', 'collection', 'mapping', 'check', 'run', 'summary'] as const;
type StepKey = (typeof STEPS)[number];
/** Secondary text, statistic titles and danger buttons dark enough for WCAG AA on white. */
const CONTRAST_THEME = {
  token: { colorTextDescription: '#595959', colorTextSecondary: '#595959', colorTextTertiary: '#595959', colorError: '#c41d1d' },
};
const at = (key: StepKey) => STEPS.indexOf(key);
const finishedRun = (run: JobState<'importRun'>) => run.status === 'done' || run.status === 'cancelled';

interface CurrentFile {
  id: number;
  ref: string;
  name: string;
}

export function ImportPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'tr';

  const [queue, setQueue] = useState<QueueItem[]>([]);
  const nextId = useRef(1);
  const [current, setCurrent] = useState<CurrentFile | null>(null);
  const [step, setStep] = useState(0);
  const [inspect, setInspect] = useState<InspectResult | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const { collection, choose: setCollection, reset: resetCollection } = useCollectionChoice(inspect?.collectionGuess ?? null);
  const [mapping, setMapping] = useState<Mapping>([]);
  const [mappingBasis, setMappingBasis] = useState('');
  const [numberStyle, setNumberStyle] = useState<NumberStyle>('tr');
  const [mode, setMode] = useState<ImportMode>('upsert');
  const [historyKey, setHistoryKey] = useState(0);
  // The check and the dry run only serve this page; the import run goes on if staff leave it.
  const { job: check, start: startCheck, reset: resetCheck } = useJob('importCheck', { cancelOnUnmount: true });
  const { job: run, start: startRun, cancel: cancelRun, reset: resetRun } = useJob('importRun');
  const { job: dryRun, start: startDryRun, reset: resetDryRun } = useJob('importDryRun', { cancelOnUnmount: true });
  const [fixedCounts, setFixedCounts] = useState<FixedCounts | null>(null);
  /** Bumped by every fix or skip in the check: the dry run of the old rows is stale. */
  const [checkRevision, setCheckRevision] = useState(0);
  const [totals, setTotals] = useState<ControlTotalsInput>({ rows: '', amount: '' });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headerTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const onFiles = useCallback((files: File[]) => {
    setQueue((q) => [...q, ...files.map((file) => ({ id: nextId.current++, file, status: 'waiting' as const }))]);
  }, []);
  const dragging = useWindowDrop(onFiles);

  // Take the next queued file whenever the wizard is free.
  useEffect(() => {
    if (current || busy) return;
    const next = queue.find((q) => q.status === 'waiting');
    if (!next) return;
    const setStatus = (status: QueueItem['status'], error?: string) =>
      setQueue((q) => q.map((x) => (x.id === next.id ? { ...x, status, ...(error ? { error } : {}) } : x)));
    setStatus('current');
    setFileError(null);
    setBusy(t('import.file.uploading', { name: next.file.name }));
    void (async () => {
      try {
        const ref = await fileRef(next.file);
        setBusy(t('import.file.reading', { name: next.file.name }));
        const result = await call('inspectImportFile', { file: ref, previewRows: 20 });
        setCurrent({ id: next.id, ref, name: next.file.name });
        setInspect(result);
        setStep(at('source'));
      } catch (err) {
        const message = t('import.file.failed', { name: next.file.name, message: errorText(err, lang) });
        setStatus('failed', message);
        setFileError(message);
      } finally {
        setBusy(null);
      }
    })();
  }, [queue, current, busy, t, lang]);

  const reinspect = useCallback(
    async (opts: { sheet?: string; headerRow?: number; collection?: CollectionName }) => {
      if (!current) return null;
      setBusy(t('import.source.loading'));
      try {
        const result = await call('inspectImportFile', { file: current.ref, previewRows: 20, ...opts });
        setInspect(result);
        setFileError(null);
        return result;
      } catch (err) {
        setFileError(t('import.error', { message: errorText(err, lang) }));
        return null;
      } finally {
        setBusy(null);
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
      setMapping((result.suggestions ?? []).map((s) => s.field));
      setNumberStyle(result.numberStyle);
      setMappingBasis(basisOf(collection));
    }
    if (key === 'check') {
      const input = checkInput();
      if (!input) return;
      const basis = JSON.stringify(input);
      // A check that failed or was cancelled is run again.
      if (check.status === 'idle' || check.basis !== basis || (check.status !== 'running' && check.status !== 'done')) void startCheck(input, basis);
    }
    setStep(target);
  };

  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);

  // A run that ends (completed, failed with a result, or cancelled) shows its summary.
  useEffect(() => {
    if (finishedRun(run)) setStep(at('summary'));
  }, [run]);

  /** After a finished import the file stays in the queue as done; an abandoned one leaves it. */
  const resetWizard = (how: 'done' | 'abandon') => {
    if (current) {
      const id = current.id;
      setQueue((q) =>
        how === 'done' ? q.map((x) => (x.id === id ? { ...x, status: 'done' as const } : x)) : q.filter((x) => x.id !== id),
      );
    }
    resetCheck();
    resetRun();
    resetDryRun();
    setTotals({ rows: '', amount: '' });
    setCurrent(null);
    setInspect(null);
    resetCollection();
    setMapping([]);
    setMappingBasis('');
    setFileError(null);
    setStep(0);
  };

  const start = (resumeRunId?: string) => {
    const input = checkInput();
    if (!input || !current) return;
    setStep(at('run'));
    const expected = collection && CONTROL_TOTAL_FIELD[collection] && (totals.rows !== '' || totals.amount !== '') ? parseControlTotals(totals) : null;
    void startRun({
      ...input,
      mode,
      fileName: current.name,
      ...(check.status === 'done' ? { checkId: check.result.checkId, dryRun: true } : {}),
      ...(expected ? { controlTotals: expected } : {}),
      ...(resumeRunId ? { resumeRunId } : {}),
    }).then(() => setHistoryKey((k) => k + 1));
  };

  // The dry run follows the check, the mode and every fix: on the run step it is always current.
  const checkResult = check.status === 'done' ? check.result : null;
  const dryRunBasis = checkResult ? JSON.stringify([checkResult.checkId, mode, checkRevision]) : null;
  useEffect(() => {
    if (STEPS[step] !== 'run' || !dryRunBasis || !checkResult || !checkInput() || run.status === 'running' || finishedRun(run)) return;
    if (dryRun.status !== 'idle' && dryRun.basis === dryRunBasis && (dryRun.status === 'running' || dryRun.status === 'done')) return;
    void startDryRun({ ...checkInput()!, checkId: checkResult.checkId, mode }, dryRunBasis);
  }, [step, dryRunBasis]);

  const running = run.status === 'running';
  const finished = step === at('summary');
  const checkDone = checkResult !== null;
  const nextBlocked: string | null = (() => {
    switch (STEPS[step]) {
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
          (k) => getSpec(collection!).fields.find((f) => f.key === k)?.label[lang] ?? k,
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
  const counts = check.status === 'idle' ? null : liveCounts(checkPass, fixedCounts);
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
            {t(`import.steps.${STEPS[step]}`)}
          </Typography.Title>
          <div aria-labelledby="imp-step-title" role="group">
            {STEPS[step] === 'file' && (
              <>
                <FileStep onFiles={onFiles} busy={busy} error={fileError} />
                {inspect && current && (
                  <Typography.Paragraph style={{ marginTop: 12 }} role="status">
                    {t('import.file.ready', { name: current.name })}
                  </Typography.Paragraph>
                )}
              </>
            )}
            {STEPS[step] === 'source' && inspect && (
              <SourceStep
                inspect={inspect}
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
            {STEPS[step] === 'collection' && <CollectionStep value={collection} onChange={setCollection} guess={inspect?.collectionGuess ?? null} />}
            {STEPS[step] === 'mapping' && collection && inspect && problems && (
              <MappingStep
                collection={collection}
                inspect={inspect}
                mapping={mapping}
                onChange={setMapping}
                numberStyle={numberStyle}
                onNumberStyle={setNumberStyle}
                problems={problems}
              />
            )}
            {STEPS[step] === 'check' && check.status !== 'idle' && counts && inspect && collection && (
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
                  if (checkPass) setFixedCounts({ pass: checkPass, counts: countsAfterRowChange(counts, before, after) });
                  setCheckRevision((n) => n + 1);
                }}
                onSkipAll={async () => {
                  const checkId = checkPass?.checkId;
                  if (!checkPass || !checkId) return;
                  const r = await call('skipRows', { checkId, allInvalid: true, skip: true });
                  setFixedCounts({ pass: checkPass, counts: countsAfterSkipAll(counts, r.skipped) });
                  setCheckRevision((n) => n + 1);
                }}
              />
            )}
            {STEPS[step] === 'run' && (
              <RunStep
                mode={mode}
                onMode={setMode}
                run={run}
                totalRows={checkResult?.rows ?? null}
                toImport={counts ? counts.valid : null}
                invalidLeft={counts?.invalid ?? 0}
                onStart={() => start()}
                onCancel={cancelRun}
                startBlocked={startBlocked}
              >
                {dryRun.status !== 'idle' && collection && (
                  <DryRunPanel collection={collection} dryRun={dryRun} totalRows={checkResult?.rows ?? null} totals={totals} onTotals={setTotals} />
                )}
              </RunStep>
            )}
            {STEPS[step] === 'summary' && run.status !== 'idle' && <SummaryStep run={run} onResume={(runId) => start(runId)} />}
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
        <FileQueue queue={queue} lang={lang} onRemove={(id) => setQueue((q) => q.filter((x) => x.id !== id))} />
        {(step === 0 || finished) && <ImportHistory reloadKey={historyKey} />}
      </section>
    </ConfigProvider>
  );
}
