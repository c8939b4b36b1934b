// A value fetched from the core whenever its key changes, debounced so clicking through filters
// does not flood the backend; answers to an older key are dropped.
import { useEffect, useRef, useState } from 'react';
import { useSignInCount } from './useSignInCount';

export function useDebouncedCall<T>(
  key: string,
  fetch: () => Promise<T>,
  describeError: (e: unknown) => string,
  delayMs = 300,
): { value: T | null; error: string | null } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef({ fetch, describeError });
  latest.current = { fetch, describeError };
  const signIns = useSignInCount();
  useEffect(() => {
    let stale = false;
    setValue(null);
    const timer = setTimeout(() => {
      latest.current
        .fetch()
        .then((v) => !stale && (setValue(v), setError(null)))
        .catch((e: unknown) => !stale && setError(latest.current.describeError(e)));
    }, delayMs);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // Keyed on the string: a new but equal filters object does not fetch again.
  }, [key, delayMs, signIns]);
  return { value, error };
}
