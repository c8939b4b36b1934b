// Writing audit entries. Entries are append-only: nothing in convex/ edits or deletes them.
import type { Doc, Id } from '../_generated/dataModel';
import type { MutationCtx } from '../_generated/server';

export type AuditAction = 'import' | 'export' | 'bulk_send' | 'settings_change';

export interface AuditEntry {
  action: AuditAction | (string & {});
  actor?: Doc<'users'> | null;
  collection?: string;
  summary: unknown;
}

export async function writeAudit(ctx: MutationCtx, entry: AuditEntry): Promise<Id<'auditLogs'>> {
  return await ctx.db.insert('auditLogs', {
    action: entry.action,
    actorId: entry.actor?._id,
    actorName: entry.actor?.name,
    at: Date.now(),
    collection: entry.collection,
    summary: entry.summary ?? null,
  });
}
