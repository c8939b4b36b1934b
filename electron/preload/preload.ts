// Exposes DesktopApi to the sandboxed renderer: one named method per contract channel and an
// event subscription returning its unsubscribe handle. ipcRenderer itself never leaves this file.
// The preload only forwards: the core checks every input against the contract, so the channel
// names are put in at build time (electron/build/buildElectron.ts) and no zod is bundled here.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { DESKTOP_API_KEY, EVENT_CHANNEL, GRANT_FILE_CHANNEL } from '../../shared/contract/api';
import type { ChannelName } from '../../shared/contract/channels';
import { ipcChannel } from '../../shared/contract/ipc';

declare const __CONTRACT_CHANNEL_NAMES__: ChannelName[];

const methods = Object.fromEntries(
  __CONTRACT_CHANNEL_NAMES__.map((name) => [name, (input: unknown) => ipcRenderer.invoke(ipcChannel(name), input)]),
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
  /**
   * Hands a dropped or picked file to main, which answers with an id. The path goes from here to
   * main only: the page never holds it. A File the page made itself has no path and is refused.
   */
  grantFile(file: File): Promise<unknown> {
    return ipcRenderer.invoke(GRANT_FILE_CHANNEL, webUtils.getPathForFile(file));
  },
});
