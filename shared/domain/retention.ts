// Retention that deletes (issue #25, item 5): how long each category of server data is kept,
// what the daily run does to it when that time has passed, and the bounds an administrator may
// set. The README states the defaults and why.

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the daily retention run walks, each on its own. */
export const RETENTION_CATEGORIES = [
  'settled_deliveries',
  'notifications',
  'audit_entries',
  'history_entries',
  'inactive_beneficiaries',
  'closed_requests',
] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

/** How a category's documents are destroyed (the destruction log's `method`). */
export const DESTRUCTION_METHODS = ['deleted', 'anonymised'] as const;
export type DestructionMethod = (typeof DESTRUCTION_METHODS)[number];

/**
 * Settled deliveries are anonymised (the address, subject and message are removed; the state
 * stays, so a campaign's totals stay true); everything else is deleted.
 */
export const RETENTION_METHOD: Record<RetentionCategory, DestructionMethod> = {
  settled_deliveries: 'anonymised',
  notifications: 'deleted',
  audit_entries: 'deleted',
  history_entries: 'deleted',
  inactive_beneficiaries: 'deleted',
  closed_requests: 'deleted',
};

/** Days each category is kept when no administrator has said otherwise (README: why). */
export const RETENTION_DEFAULT_DAYS: Record<RetentionCategory, number> = {
  settled_deliveries: 180,
  notifications: 365,
  audit_entries: 730,
  history_entries: 730,
  inactive_beneficiaries: 1825,
  closed_requests: 1095,
};

/**
 * The shortest period an administrator may set: the audit trail, record history and answered
 * requests are evidence (a KVKK complaint, a Board inquiry) and stay at least a year.
 */
export const RETENTION_MIN_DAYS: Record<RetentionCategory, number> = {
  settled_deliveries: 30,
  notifications: 30,
  audit_entries: 365,
  history_entries: 365,
  inactive_beneficiaries: 365,
  closed_requests: 365,
};
/** The longest period (ten years, the general limitation period of the Code of Obligations). */
export const RETENTION_MAX_DAYS = 3650;

/** The destruction log is kept for three years, then pruned (Regulation on Erasure, Art. 7(3)). */
export const DESTRUCTION_LOG_DAYS = 1095;

export type RetentionPeriods = Record<RetentionCategory, number>;

/** Why `days` is not allowed for `category`, or null when it is. */
export function retentionDaysProblem(category: RetentionCategory, days: number): string | null {
  if (!Number.isInteger(days)) return 'not_integer';
  if (days < RETENTION_MIN_DAYS[category]) return 'too_short';
  if (days > RETENTION_MAX_DAYS) return 'too_long';
  return null;
}

/** The instant before which a category's documents are due, for a run started at `now`. */
export function retentionCutoff(days: number, now: number): number {
  return now - days * DAY_MS;
}
