// The app shell's contract: what the app is and which server it talks to (the version handshake),
// the desktop's native dialogs, and starting and cancelling any feature's job.
import { z } from 'zod';
import { BACKEND_KINDS, HOST_KINDS } from '../domain/vocabularies';
import { channel } from './define';
import { connectionStatus } from './events';
import { fileId } from './schemas';

/** The version handshake's verdict on the deployment (or the lack of one). */
export const serverStatus = z.object({
  state: z.enum(['ok', 'unconfigured', 'unreachable', 'missing', 'older', 'newer', 'not-https', 'invalid']),
  url: z.string().optional(),
  /** The functions' version this app expects, and the one the server reported. */
  expected: z.number().int(),
  actual: z.number().int().optional(),
});
export type ServerStatus = z.infer<typeof serverStatus>;

export const appInfo = z.object({
  host: z.enum(HOST_KINDS),
  version: z.string(),
  backend: z.object({ kind: z.enum(BACKEND_KINDS), url: z.string().optional() }),
  /** True when data lives only in memory (web demo): the UI shows a banner. */
  ephemeral: z.boolean(),
  /** The start's version handshake; anything but 'ok' shows the server screen instead of the app. */
  server: serverStatus,
  /** The backend connection now; changes arrive as the connectionState event. */
  connection: connectionStatus,
});

export const appChannels = {
  getAppInfo: channel(z.object({}), appInfo),
  /** Runs the version handshake against a URL, or again against the current server (no url). */
  checkServer: channel(z.object({ url: z.string().trim().max(2048).optional() }), serverStatus),
  /** First-run screen: checks the URL and saves it only when it runs this app's functions. */
  saveServer: channel(
    z.object({ url: z.string().trim().min(1).max(2048) }),
    z.object({ status: serverStatus, saved: z.boolean(), restarting: z.boolean() }),
  ),
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
} as const;
