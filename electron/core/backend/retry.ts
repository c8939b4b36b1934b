// Retrying backend calls that failed for reasons that may pass (a connection that dropped while
// the call was out). What counts as such is decided in one place, backend/backendErrors.ts, by
// type: everything the server decided (ConvexError, a function failure, a limit or OCC error) and a
// server that stayed unreachable for the gateway's whole timeout are thrown at once.
import { isRetryable } from './backendErrors';

export interface RetryOptions {
  /** Total tries including the first. */
  attempts?: number;
  baseMs?: number;
  maxMs?: number;
  signal?: AbortSignal;
  /** Injected in tests to make the jitter predictable. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

/** "Full jitter": a uniform delay between 0 and the capped exponential step. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs fn until it succeeds, fails permanently, or runs out of attempts. An abort ends the waiting
 * between attempts and rethrows the last error; a call already running is never interrupted.
 */
export async function withRetry<T>(fn: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 6;
  const baseMs = opts.baseMs ?? 250;
  const maxMs = opts.maxMs ?? 8000;
  const random = opts.random ?? Math.random;
  const wait = opts.sleep ?? sleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isRetryable(err) || attempt + 1 >= attempts || opts.signal?.aborted) throw err;
      const delay = backoffDelay(attempt, baseMs, maxMs, random);
      opts.onRetry?.(err, attempt + 1, delay);
      await wait(delay, opts.signal);
      if (opts.signal?.aborted) throw err;
    }
  }
}
