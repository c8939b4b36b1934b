// Convex pages by cursor. This keeps the cursor of every page visited so "previous" works, reads
// the current page again when its inputs change or on reload, and drops answers that arrive
// after the inputs moved on.
import { useCallback, useEffect, useState } from 'react';
import { ClientError } from './client';
import { useSignInCount } from './useSignInCount';

export interface CursorPage<T> {
  page: T[];
  isDone: boolean;
  continueCursor: string;
}

export interface CursorPages<T, P extends CursorPage<T> = CursorPage<T>> {
  rows: T[];
  /** The page shown as the backend answered it (for fields besides the rows), or null. */
  current: P | null;
  loading: boolean;
  /** The failure in the current UI language, or null. */
  error: string | null;
  /** 1-based number of the page shown. */
  pageNumber: number;
  hasPrevious: boolean;
  hasNext: boolean;
  previous(): void;
  next(): void;
  /** Back to the first page (after a filter changed). */
  reset(): void;
  reload(): void;
}

/**
 * `load` is called with the current cursor; `inputs` are what the page depends on besides the
 * cursor (filters, collection, language): a change reads again (callers reset paging themselves).
 */
export function useCursorPages<T, P extends CursorPage<T> = CursorPage<T>>(
  load: (cursor: string | null) => Promise<P>,
  inputs: readonly unknown[],
  lang: string,
): CursorPages<T, P> {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [page, setPage] = useState<P | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const cursor = cursors[cursors.length - 1] ?? null;
  const signIns = useSignInCount();

  useEffect(() => {
    let stale = false;
    setLoading(true);
    load(cursor)
      .then((p) => {
        if (stale) return;
        setPage(p);
        setError(null);
      })
      .catch((e: unknown) => !stale && setError(e instanceof ClientError ? e.localized(lang) : String(e)))
      .finally(() => !stale && setLoading(false));
    return () => {
      stale = true;
    };
    // `load` is rebuilt on every render; what it reads is listed in `inputs`.
  }, [cursor, tick, lang, signIns, ...inputs]);

  return {
    rows: page?.page ?? [],
    current: page,
    loading,
    error,
    pageNumber: cursors.length,
    hasPrevious: cursors.length > 1,
    hasNext: !!page && !page.isDone,
    previous: useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []),
    next: () => page && !page.isDone && setCursors((c) => [...c, page.continueCursor]),
    reset: useCallback(() => setCursors([null]), []),
    reload: useCallback(() => setTick((n) => n + 1), []),
  };
}
