// Events pushed from the core to the renderer. Every binding delivers them as { name, payload }.
import { z } from 'zod';
import { authEvents } from './auth';
import { messagingEvents } from './messaging';
import { appError, collectionName } from './schemas';

/** The backend connection as the core sees it; a memory backend is always connected. */
export const connectionStatus = z.object({
  state: z.enum(['connecting', 'connected', 'disconnected']),
  url: z.string().optional(),
  /** Epoch ms of the last change. */
  since: z.number(),
});
export type ConnectionStatus = z.infer<typeof connectionStatus>;

export const events = {
  jobProgress: z.object({ jobId: z.string(), kind: z.string(), progress: z.unknown() }),
  jobDone: z.object({ jobId: z.string(), kind: z.string(), result: z.unknown() }),
  jobFailed: z.object({ jobId: z.string(), kind: z.string(), error: appError, cancelled: z.boolean() }),
  /** A collection changed (import, edit); pages showing it refetch. */
  dataChanged: z.object({ collection: z.union([collectionName, z.enum(['auditLogs', 'importRuns'])]) }),
  /** The backend connection changed: the app shell shows "cannot reach the server" while it is down. */
  connectionState: connectionStatus,
  ...messagingEvents,
  ...authEvents,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
