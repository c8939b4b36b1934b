// The idle lock of a shared office PC: after a set time without input from the person signed in,
// the app signs out, so the sign-in screen comes over the page (which is kept when the same
// person signs in again). Pure timing logic here; App.tsx feeds it the window's input events.
import { IDLE_LOCK_DEFAULT_MINUTES } from '../../../shared/domain/sessions';

export interface IdleTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The input that counts as someone at the PC. */
export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

export interface IdleLock {
  /** Input was seen: the countdown starts again. */
  activity(): void;
  stop(): void;
}

export function createIdleLock(onLock: () => void, minutes: number = IDLE_LOCK_DEFAULT_MINUTES, timers: IdleTimers = globalThis): IdleLock {
  const ms = minutes * 60_000;
  let handle: unknown = null;
  let stopped = false;
  const arm = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = timers.setTimeout(() => {
      handle = null;
      if (stopped) return;
      stopped = true;
      onLock();
    }, ms);
  };
  arm();
  return {
    activity: () => {
      if (!stopped) arm();
    },
    stop: () => {
      stopped = true;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
  };
}
