// The KVKK desk's vocabularies and clock rules (issue #25): data-subject requests (Art. 11, 13)
// answered within 30 days, with reminders on day 20 and day 27; consents per purpose. Each
// vocabulary's names in Turkish and English live here once: the desk, a record's consent tab, the
// import's consent columns and the access report (main process) all say them alike.
import type { Localized } from './types';

/** What a data subject asks for (Art. 11). */
export const DSR_TYPES = ['access', 'rectification', 'erasure', 'objection', 'information'] as const;
export const DSR_TYPE_LABELS: Record<(typeof DSR_TYPES)[number], Localized> = {
  access: { tr: 'Erişim', en: 'Access' },
  rectification: { tr: 'Düzeltme', en: 'Rectification' },
  erasure: { tr: 'Silme', en: 'Erasure' },
  objection: { tr: 'İtiraz', en: 'Objection' },
  information: { tr: 'Bilgi', en: 'Information' },
};

/** How the request reached the association. */
export const DSR_CHANNELS = ['paper', 'email', 'kep', 'in_person', 'online'] as const;
export const DSR_CHANNEL_LABELS: Record<(typeof DSR_CHANNELS)[number], Localized> = {
  paper: { tr: 'Dilekçe', en: 'Paper' },
  email: { tr: 'E-posta', en: 'E-mail' },
  kep: { tr: 'KEP', en: 'KEP' },
  in_person: { tr: 'Elden', en: 'In person' },
  online: { tr: 'Çevrim içi', en: 'Online' },
};

export const DSR_STATUSES = ['open', 'closed'] as const;
export const DSR_STATUS_LABELS: Record<(typeof DSR_STATUSES)[number], Localized> = {
  open: { tr: 'Açık', en: 'Open' },
  closed: { tr: 'Kapandı', en: 'Closed' },
};

/** The desk's list filters: every open one, those due within 7 days, those past their deadline, closed. */
export const DSR_FILTERS = ['open', 'due_this_week', 'overdue', 'closed'] as const;
export type DsrFilter = (typeof DSR_FILTERS)[number];

/** One step of a request, in its log. */
export const DSR_EVENT_KINDS = ['intake', 'assign', 'reply', 'reminder', 'close'] as const;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Art. 13(2): the reply is due at the latest thirty days after the request was received. */
export const DSR_DEADLINE_DAYS = 30;
/** The assignee is reminded on these days after receipt (in the inbox and by e-mail). */
export const DSR_REMINDER_DAYS = [20, 27] as const;
/** "Due this week": the deadline falls within this many days from now. */
export const DSR_DUE_SOON_DAYS = 7;

export function dsrDueAt(receivedAt: number): number {
  return receivedAt + DSR_DEADLINE_DAYS * DAY_MS;
}

/** The reminder days (of DSR_REMINDER_DAYS) that have come for a request received at `receivedAt`. */
export function dsrRemindersDue(receivedAt: number, now: number): number[] {
  return DSR_REMINDER_DAYS.filter((day) => now >= receivedAt + day * DAY_MS);
}

/** Whole days left until the deadline (negative: overdue by that many days). */
export function dsrDaysLeft(dueAt: number, now: number): number {
  return Math.ceil((dueAt - now) / DAY_MS);
}

/** What a consent is given for: SMS, e-mail, processing of special-category data (Art. 6). */
export const CONSENT_PURPOSES = ['sms', 'email', 'special'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_PURPOSE_LABELS: Record<ConsentPurpose, Localized> = {
  sms: { tr: 'SMS', en: 'SMS' },
  email: { tr: 'E-posta', en: 'E-mail' },
  special: { tr: 'Özel nitelikli veri işleme', en: 'Processing of special-category data' },
};

/** How a consent was obtained. */
export const CONSENT_METHODS = ['paper', 'verbal', 'online'] as const;
export const CONSENT_METHOD_LABELS: Record<(typeof CONSENT_METHODS)[number], Localized> = {
  paper: { tr: 'Yazılı form', en: 'Paper form' },
  verbal: { tr: 'Sözlü', en: 'Verbally' },
  online: { tr: 'Çevrim içi', en: 'Online' },
};
