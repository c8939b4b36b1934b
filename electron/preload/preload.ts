// Exposes DesktopApi to the sandboxed renderer: one named method per contract channel and an
// event subscription returning its unsubscribe handle. ipcRenderer itself never leaves this file.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { DESKTOP_API_KEY, EVENT_CHANNEL } from '../../shared/contract/api';
import { channelNames } from '../../shared/contract/channels';
import { ipcChannel } from '../../shared/contract/ipc';

const methods = Object.fromEntries(
  channelNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(ipcChannel(name), input)]),
);

contextBridge.exposeInMainWorld(DESKTOP_API_KEY, {
  ...methods,
  onEvent(name: string, listener: (payload: unknown) => void) {
    const handler = (_event: IpcRendererEvent, message: { name: string; payload: unknown }) => {
      if (message.name === name) listener(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
  /** The path of a dropped or picked file; main re-checks it before reading. */
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
});
