// Every request the renderer can make of the core, declared once. Preload, web bridge and the
// renderer client are all derived from this table.
import { z } from 'zod';
import { authChannels } from './authChannels';
import { backendUrlProblem } from '../domain/backendUrl';
import { channel } from './define';
import { connectionStatus } from './events';
import { exportChannels } from './exportJobs';
import { importChannels } from './importChannels';
import { messagingChannels } from './messagingChannels';
import { auditEntry, collectionName, fileId, isoDate, lang, page, pageRequest, profile, recordDoc } from './schemas';

/** The version handshake's verdict on the deployment (or the lack of one). */
export const serverStatus = z.object({
  state: z.enum(['ok', 'unconfigured', 'unreachable', 'missing', 'older', 'newer', 'not-https', 'invalid']),
  url: z.string().optional(),
  /** The functions' version this app expects, and the one the server reported. */
  expected: z.number().int(),
  actual: z.number().int().optional(),
});
export type ServerStatus = z.infer<typeof serverStatus>;

/** https, or http only to this PC (see shared/domain/backendUrl.ts). */
const backendUrl = z.string().trim().max(2048).refine((url) => backendUrlProblem(url) === null, {
  message: 'Sunucu adresi https ile başlamalı (http yalnızca bu bilgisayar için) / The server URL must be https (http only for this PC)',
});

export const appInfo = z.object({
  host: z.enum(['electron', 'web']),
  version: z.string(),
  backend: z.object({ kind: z.enum(['convex', 'memory']), url: z.string().optional() }),
  /** True when data lives only in memory (web demo): the UI shows a banner. */
  ephemeral: z.boolean(),
  /** The start's version handshake; anything but 'ok' shows the server screen instead of the app. */
  server: serverStatus,
  /** The backend connection now; changes arrive as the connectionState event. */
  connection: connectionStatus,
});

export const settings = z.object({
  language: lang,
  /** Where the backend URL came from; the renderer may show it, it is not a secret. */
  backendUrl: z.string().nullable(),
  backendUrlSource: z.enum(['env', 'settings', 'local', 'memory', 'none']),
  /** Days that check stores, import run folders, error reports and exports stay on this PC. */
  retentionDays: z.number().int(),
});

export const channels = {
  getAppInfo: channel(z.object({}), appInfo),
  getSettings: channel(z.object({}), settings),
  saveSettings: channel(
    z.object({
      language: lang.optional(),
      backendUrl: backendUrl.nullable().optional(),
      retentionDays: z.number().int().min(1).max(365).optional(),
    }),
    settings,
  ),
  /** Runs the version handshake against a URL, or again against the current server (no url). */
  checkServer: channel(z.object({ url: z.string().trim().max(2048).optional() }), serverStatus),
  /** First-run screen: checks the URL and saves it only when it runs this app's functions. */
  saveServer: channel(
    z.object({ url: z.string().trim().min(1).max(2048) }),
    z.object({ status: serverStatus, saved: z.boolean(), restarting: z.boolean() }),
  ),
  /** The signed-in person (null when signed out). */
  getProfile: channel(z.object({}), profile.nullable()),
  /** One's own name and phone; the e-mail is the sign-in name, changed only by an administrator. */
  saveProfile: channel(
    z.object({
      name: z.string().trim().min(2).max(120),
      phone: z.string().trim().max(40).optional(),
    }),
    profile,
  ),
  listRecords: channel(
    pageRequest.extend({
      collection: collectionName,
      search: z.string().trim().max(200).optional(),
      status: z.string().max(40).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
    }),
    // searchCapped: the search matched more than one search can read; the page asks to narrow it.
    page(recordDoc).extend({ searchCapped: z.boolean() }),
  ),
  getRecord: channel(z.object({ collection: collectionName, id: z.string().max(64) }), recordDoc.nullable()),
  listAudit: channel(pageRequest, page(auditEntry)),
  /**
   * Desktop only: a native save dialog. The chosen file comes back as an id (the export's target);
   * its path only as text to show. null when cancelled or in web mode (which downloads instead).
   */
  pickSavePath: channel(
    z.object({ defaultName: z.string().min(1).max(255), extensions: z.array(z.string().regex(/^\w{1,8}$/)).max(8) }),
    z.object({ fileId: fileId.nullable(), path: z.string().nullable(), supported: z.boolean() }),
  ),
  /** Desktop only: shows a file the app handed out (by id) in the system file manager. */
  revealFile: channel(z.object({ fileId }), z.object({ revealed: z.boolean() })),
  startJob: channel(z.object({ kind: z.string().max(64), input: z.unknown() }), z.object({ jobId: z.string() })),
  cancelJob: channel(z.object({ jobId: z.string().max(64) }), z.object({ cancelled: z.boolean() })),
  ...authChannels,
  ...importChannels,
  ...exportChannels,
  ...messagingChannels,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;
export const channelNames = Object.keys(channels) as ChannelName[];

export const isChannelName = (name: string): name is ChannelName => Object.hasOwn(channels, name);
