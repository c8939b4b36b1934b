// Rules of the outbox that do not touch the database: retry timing, how far a notification's
// status may move, and which template each kind of notification uses.
import type { Doc } from '../_generated/dataModel';
import { NOTIFICATION_KINDS } from '../../shared/domain/vocabularies';

/** Attempts before a retryable failure becomes final. */
export const MAX_ATTEMPTS = 6;
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 60 * 60_000;
/** Bounds on what an outbox worker may ask for in one claim. */
export const MAX_CLAIM = 50;
export const MIN_LEASE_MS = 1_000;
export const MAX_LEASE_MS = 15 * 60_000;

/**
 * Delay before retry number `attempt` (1-based: the attempt that just failed): "full jitter",
 * a uniform draw below an exponentially growing ceiling, so many failed deliveries do not all
 * come back at the same moment.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

export type NotificationStatus = Doc<'workflowNotifications'>['status'];
const STATUS_ORDER: Record<NotificationStatus, number> = { beklemede: 0, gonderildi: 1, okundu: 2 };

/** True when `next` is further along than `current`: status never moves back. */
export function movesForward(current: NotificationStatus, next: NotificationStatus): boolean {
  return STATUS_ORDER[next] > STATUS_ORDER[current];
}

export type NotificationKind = Doc<'workflowNotifications'>['kind'];

/** The outbox worker's template for each kind of notification (electron/features/messaging/templates). */
export const TEMPLATE_FOR_KIND: Record<NotificationKind, string> = {
  toplanti: 'meeting_reminder',
  gorev: 'task_assignment',
  rapor: 'report_ready',
  sistem: 'notification',
  ice_aktarma: 'notification',
};

export type ChannelPrefs = { email: boolean; sms: boolean };
export type KindPrefs = Record<NotificationKind, ChannelPrefs>;

/** Without saved preferences: e-mail for everything, SMS (which costs money) for nothing. */
export function defaultPrefs(): KindPrefs {
  const prefs = {} as KindPrefs;
  for (const kind of NOTIFICATION_KINDS) prefs[kind] = { email: true, sms: false };
  return prefs;
}

export function mergePrefs(saved: Record<string, ChannelPrefs> | undefined): KindPrefs {
  const prefs = defaultPrefs();
  for (const kind of NOTIFICATION_KINDS) {
    const s = saved?.[kind];
    if (s) prefs[kind] = { email: s.email, sms: s.sms };
  }
  return prefs;
}

export type DeliveryState = Doc<'deliveries'>['state'];
export const isTerminal = (state: DeliveryState) => state === 'sent' || state === 'failed' || state === 'skipped';
