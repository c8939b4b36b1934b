// DesktopApi: what a host (preload or web bridge client) exposes to the renderer. Named methods,
// one per channel, and an event subscription that returns its own unsubscribe handle.
import type { AppError } from './schemas';
import type { ChannelInput, ChannelName, ChannelOutput } from './channels';
import type { EventName, EventPayload } from './events';

/** What crosses every boundary: a result or an error as data (never a thrown IPC error string). */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppError };

export type DesktopApi = {
  [C in ChannelName]: (input: ChannelInput<C>) => Promise<Envelope<ChannelOutput<C>>>;
} & {
  onEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * Electron only: hands a dropped or picked file to the main process, which answers with its id.
   * The path goes from the preload to main directly; the page never sees it.
   */
  grantFile?(file: File): Promise<Envelope<{ fileId: string; name: string }>>;
};

/** The name under which the preload exposes DesktopApi on window. */
export const DESKTOP_API_KEY = 'kafkasder';
/** The preload's own channel for grantFile (not a contract channel: it carries a path, so no bridge serves it). */
export const GRANT_FILE_CHANNEL = 'kafkasder:grantFile';
/** The single IPC channel events travel on; the payload carries the event name. */
export const EVENT_CHANNEL = 'kafkasder:event';
