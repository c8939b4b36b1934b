// The checked rows as a virtualised, keyboard-first grid: only the rows on screen are in the DOM
// and only a few pages are in memory. Error cells are red (warning cells amber) and carry their message (hover title,
// screen-reader description, and the line under the grid for the focused cell). Enter or a
// double-click edits a cell; the core re-validates the row at once.
import { useVirtualizer } from '@tanstack/react-virtual';
import { Alert, Button, Checkbox, Space, Typography } from 'antd';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { displayImportCell, getField, type CollectionName } from '../../../../shared/domain';
import { call } from '../../client/client';
import type { Mapping } from './mappingRules';
import { errorText } from './importFormat';
import { findNextErrorRow } from './nextError';
import { formatCount } from '../../ui/format';
import { useCheckRows, type CheckRow, type RowsView } from './useCheckRows';

const ROW_HEIGHT = 30; // × 1M rows stays under Chromium's ~33.5M px element height limit
const ROWHEAD_WIDTH = 76;
const COL_WIDTH = 170;
const ACTION_WIDTH = 120;

export interface CheckGridProps {
  checkId: string;
  collection: CollectionName;
  headers: string[];
  mapping: Mapping;
  passRunning: boolean;
  /** A row changed by a fix or a skip: the page recounts valid / invalid / skipped. */
  onRowChanged(before: CheckRow, after: CheckRow): void;
  /** Skips every row that still has errors; resolves when done. */
  onSkipAll(): Promise<void>;
  invalidLeft: number;
  /** Rows with a warning (possible duplicates): the grid offers to show only them. */
  warnings: number;
}

interface Cell {
  row: number;
  col: number;
}

