// DesktopApi over the loopback web bridge, derived from the contract's channel list: one POST
// route per channel, events over one EventSource. The bridge knows this browser by an HttpOnly
// cookie (set when its one-time link was opened): the page itself holds no secret.
import { channelNames, type ChannelName } from '../../../shared/contract/channels';
import type { DesktopApi, Envelope } from '../../../shared/contract/api';
import type { EventName } from '../../../shared/contract/events';

export function createWebBridgeApi(): DesktopApi {
  const call = async (channel: ChannelName, input: unknown): Promise<Envelope<unknown>> => {
    const res = await fetch(`/api/call/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
    return await envelopeOf(res);
  };

  type Listener = (payload: unknown) => void;
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource('/api/events');
    source.onmessage = (msg: MessageEvent<string>) => {
      const { name, payload } = JSON.parse(msg.data) as { name: EventName; payload: unknown };
      for (const l of listeners.get(name) ?? []) l(payload);
    };
  };

  const methods = Object.fromEntries(channelNames.map((name) => [name, (input: unknown) => call(name, input)]));
  return {
    ...methods,
    onEvent(name: EventName, listener: Listener) {
      ensureSource();
      const set = listeners.get(name) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(name, set);
      return () => void set.delete(listener);
    },
  } as unknown as DesktopApi;
}

/** Web mode only: streams a local file to the bridge; the envelope carries the upload reference. */
export async function uploadFile(file: File): Promise<Envelope<{ uploadId: string }>> {
  const res = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: file,
  });
  return await envelopeOf<{ uploadId: string }>(res);
}

/** The bridge answers refusals with the contract's error envelope too; anything else is named by its status. */
async function envelopeOf<T>(res: Response): Promise<Envelope<T>> {
  try {
    return (await res.json()) as Envelope<T>;
  } catch {
    return { ok: false, error: { code: `http_${res.status}`, message: `HTTP ${res.status}`, messageTr: `HTTP ${res.status}` } };
  }
}

export function downloadUrl(downloadId: string): string {
  return `/api/download/${downloadId}`;
}
