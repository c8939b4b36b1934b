import { useEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import { desktop } from './client';

/** Subscribes for the component's lifetime; the latest listener is always the one called. */
export function useEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => desktop.api.onEvent(name, (p) => latest.current(p)), [name]);
}
