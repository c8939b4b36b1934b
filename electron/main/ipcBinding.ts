// Binds the core's dispatch to ipcMain, one handler per contract channel, plus the preload's
// grantFile. Each call is accepted only from our own window's top frame on app://kafkasder;
// dispatch parses every input, and grantFile checks its path before handing out an id.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { EVENT_CHANNEL, GRANT_FILE_CHANNEL } from '../../shared/contract/api';
import { channelNames } from '../../shared/contract/channels';
import { ipcChannel } from '../../shared/contract/ipc';
import { toAppErrorData } from '../core/errorData';
import type { Core } from '../features/createCore';
import type { FileGrants } from '../core/fileGrants';
import { isTrustedSender } from './senderPolicy';

const FORBIDDEN = { ok: false, error: { code: 'forbidden', message: 'Untrusted sender', messageTr: 'Güvenilmeyen gönderen' } } as const;

export function bindIpc(core: Core, trustedContents: () => WebContents | null, files: FileGrants): () => void {
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
      if (!isTrusted(event)) return FORBIDDEN;
      return core.dispatch(name, input);
    });
  }
  ipcMain.handle(GRANT_FILE_CHANNEL, (event, path: unknown) => {
    if (!isTrusted(event)) return FORBIDDEN;
    try {
      return { ok: true, value: files.grantChosen(path) };
    } catch (err) {
      return { ok: false, error: toAppErrorData(err) };
    }
  });
  const unsubscribe = core.bus.subscribe((name, payload) => {
    const contents = trustedContents();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, { name, payload });
  });
  return () => {
    unsubscribe();
    for (const name of channelNames) ipcMain.removeHandler(ipcChannel(name));
    ipcMain.removeHandler(GRANT_FILE_CHANNEL);
  };
}
