import { afterEach, expect, test, vi } from 'vitest';
import { IDLE_LOCK_DEFAULT_MINUTES } from '../../../shared/domain/sessions';
import { createIdleLock } from './idleLock';

afterEach(() => {
  vi.useRealTimers();
});

test(`locks once after ${IDLE_LOCK_DEFAULT_MINUTES} minutes without input; input starts the countdown again`, () => {
  vi.useFakeTimers();
  const onLock = vi.fn();
  const lock = createIdleLock(onLock);
  vi.advanceTimersByTime(14 * 60_000);
  lock.activity();
  vi.advanceTimersByTime(14 * 60_000);
  expect(onLock).not.toHaveBeenCalled();
  vi.advanceTimersByTime(60_000);
  expect(onLock).toHaveBeenCalledTimes(1);
  // Once locked, later input does not re-arm it: the next sign-in makes a new lock.
  lock.activity();
  vi.advanceTimersByTime(60 * 60_000);
  expect(onLock).toHaveBeenCalledTimes(1);
});

test('an administrator-set time is honoured; a stopped lock (signed out) never fires', () => {
  vi.useFakeTimers();
  const onLock = vi.fn();
  createIdleLock(onLock, 5);
  vi.advanceTimersByTime(5 * 60_000 - 1);
  expect(onLock).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1);
  expect(onLock).toHaveBeenCalledTimes(1);

  const other = vi.fn();
  const stopped = createIdleLock(other, 5);
  stopped.stop();
  vi.advanceTimersByTime(60 * 60_000);
  expect(other).not.toHaveBeenCalled();
});
