// Typed fan-out of core events to whichever host is listening (IPC window, web bridge clients).
import type { EventName, EventPayload } from '../../shared/contract/events';

export type EventSink = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export class EventBus {
  private readonly sinks = new Set<EventSink>();

  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit: EventSink = (name, payload) => {
    for (const sink of this.sinks) sink(name, payload);
  };
}
