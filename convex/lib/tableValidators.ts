// Validators shared by the schema and the functions that read or write those tables, so a
// shape is declared once.
import { v } from 'convex/values';
import { IMPORT_MODES } from '../../shared/domain/importModes';
import { ERROR_CODES } from '../../shared/domain/types';

const [firstMode, secondMode, ...otherModes] = IMPORT_MODES.map((mode) => v.literal(mode));
export const importModeValidator = v.union(firstMode!, secondMode!, ...otherModes);

export const runStatusValidator = v.union(
  v.literal('running'),
  v.literal('completed'),
  v.literal('failed'),
  v.literal('cancelled'),
);

export const finishedStatusValidator = v.union(
  v.literal('completed'),
  v.literal('failed'),
  v.literal('cancelled'),
);

const [firstCode, secondCode, ...otherCodes] = ERROR_CODES.map((code) => v.literal(code));

export const errorCodeValidator = v.union(firstCode!, secondCode!, ...otherCodes);

export const fieldErrorValidator = v.object({
  field: v.string(),
  code: errorCodeValidator,
  params: v.optional(v.record(v.string(), v.union(v.string(), v.number()))),
});

/** A stored value, or null where the record has none. */
export const storedOrNullValidator = v.union(v.string(), v.number(), v.null());
export const storedSnapshotValidator = v.record(v.string(), storedOrNullValidator);

export const rowResultValidator = v.object({
  rowNumber: v.number(),
  outcome: v.union(
    v.literal('inserted'),
    v.literal('updated'),
    v.literal('unchanged'),
    v.literal('conflict'),
    v.literal('rejected'),
  ),
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

export const undoCountsValidator = v.object({ deleted: v.number(), restored: v.number(), kept: v.number() });

export const undoStateValidator = v.object({
  status: v.union(v.literal('running'), v.literal('done')),
  actorId: v.optional(v.id('users')),
  startedAt: v.number(),
  finishedAt: v.optional(v.number()),
  counts: undoCountsValidator,
});

export const notificationKindValidator = v.union(
  v.literal('toplanti'),
  v.literal('gorev'),
  v.literal('rapor'),
  v.literal('sistem'),
  v.literal('ice_aktarma'),
);

export const notificationStatusValidator = v.union(
  v.literal('beklemede'),
  v.literal('gonderildi'),
  v.literal('okundu'),
);

export const channelValidator = v.union(v.literal('in_app'), v.literal('email'), v.literal('sms'));

export const deliveryChannelValidator = v.union(v.literal('email'), v.literal('sms'));

export const deliveryStateValidator = v.union(
  v.literal('queued'),
  v.literal('sending'),
  v.literal('sent'),
  v.literal('failed'),
  v.literal('skipped'),
);

/** yonetici: administrator; personel: office staff; gozlemci: read-only observer. */
export const userRoleValidator = v.union(v.literal('yonetici'), v.literal('personel'), v.literal('gozlemci'));

export const exportFormatValidator = v.union(v.literal('excel-tr'), v.literal('csv'), v.literal('json'), v.literal('xlsx'));

export const exportFiltersValidator = v.object({
  status: v.optional(v.string()),
  from: v.optional(v.string()),
  to: v.optional(v.string()),
  city: v.optional(v.string()),
  category: v.optional(v.string()),
  type: v.optional(v.string()),
});

export const exportStatusValidator = v.union(v.literal('open'), finishedStatusValidator);
