// The renderer's one way to the core: the preload's DesktopApi in Electron, the web bridge in a
// browser. Envelopes become values or a ClientError carrying both languages.
import { DESKTOP_API_KEY, type DesktopApi, type Envelope } from '../../../shared/contract/api';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/contract/channels';
import type { AppError } from '../../../shared/contract/schemas';
import { createWebBridgeApi } from './webBridgeApi';
import type { HostKind } from '../../../shared/domain/vocabularies';

export class ClientError extends Error {
  constructor(readonly data: AppError) {
    super(data.message);
  }
  localized(lang: string): string {
    return lang === 'tr' && this.data.messageTr ? this.data.messageTr : this.data.message;
  }
}

function resolveApi(): { api: DesktopApi; host: HostKind } {
  const injected = (window as unknown as Record<string, DesktopApi | undefined>)[DESKTOP_API_KEY];
  if (injected) return { api: injected, host: 'electron' };
  // The web bridge serves this page only to a browser that opened its one-time link.
  return { api: createWebBridgeApi(), host: 'web' };
}

export const desktop = resolveApi();

export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const method = desktop.api[channel] as unknown as (i: ChannelInput<C>) => Promise<Envelope<unknown>>;
  const envelope = await method(input);
  if (!envelope.ok) throw new ClientError(envelope.error);
  return envelope.value as ChannelOutput<C>;
}
