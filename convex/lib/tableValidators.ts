// Validators shared by the schema and the functions that read or write those tables, so a
// shape is declared once.
import { v } from 'convex/values';
import { IMPORT_MODES } from '../../shared/domain/importModes';
import { CONSENT_METHODS, CONSENT_PURPOSES, DSR_CHANNELS, DSR_TYPES } from '../../shared/domain/kvkk';
import { ROLES } from '../../shared/domain/roles';
import { ERROR_CODES } from '../../shared/domain/types';
import {
  CHANGE_ACTIONS,
  DELIVERY_CHANNELS,
  DELIVERY_STATES,
  EXPORT_FORMATS,
  FINISHED_STATUSES,
  HISTORY_KINDS,
  LANGS,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
  ROW_OUTCOMES,
  STAFF_NOTIFICATION_KINDS,
  RUN_STATUSES,
  UNDO_STATUSES,
} from '../../shared/domain/vocabularies';
import { literals } from './literals';

export const importModeValidator = literals(IMPORT_MODES);
export const runStatusValidator = literals(RUN_STATUSES);
export const finishedStatusValidator = literals(FINISHED_STATUSES);
export const errorCodeValidator = literals(ERROR_CODES);
export const changeActionValidator = literals(CHANGE_ACTIONS);
export const langValidator = literals(LANGS);
export const historyKindValidator = literals(HISTORY_KINDS);

export const fieldErrorValidator = v.object({
  field: v.string(),
  code: errorCodeValidator,
  params: v.optional(v.record(v.string(), v.union(v.string(), v.number()))),
});

/** A stored value, or null where the record has none. */
export const storedOrNullValidator = v.union(v.string(), v.number(), v.null());
export const storedSnapshotValidator = v.record(v.string(), storedOrNullValidator);

/** One field of a record's history entry: its stored value before and after (null: none). */
export const fieldChangeValidator = v.object({ field: v.string(), before: storedOrNullValidator, after: storedOrNullValidator });

export const rowResultValidator = v.object({
  rowNumber: v.number(),
  outcome: literals(ROW_OUTCOMES),
  id: v.optional(v.string()),
  errors: v.optional(v.array(fieldErrorValidator)),
  /** conflict: the stored values (now) of the fields that changed since the dry run; null = record gone. */
  stored: v.optional(v.union(storedSnapshotValidator, v.null())),
});

// `unchanged` and `conflict` came with the dry run; runs stored before it lack them.
export const batchCountsValidator = v.object({
  inserted: v.number(),
  updated: v.number(),
  unchanged: v.optional(v.number()),
  conflict: v.optional(v.number()),
  failed: v.number(),
});

export const runCountsValidator = v.object({
  inserted: v.number(),
  updated: v.number(),
  unchanged: v.optional(v.number()),
  conflict: v.optional(v.number()),
  skipped: v.number(),
  failed: v.number(),
});

/** Staff's control totals (from the bank statement) beside the file's, for donations and finance records. */
export const controlTotalsValidator = v.object({
  expectedRows: v.number(),
  expectedAmount: v.number(),
  fileRows: v.number(),
  fileAmount: v.number(),
});

/** `consents`: consents the run recorded (consent columns), deleted by the undo. */
export const undoCountsValidator = v.object({ deleted: v.number(), restored: v.number(), kept: v.number(), consents: v.optional(v.number()) });

/** A beneficiary import row's consent columns (shared/domain/importConsent.ts). */
export const importConsentValidator = v.object({
  purposes: v.array(literals(CONSENT_PURPOSES)),
  date: v.optional(v.string()),
  method: v.optional(literals(CONSENT_METHODS)),
  noticeVersion: v.optional(v.string()),
});

export const undoStateValidator = v.object({
  status: literals(UNDO_STATUSES),
  actorId: v.optional(v.id('users')),
  startedAt: v.number(),
  finishedAt: v.optional(v.number()),
  counts: undoCountsValidator,
});

export const notificationKindValidator = literals(NOTIFICATION_KINDS);
export const staffNotificationKindValidator = literals(STAFF_NOTIFICATION_KINDS);
export const notificationStatusValidator = literals(NOTIFICATION_STATUSES);
export const channelValidator = literals(NOTIFICATION_CHANNELS);
export const deliveryChannelValidator = literals(DELIVERY_CHANNELS);
export const deliveryStateValidator = literals(DELIVERY_STATES);

/** yonetici: administrator; personel: office staff; gozlemci: read-only observer. */
export const userRoleValidator = literals(ROLES);

export const exportFormatValidator = literals(EXPORT_FORMATS);

export const exportFiltersValidator = v.object({
  status: v.optional(v.string()),
  from: v.optional(v.string()),
  to: v.optional(v.string()),
  city: v.optional(v.string()),
  category: v.optional(v.string()),
  type: v.optional(v.string()),
});

export const exportStatusValidator = v.union(v.literal('open'), finishedStatusValidator);

/** A data-subject request as taken in (dataRequests.create), and so stored. */
export const dsrIntakeFields = {
  subjectName: v.string(),
  subjectNationalId: v.optional(v.string()),
  subjectContact: v.optional(v.string()),
  type: literals(DSR_TYPES),
  channel: literals(DSR_CHANNELS),
  receivedAt: v.number(),
  identityCheck: v.string(),
  assigneeId: v.id('users'),
};

/**
 * One step of an erasure (erasures.ts) and where it stands: `at`, the index position (a time) it
 * has scanned up to; `of`, the record whose history that position belongs to.
 */
export const erasureStepValidator = v.object({
  name: v.string(),
  done: v.boolean(),
  at: v.optional(v.number()),
  of: v.optional(v.string()),
});
