// Zod schemas shared by several channels of the contract.
import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { COLLECTIONS, LANGS } from '../domain/vocabularies';

export const collectionName = z.enum(COLLECTIONS);
export const lang = z.enum(LANGS);
/**
 * A file the host handed out: `file:` ids on the desktop (a file chosen in a dialog or dropped on
 * the window, or one the app wrote), `upload:` ids in web mode. The renderer never sends a path.
 */
export const fileId = z.string().regex(/^(file|upload):[0-9a-f-]{36}$/, 'a file id handed out by the app');

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd');

/** A stored document as the renderer sees it: values are strings or numbers, plus Convex system fields. */
export const recordDoc = z.record(z.string(), z.union([z.string(), z.number(), z.null()]).optional());

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ page: z.array(item), isDone: z.boolean(), continueCursor: z.string() });

export const pageRequest = z.object({
  cursor: z.string().nullable(),
  numItems: z.number().int().min(1).max(500),
});

export const profile = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  role: z.enum(ROLES).optional(),
});

export const auditEntry = z.object({
  id: z.string(),
  action: z.string(),
  at: z.number(),
  actorName: z.string().optional(),
  collection: z.string().optional(),
  summary: z.record(z.string(), z.unknown()),
});

/** Errors cross the boundary as data; both messages travel so the UI can switch language. */
export const appError = z.object({
  code: z.string(),
  message: z.string(),
  messageTr: z.string().optional(),
  details: z.unknown().optional(),
});
export type AppError = z.infer<typeof appError>;
