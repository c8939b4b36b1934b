// The Convex schema. Record tables take their domain fields from lib/recordValidators
// (checked against shared/domain); everything else is declared here.
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
import {
  beneficiaryFields,
  collectionValidator,
  donationFields,
  financeRecordFields,
} from './lib/recordValidators';
import {
  batchCountsValidator,
  channelValidator,
  deliveryChannelValidator,
  deliveryStateValidator,
  exportFiltersValidator,
  exportFormatValidator,
  exportStatusValidator,
  importModeValidator,
  notificationKindValidator,
  notificationStatusValidator,
  rowResultValidator,
  runCountsValidator,
  runStatusValidator,
  userRoleValidator,
} from './lib/tableValidators';

// Bookkeeping every record carries besides its domain fields. `searchText` is derived
// (lib/searchText) and always present, so the search index never meets a missing field.
const recordMeta = {
  createdAt: v.number(),
  updatedAt: v.number(),
  importRunId: v.optional(v.id('importRuns')),
  searchText: v.string(),
};

export default defineSchema({
  beneficiaries: defineTable({ ...beneficiaryFields, ...recordMeta })
    // Natural key: unique by convention, enforced by the import and write functions.
    .index('by_nationalId', ['nationalId'])
    // One index per combination of the filters the Export and Bulk send pages offer, each
    // ending in the date (lib/recordQueries indexFor, EQUALITY_FILTERS): any combination reads
    // only the documents it returns. Beneficiaries' date is their creation time.
    .index('by_date', ['createdAt'])
    .index('by_city_date', ['city', 'createdAt'])
    .index('by_category_date', ['category', 'createdAt'])
    .index('by_status_date', ['status', 'createdAt'])
    .index('by_city_category_date', ['city', 'category', 'createdAt'])
    .index('by_city_status_date', ['city', 'status', 'createdAt'])
    .index('by_category_status_date', ['category', 'status', 'createdAt'])
    .index('by_city_category_status_date', ['city', 'category', 'status', 'createdAt'])
    .searchIndex('search', { searchField: 'searchText', filterFields: ['status'] }),

  donations: defineTable({ ...donationFields, ...recordMeta })
    .index('by_receiptNo', ['receiptNo'])
    .index('by_status_date', ['status', 'date'])
    .index('by_date', ['date'])
    .searchIndex('search', { searchField: 'searchText', filterFields: ['status'] }),

  financeRecords: defineTable({ ...financeRecordFields, ...recordMeta })
    .index('by_documentNo', ['documentNo'])
    .index('by_date', ['date'])
    .index('by_category_date', ['category', 'date'])
    .index('by_type_date', ['type', 'date'])
    .index('by_status_date', ['status', 'date'])
    .index('by_category_type_date', ['category', 'type', 'date'])
    .index('by_category_status_date', ['category', 'status', 'date'])
    .index('by_type_status_date', ['type', 'status', 'date'])
    .index('by_category_type_status_date', ['category', 'type', 'status', 'date'])
    .searchIndex('search', { searchField: 'searchText', filterFields: ['status'] }),

  // One export from opening to its outcome: the handle exports.list requires (see exports.ts).
  exportRuns: defineTable({
    collection: collectionValidator,
    format: exportFormatValidator,
    filters: exportFiltersValidator,
    fileName: v.string(),
    actorId: v.optional(v.id('users')),
    status: exportStatusValidator,
    rows: v.number(),
    openedAt: v.number(),
    finishedAt: v.optional(v.number()),
    error: v.optional(v.string()),
  }),

  importRuns: defineTable({
    collection: collectionValidator,
    mode: importModeValidator,
    fileName: v.string(),
    actorId: v.optional(v.id('users')),
    status: runStatusValidator,
    counts: runCountsValidator,
    totalRows: v.optional(v.number()),
    startedAt: v.number(),
    finishedAt: v.optional(v.number()),
    error: v.optional(v.string()),
  }).index('by_startedAt', ['startedAt']),

  // One document per applied batch: the stored result makes a retried batch a no-op.
  importBatches: defineTable({
    runId: v.id('importRuns'),
    batchIndex: v.number(),
    results: v.array(rowResultValidator),
    counts: batchCountsValidator,
  }).index('by_run_batch', ['runId', 'batchIndex']),

  users: defineTable({
    name: v.string(),
    email: v.optional(v.string()),
    phone: v.optional(v.string()),
    role: userRoleValidator,
    // The staff member this installation acts as until sign-in exists.
    isProfile: v.optional(v.boolean()),
    createdAt: v.number(),
  })
    .index('by_email', ['email'])
    .index('by_isProfile', ['isProfile']),

  auditLogs: defineTable({
    action: v.string(),
    actorId: v.optional(v.id('users')),
    actorName: v.optional(v.string()),
    at: v.number(),
    collection: v.optional(v.string()),
    summary: v.any(),
  }).index('by_at', ['at']),

  workflowNotifications: defineTable({
    recipientId: v.id('users'),
    kind: notificationKindValidator,
    title: v.string(),
    body: v.string(),
    link: v.optional(v.object({ collection: collectionValidator, id: v.string() })),
    channels: v.array(channelValidator),
    status: notificationStatusValidator,
    createdAt: v.number(),
    sentAt: v.optional(v.number()),
    readAt: v.optional(v.number()),
    scheduledFor: v.optional(v.number()),
  })
    .index('by_recipient_status', ['recipientId', 'status', 'createdAt'])
    .index('by_recipient', ['recipientId', 'createdAt'])
    .index('by_recipient_kind', ['recipientId', 'kind', 'createdAt']),

  // The e-mail/SMS outbox shared by notifications and bulk campaigns. A delivery is leased to
  // one dispatcher at a time (leaseOwner/leaseExpiresAt); `attempts` doubles as the fencing token.
  deliveries: defineTable({
    notificationId: v.optional(v.id('workflowNotifications')),
    campaignId: v.optional(v.id('campaigns')),
    channel: deliveryChannelValidator,
    destination: v.string(),
    subject: v.optional(v.string()),
    template: v.optional(v.string()),
    payload: v.optional(v.any()),
    state: deliveryStateValidator,
    attempts: v.number(),
    leaseOwner: v.optional(v.string()),
    leaseExpiresAt: v.optional(v.number()),
    nextAttemptAt: v.number(),
    providerId: v.optional(v.string()),
    lastError: v.optional(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index('by_state_next', ['state', 'nextAttemptAt'])
    .index('by_state_lease', ['state', 'leaseExpiresAt'])
    .index('by_notification', ['notificationId'])
    .index('by_campaign_destination', ['campaignId', 'destination']),

  // Per staff member: which kinds of notification also go out by e-mail or SMS. Absent = defaults.
  notificationPreferences: defineTable({
    recipientId: v.id('users'),
    byKind: v.record(v.string(), v.object({ email: v.boolean(), sms: v.boolean() })),
    updatedAt: v.number(),
  }).index('by_recipient', ['recipientId']),

  // A bulk e-mail or SMS send to beneficiaries or donors; its deliveries sit in the outbox.
  campaigns: defineTable({
    audience: v.union(v.literal('beneficiaries'), v.literal('donors')),
    filters: v.object({
      city: v.optional(v.string()),
      category: v.optional(v.string()),
      status: v.optional(v.string()),
      from: v.optional(v.string()),
      to: v.optional(v.string()),
    }),
    channel: deliveryChannelValidator,
    template: v.string(),
    locale: v.union(v.literal('tr'), v.literal('en')),
    title: v.string(),
    body: v.string(),
    actorId: v.optional(v.id('users')),
    status: v.union(v.literal('enqueuing'), v.literal('enqueued'), v.literal('cancelled'), v.literal('failed')),
    enqueued: v.number(),
    unreachable: v.number(),
    sent: v.number(),
    failed: v.number(),
    skipped: v.number(),
    createdAt: v.number(),
    finishedAt: v.optional(v.number()),
  }).index('by_createdAt', ['createdAt']),
});