export function CheckGrid({ checkId, collection, headers, mapping, passRunning, onRowChanged, onSkipAll, invalidLeft, warnings }: CheckGridProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const [rowsView, setRowsView] = useState<RowsView>('all');
  const view = useCheckRows(checkId, rowsView, passRunning);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<Cell>({ row: 0, col: 0 });
  const [editing, setEditing] = useState<Cell | null>(null);
  const [announce, setAnnounce] = useState('');
  const [busy, setBusy] = useState(false);
  const focusPending = useRef(false);
  const actionCol = headers.length;
  // Dates, phones and amounts show as they will be stored and then shown in Records (05.01.2025, 0532 123 45 67, 1.234,56).
  const fields = useMemo(() => mapping.map((key) => (key ? getField(collection, key) : undefined)), [collection, mapping]);

  const virtualizer = useVirtualizer({
    count: view.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollPaddingStart: ROW_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => view.setVisible(first, last), [view, first, last]);

  // Keep the active cell inside the view when rows disappear (filter switched, view shrank).
  useEffect(() => {
    if (view.total > 0 && active.row >= view.total) setActive((a) => ({ ...a, row: view.total - 1 }));
  }, [view.total, active.row]);

  useLayoutEffect(() => {
    if (!focusPending.current) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-cell="${active.row}:${active.col}"]`);
    if (!el) return;
    const target = active.col === actionCol ? (el.querySelector<HTMLElement>('button') ?? el) : el;
    target.focus({ preventScroll: true });
    focusPending.current = false;
  });

  const moveTo = useCallback(
    (row: number, col: number) => {
      const r = Math.max(0, Math.min(view.total - 1, row));
      const c = Math.max(0, Math.min(actionCol, col));
      focusPending.current = true;
      setActive({ row: r, col: c });
      virtualizer.scrollToIndex(r, { align: 'auto' });
    },
    [view.total, actionCol, virtualizer],
  );

  const commit = async (rowIndex: number, col: number, value: string) => {
    const before = view.rowAt(rowIndex);
    const field = mapping[col];
    setEditing(null);
    focusPending.current = true;
    if (!before || !field) return;
    try {
      const after = await call('fixCell', { checkId, rowNumber: before.rowNumber, field, value });
      view.replaceRow(after);
      onRowChanged(before, after);
      const left = after.errors.find((e) => e.field === field) ?? after.errors[0];
      setAnnounce(
        left
          ? t('import.check.stillInvalid', { row: after.rowNumber, message: lang === 'tr' ? left.messageTr : left.message })
          : t('import.check.fixed', { row: after.rowNumber }),
      );
    } catch (err) {
      setAnnounce(t('import.error', { message: errorText(err, lang) }));
    }
  };

  const toggleSkip = async (rowIndex: number) => {
    const before = view.rowAt(rowIndex);
    if (!before) return;
    try {
      await call('skipRows', { checkId, rowNumbers: [before.rowNumber], skip: !before.skipped });
      const after = { ...before, skipped: !before.skipped };
      view.replaceRow(after);
      onRowChanged(before, after);
    } catch (err) {
      setAnnounce(t('import.error', { message: errorText(err, lang) }));
    }
  };

  /** "This is data": a totals or signature row is checked and imported as any row (or given up again). */
  const toggleData = async (rowIndex: number) => {
    const before = view.rowAt(rowIndex);
    if (!before) return;
    try {
      const after = await call('setRowData', { checkId, rowNumber: before.rowNumber, data: !before.asData });
      view.replaceRow(after);
      onRowChanged(before, after);
      setAnnounce(t(after.asData ? 'import.check.takenBack' : 'import.check.givenUp', { row: after.rowNumber }));
    } catch (err) {
      setAnnounce(t('import.error', { message: errorText(err, lang) }));
    }
  };

  const goToNextError = async () => {
    setBusy(true);
    try {
      const from = view.rowAt(active.row)?.rowNumber ?? 0;
      // After the last error, start again from the top so nothing is missed.
      const hit = (await findNextErrorRow(checkId, from)) ?? (from > 0 ? await findNextErrorRow(checkId, 0) : null);
      if (!hit) {
        setAnnounce(t('import.check.noMoreErrors'));
        return;
      }
      const index = await view.indexOfRowNumber(hit.rowNumber);
      const fields = new Set(hit.errors.map((e) => e.field));
      const col = mapping.findIndex((f) => f !== null && fields.has(f));
      moveTo(index, col < 0 ? 0 : col);
      const first = hit.errors[0];
      if (first) setAnnounce(`${hit.rowNumber}: ${lang === 'tr' ? first.messageTr : first.message}`);
    } catch (err) {
      setAnnounce(t('import.error', { message: errorText(err, lang) }));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing || view.total === 0) return;
    const { row, col } = active;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    const moves: Record<string, () => void> = {
      ArrowDown: () => moveTo(row + 1, col),
      ArrowUp: () => moveTo(row - 1, col),
      ArrowRight: () => moveTo(row, col + 1),
      ArrowLeft: () => moveTo(row, col - 1),
      PageDown: () => moveTo(row + page, col),
      PageUp: () => moveTo(row - page, col),
      Home: () => (e.ctrlKey ? moveTo(0, 0) : moveTo(row, 0)),
      End: () => (e.ctrlKey ? moveTo(view.total - 1, actionCol) : moveTo(row, actionCol)),
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      move();
      return;
    }
    if ((e.key === 'Enter' || e.key === 'F2') && col < actionCol && mapping[col] && view.rowAt(row)) {
      e.preventDefault();
      setEditing({ row, col });
    }
  };

  // The one cell Tab lands on: the active cell, or the first row on screen when it scrolled away.
  const tabRow = items.some((i) => i.index === active.row) ? active.row : first;
  const activeRow = view.rowAt(active.row);
  const activeField = mapping[active.col];
  const activeErrors = [...(activeRow?.errors ?? []), ...(activeRow?.warnings ?? [])].filter((er) => er.field === activeField);
  const activeIsError = activeRow?.errors.some((er) => er.field === activeField) ?? false;
  const width = ROWHEAD_WIDTH + headers.length * COL_WIDTH + ACTION_WIDTH;
  const mappedFields = new Set(mapping.filter((f): f is string => f !== null));

  return (
    <div>
      <Space wrap style={{ marginBottom: 8 }}>
        <Checkbox checked={rowsView === 'errors'} onChange={(e) => setRowsView(e.target.checked ? 'errors' : 'all')}>
          {t('import.check.onlyErrors')}
        </Checkbox>
        {warnings > 0 && (
          <Checkbox checked={rowsView === 'warnings'} onChange={(e) => setRowsView(e.target.checked ? 'warnings' : 'all')}>
            {t('import.check.onlyWarnings', { n: formatCount(warnings, lang) })}
          </Checkbox>
        )}
        <Button onClick={() => void goToNextError()} loading={busy}>
          {t('import.check.nextError')}
        </Button>
        <Button danger disabled={invalidLeft === 0} onClick={() => void onSkipAll().then(view.refresh)}>
          {t('import.check.skipAll')}
        </Button>
      </Space>
      {view.error !== null && <Alert type="error" showIcon role="alert" style={{ marginBottom: 8 }} message={errorText(view.error, lang)} />}
      <Typography.Paragraph type="secondary" id="imp-grid-hint" style={{ marginBottom: 6 }}>
        {t('import.check.focusHint')} {t('import.check.editHint')}
      </Typography.Paragraph>
      <div
        ref={scrollRef}
        className="imp-grid"
        role="grid"
        aria-label={t('import.check.grid')}
        aria-describedby="imp-grid-hint"
        aria-rowcount={view.total + 1}
        aria-colcount={headers.length + 2}
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" style={{ width, position: 'sticky', top: 0, zIndex: 3 }}>
          <div role="row" aria-rowindex={1} className="imp-grid-head">
            <div role="columnheader" className="imp-grid-cell imp-grid-rowhead" style={{ width: ROWHEAD_WIDTH, background: '#f5f5f5' }}>
              {t('import.check.rowHeader')}
            </div>
            {headers.map((h, i) => (
              <div role="columnheader" key={i} className="imp-grid-cell" style={{ width: COL_WIDTH }} title={h}>
                <span className="imp-value">{h}</span>
              </div>
            ))}
            <div role="columnheader" className="imp-grid-cell" style={{ width: ACTION_WIDTH }}>
              {t('import.check.actions')}
            </div>
          </div>
        </div>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}>
          {view.total === 0 && (
            <div role="row" className="imp-grid-row" style={{ width }}>
              <div role="gridcell" className="imp-grid-cell" style={{ width }} tabIndex={0}>
                {passRunning || !view.done ? t('import.check.loadingRows') : t('import.check.emptyView')}
              </div>
            </div>
          )}
          {items.map((item) => {
            const row = view.rowAt(item.index);
            const style = { transform: `translateY(${item.start}px)`, width, height: ROW_HEIGHT };
            if (!row) {
              return (
                <div role="row" key={item.key} aria-rowindex={item.index + 2} aria-busy="true" className="imp-grid-row" style={style}>
                  <div role="gridcell" className="imp-grid-cell" style={{ width: ROWHEAD_WIDTH + COL_WIDTH * 2 }}>
                    {t('import.check.loadingRows')}
                  </div>
                </div>
              );
            }
            const orphanErrors = [...row.errors, ...row.warnings].filter((er) => !mappedFields.has(er.field));
            return (
              <div
                role="row"
                key={item.key}
                aria-rowindex={item.index + 2}
                className={`imp-grid-row${row.skipped ? ' skipped' : ''}${row.notData && !row.asData ? ' not-data' : ''}`}
                style={style}
              >
                <div
                  role="rowheader"
                  className={`imp-grid-cell imp-grid-rowhead${row.errors.length > 0 ? ' has-error' : row.warnings.length > 0 ? ' has-warning' : ''}`}
                  style={{ width: ROWHEAD_WIDTH }}
                  title={orphanErrors.map((er) => (lang === 'tr' ? er.messageTr : er.message)).join('\n') || undefined}
                >
                  {row.rowNumber}
                </div>
                {headers.map((h, col) => {
                  const field = mapping[col] ?? null;
                  const isActive = active.row === item.index && active.col === col;
                  const tabStop = tabRow === item.index && active.col === col;
                  const errors = field ? row.errors.filter((er) => er.field === field) : [];
                  // A warning (possibly the same person as another row) is shown like an error, in its own colour; it blocks nothing.
                  const warnings = field ? row.warnings.filter((w) => w.field === field) : [];
                  const fixed = field !== null && Object.hasOwn(row.fixes, field);
                  const value = displayImportCell(fields[col], field && fixed ? (row.fixes[field] ?? '') : row.cells[col], lang);
                  const message = errors.map((er) => (lang === 'tr' ? er.messageTr : er.message)).join(' · ');
                  const warning = warnings.map((w) => (lang === 'tr' ? w.messageTr : w.message)).join(' · ');
                  const describedBy = errors.length > 0 || warnings.length > 0 ? `imp-err-${row.rowNumber}-${col}` : undefined;
                  if (editing && editing.row === item.index && editing.col === col) {
                    return (
                      <div
                        role="gridcell"
                        key={col}
                        className="imp-grid-cell data"
                        style={{ width: COL_WIDTH }}
                        data-cell={`${item.index}:${col}`}
                      >
                        <CellEditor
                          initial={value}
                          label={t('import.check.editLabel', { row: row.rowNumber, column: h })}
                          onCommit={(v) => void commit(item.index, col, v)}
                          onCancel={() => {
                            focusPending.current = true;
                            setEditing(null);
                          }}
                        />
                      </div>
                    );
                  }
                  return (
                    <div
                      role="gridcell"
                      key={col}
                      data-cell={`${item.index}:${col}`}
                      tabIndex={tabStop ? 0 : -1}
                      className={`imp-grid-cell data${errors.length > 0 ? ' error' : warnings.length > 0 ? ' warning' : fixed ? ' fixed' : ''}`}
                      style={{ width: COL_WIDTH }}
                      title={[message, warning].filter(Boolean).join(' · ') || value || undefined}
                      aria-label={t('import.check.cellLabel', { column: h, value: value || t('import.mapping.empty') })}
                      aria-describedby={describedBy}
                      aria-invalid={errors.length > 0 || undefined}
                      aria-readonly={field === null || undefined}
                      onFocus={() => !isActive && setActive({ row: item.index, col })}
                      onDoubleClick={() => field && setEditing({ row: item.index, col })}
                    >
                      <span className="imp-value">{value}</span>
                      {describedBy && (
                        <span id={describedBy} className="imp-sr-only">
                          {[message && t('import.check.cellError', { message }), warning && t('import.check.cellWarning', { message: warning })].filter(Boolean).join(' ')}
                        </span>
                      )}
                    </div>
                  );
                })}
                <div role="gridcell" className="imp-grid-cell" style={{ width: ACTION_WIDTH }} data-cell={`${item.index}:${actionCol}`}>
                  {row.notData ? (
                    <Space size={4}>
                      {!row.asData && (
                        <span className="imp-not-data" title={t('import.check.notDataHelp')}>
                          {t(`import.check.notDataKinds.${row.notData}`)}
                        </span>
                      )}
                      <Button
                        size="small"
                        type="link"
                        tabIndex={tabRow === item.index && active.col === actionCol ? 0 : -1}
                        onFocus={() => setActive({ row: item.index, col: actionCol })}
                        aria-label={t(row.asData ? 'import.check.giveUpLabel' : 'import.check.takeBackLabel', { row: row.rowNumber })}
                        onClick={() => void toggleData(item.index)}
                      >
                        {row.asData ? t('import.check.giveUp') : t('import.check.takeBack')}
                      </Button>
                    </Space>
                  ) : (
                    <Button
                      size="small"
                      tabIndex={tabRow === item.index && active.col === actionCol ? 0 : -1}
                      onFocus={() => setActive({ row: item.index, col: actionCol })}
                      aria-label={t(row.skipped ? 'import.check.unskipRowLabel' : 'import.check.skipRowLabel', { row: row.rowNumber })}
                      onClick={() => void toggleSkip(item.index)}
                    >
                      {row.skipped ? t('import.check.unskipRow') : t('import.check.skipRow')}
                    </Button>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </div>
      <div className={`imp-cell-info${activeIsError ? ' error' : activeErrors.length > 0 ? ' warning' : ''}`}>
        {activeRow && activeErrors.length > 0
          ? `${t('import.check.rowHeader')} ${activeRow.rowNumber} — ${activeErrors.map((er) => (lang === 'tr' ? er.messageTr : er.message)).join(' · ')}`
          : '\u00a0'}
      </div>
      <div role="status" aria-live="polite" className="imp-cell-info">
        {announce}
      </div>
    </div>
  );
}

function CellEditor({
  initial,
  label,
  onCommit,
  onCancel,
}: {
  initial: string;
  label: string;
  onCommit(v: string): void;
  onCancel(): void;
}) {
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  return (
    <input
      autoFocus
      aria-label={label}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onFocus={(e) => e.target.select()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') {
          e.preventDefault();
          done.current = true;
          onCommit(value);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          done.current = true;
          onCancel();
        }
      }}
      onBlur={() => !done.current && onCancel()}
    />
  );
}
