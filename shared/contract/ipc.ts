import type { ChannelName } from './channels';

/** IPC channel names are prefixed so they cannot collide with Electron's or a library's own. */
export const ipcChannel = (name: ChannelName): string => `kafkasder:${name}`;
