// Events pushed from the core to the renderer. Every binding delivers them as { name, payload }.
import { z } from 'zod';
import { authEvents } from './authChannels';
import { messagingEvents } from './messagingChannels';
import { appError, collectionName } from './schemas';

export const events = {
  jobProgress: z.object({ jobId: z.string(), kind: z.string(), progress: z.unknown() }),
  jobDone: z.object({ jobId: z.string(), kind: z.string(), result: z.unknown() }),
  jobFailed: z.object({ jobId: z.string(), kind: z.string(), error: appError, cancelled: z.boolean() }),
  /** A collection changed (import, edit); pages showing it refetch. */
  dataChanged: z.object({ collection: z.union([collectionName, z.enum(['auditLogs', 'importRuns'])]) }),
  ...messagingEvents,
  ...authEvents,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export const eventNames = Object.keys(events) as EventName[];
