// Every request the renderer can make of the core: each feature declares its own channels (one
// contract module per feature); this table joins them. Preload, web bridge and the renderer
// client are all derived from it.
import type { z } from 'zod';
import { appChannels } from './app';
import { authChannels } from './auth';
import { exportChannels } from './exports';
import { importChannels } from './imports';
import { kvkkChannels } from './kvkk';
import { messagingChannels } from './messaging';
import { recordsChannels } from './records';
import { retentionChannels } from './retention';
import { settingsChannels } from './settings';

export const channels = {
  ...appChannels,
  ...settingsChannels,
  ...recordsChannels,
  ...authChannels,
  ...importChannels,
  ...exportChannels,
  ...messagingChannels,
  ...kvkkChannels,
  ...retentionChannels,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;
export const channelNames = Object.keys(channels) as ChannelName[];

export const isChannelName = (name: string): name is ChannelName => Object.hasOwn(channels, name);
