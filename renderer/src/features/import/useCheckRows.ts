// Pages the rows of a check from the core as the grid scrolls. Only a few pages are held at a
// time (a million-row file never sits in memory); while the check pass runs, the visible pages are
// polled so the first rows show at once and the row count grows.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { checkRow } from '../../../../shared/contract/imports';
import { call } from '../../client/client';

export type CheckRow = z.output<typeof checkRow>;

export const PAGE_SIZE = 200;
/** Pages kept at once; the least recently used beyond this are dropped. */
const MAX_PAGES = 12;
const POLL_MS = 400;

interface CachedPage {
  rows: CheckRow[];
  /** A page read before the pass reached its end may still fill up. */
  complete: boolean;
  usedAt: number;
}

export interface CheckRowsView {
  total: number;
  done: boolean;
  /** Why the last page could not be read (e.g. the file changed since its check), else null. */
  error: unknown;
  /** Bumped whenever a page arrives, so the grid re-renders. */
  version: number;
  rowAt(index: number): CheckRow | undefined;
  /** Tells the pager which rows are on screen; missing pages are fetched. */
  setVisible(start: number, end: number): void;
  replaceRow(row: CheckRow): void;
  /** Drops every page (after "skip all"), keeping the scroll position. */
  refresh(): void;
  /** The index in this view of the first row whose number is >= rowNumber. */
  indexOfRowNumber(rowNumber: number): Promise<number>;
  /** Fetches (or reads from cache) a page without keeping it beyond the usual budget. */
  pageAt(page: number): Promise<CheckRow[]>;
}

/** Which rows the grid shows: all, those with errors, or those with warnings (possible duplicates). */
export type RowsView = 'all' | 'errors' | 'warnings';

export function useCheckRows(checkId: string | null, rowsView: RowsView, passRunning: boolean): CheckRowsView {
  const onlyErrors = rowsView === 'errors';
  const onlyWarnings = rowsView === 'warnings';
  const cache = useRef(new Map<number, CachedPage>());
  const inflight = useRef(new Set<number>());
  const visible = useRef<[number, number]>([0, 0]);
  const generation = useRef(0);
  const [total, setTotal] = useState(0);
  const [done, setDone] = useState(false);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<unknown>(null);

  const fetchPage = useCallback(
    async (page: number): Promise<CheckRow[] | undefined> => {
      if (!checkId || inflight.current.has(page)) return undefined;
      const gen = generation.current;
      inflight.current.add(page);
      try {
        const r = await call('getCheckRows', { checkId, offset: page * PAGE_SIZE, limit: PAGE_SIZE, onlyErrors, onlyWarnings });
        if (gen !== generation.current) return undefined; // the view changed meanwhile
        cache.current.set(page, { rows: r.rows, complete: r.done || r.rows.length === PAGE_SIZE, usedAt: Date.now() });
        evict(cache.current, visible.current);
        setTotal(r.total);
        setDone(r.done);
        setError(null);
        setVersion((v) => v + 1);
        return r.rows;
      } catch (err) {
        if (gen === generation.current) setError(err);
        return undefined;
      } finally {
        inflight.current.delete(page);
      }
    },
    [checkId, onlyErrors, onlyWarnings],
  );

  const loadVisible = useCallback(
    (refetchIncomplete: boolean) => {
      const [start, end] = visible.current;
      const first = Math.floor(start / PAGE_SIZE);
      const last = Math.floor(Math.max(start, end) / PAGE_SIZE);
      for (let p = first; p <= last; p++) {
        const cached = cache.current.get(p);
        if (cached) cached.usedAt = Date.now();
        if (!cached || (refetchIncomplete && !cached.complete)) void fetchPage(p);
      }
    },
    [fetchPage],
  );

  // A new check or a new view starts from nothing.
  useEffect(() => {
    generation.current++;
    cache.current.clear();
    inflight.current.clear();
    setTotal(0);
    setDone(false);
    setVersion((v) => v + 1);
    loadVisible(false);
  }, [checkId, onlyErrors, onlyWarnings, loadVisible]);

  // While the pass runs (or until the store says it is complete) poll the pages on screen.
  useEffect(() => {
    if (!checkId || (done && !passRunning)) return;
    const timer = setInterval(() => loadVisible(true), POLL_MS);
    return () => clearInterval(timer);
  }, [checkId, done, passRunning, loadVisible]);

  // When the pass ends, pages read mid-pass are read again once.
  useEffect(() => {
    if (!passRunning) loadVisible(true);
  }, [passRunning, loadVisible]);

  const rowAt = useCallback((index: number) => cache.current.get(Math.floor(index / PAGE_SIZE))?.rows[index % PAGE_SIZE], []);

  const setVisible = useCallback(
    (start: number, end: number) => {
      const [s, e] = visible.current;
      if (s === start && e === end) return;
      visible.current = [start, end];
      loadVisible(false);
    },
    [loadVisible],
  );

  const replaceRow = useCallback((row: CheckRow) => {
    for (const page of cache.current.values()) {
      const i = page.rows.findIndex((r) => r.rowNumber === row.rowNumber);
      if (i >= 0) page.rows[i] = row;
    }
    setVersion((v) => v + 1);
  }, []);

  const refresh = useCallback(() => {
    generation.current++;
    cache.current.clear();
    inflight.current.clear();
    setVersion((v) => v + 1);
    loadVisible(false);
  }, [loadVisible]);

  const probe = useCallback(
    async (index: number): Promise<number> => {
      const cached = rowAt(index);
      if (cached) return cached.rowNumber;
      if (!checkId) return Number.MAX_SAFE_INTEGER;
      const r = await call('getCheckRows', { checkId, offset: index, limit: 1, onlyErrors, onlyWarnings });
      return r.rows[0]?.rowNumber ?? Number.MAX_SAFE_INTEGER;
    },
    [checkId, onlyErrors, onlyWarnings, rowAt],
  );

  const indexOfRowNumber = useCallback(
    async (rowNumber: number): Promise<number> => {
      // Rows are stored in file order, so row numbers grow with the index: a binary search needs
      // about 20 one-row reads even for a million rows.
      let lo = 0;
      let hi = total;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((await probe(mid)) < rowNumber) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    [probe, total],
  );

  const pageAt = useCallback(
    async (page: number): Promise<CheckRow[]> => {
      const cached = cache.current.get(page);
      if (cached?.complete) return cached.rows;
      if (!checkId) return [];
      const r = await call('getCheckRows', { checkId, offset: page * PAGE_SIZE, limit: PAGE_SIZE, onlyErrors, onlyWarnings });
      return r.rows;
    },
    [checkId, onlyErrors, onlyWarnings],
  );

  return { total, done, error, version, rowAt, setVisible, replaceRow, refresh, indexOfRowNumber, pageAt };
}

function evict(cache: Map<number, CachedPage>, [start, end]: [number, number]): void {
  if (cache.size <= MAX_PAGES) return;
  const first = Math.floor(start / PAGE_SIZE);
  const last = Math.floor(end / PAGE_SIZE);
  const byAge = [...cache.entries()].filter(([p]) => p < first || p > last).sort((a, b) => a[1].usedAt - b[1].usedAt);
  for (const [page] of byAge.slice(0, cache.size - MAX_PAGES)) cache.delete(page);
}
