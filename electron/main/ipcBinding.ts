// Binds the core's dispatch to ipcMain, one handler per contract channel. Each call is accepted
// only from our own window's top frame on app://kafkasder; dispatch parses every input.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { EVENT_CHANNEL } from '../../shared/contract/api';
import { channelNames } from '../../shared/contract/channels';
import { ipcChannel } from '../../shared/contract/ipc';
import type { Core } from '../services/core/createCore';
import { isTrustedSender } from './senderPolicy';

export function bindIpc(core: Core, trustedContents: () => WebContents | null): () => void {
  const isTrusted = (event: IpcMainInvokeEvent) => {
    const frame = event.senderFrame;
    return isTrustedSender({
      isOurWindow: event.sender === trustedContents(),
      isTopFrame: frame !== null && frame === event.sender.mainFrame,
      frameUrl: frame?.url ?? null,
    });
  };
  for (const name of channelNames) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown) => {
      if (!isTrusted(event)) {
        return { ok: false, error: { code: 'forbidden', message: 'Untrusted sender', messageTr: 'Güvenilmeyen gönderen' } };
      }
      return core.dispatch(name, input);
    });
  }
  const unsubscribe = core.bus.subscribe((name, payload) => {
    const contents = trustedContents();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, { name, payload });
  });
  return () => {
    unsubscribe();
    for (const name of channelNames) ipcMain.removeHandler(ipcChannel(name));
  };
}
