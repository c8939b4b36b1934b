// Writing audit entries. Entries are append-only: nothing in convex/ edits them except a person's
// erasure (erasures.ts), which replaces the texts in an entry that name them and keeps the entry;
// only the retention run (retention.ts) deletes them, once past the period an administrator set.
import type { Doc, Id } from '../_generated/dataModel';
import type { MutationCtx } from '../_generated/server';
import type { AuditAction } from '../../shared/domain/audit';

export interface AuditEntry {
  /** One of shared/domain/audit's list: the Audit page names each in both languages. */
  action: AuditAction;
  actor?: Doc<'users'> | null;
  collection?: string;
  summary: unknown;
}

/** Longest string an entry keeps (file names, error texts, typed e-mails): an entry cannot be a dump. */
export const MAX_AUDIT_STRING = 500;

const cap = (text: string) => (text.length > MAX_AUDIT_STRING ? `${text.slice(0, MAX_AUDIT_STRING - 1)}…` : text);

/** The summary with every string in it capped, at any depth. */
function capStrings(value: unknown): unknown {
  if (typeof value === 'string') return cap(value);
  if (Array.isArray(value)) return value.map(capStrings);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    // Keys are cut without a mark: a field name must stay plain ASCII.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.slice(0, MAX_AUDIT_STRING), capStrings(v)]));
  }
  return value;
}

export async function writeAudit(ctx: MutationCtx, entry: AuditEntry): Promise<Id<'auditLogs'>> {
  return await ctx.db.insert('auditLogs', {
    action: entry.action,
    actorId: entry.actor?._id,
    actorName: entry.actor?.name,
    at: Date.now(),
    collection: entry.collection === undefined ? undefined : cap(entry.collection),
    summary: capStrings(entry.summary ?? null),
  });
}
