// Validators shared by the schema and the functions that read or write those tables, so a
// shape is declared once.
import { v } from 'convex/values';
import { ERROR_CODES } from '../../shared/domain/types';

export const importModeValidator = v.union(v.literal('insert'), v.literal('update'), v.literal('upsert'));

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

export const rowResultValidator = v.object({
  rowNumber: v.number(),
  outcome: v.union(v.literal('inserted'), v.literal('updated'), v.literal('rejected')),
  id: v.optional(v.string()),
  errors: v.optional(v.array(fieldErrorValidator)),
});

export const batchCountsValidator = v.object({
  inserted: v.number(),
  updated: v.number(),
  failed: v.number(),
});

export const runCountsValidator = v.object({
  inserted: v.number(),
  updated: v.number(),
  skipped: v.number(),
  failed: v.number(),
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

export const userRoleValidator = v.union(v.literal('staff'), v.literal('admin'));

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
