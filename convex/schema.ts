// The Convex schema. Record tables take their domain fields from lib/recordValidators
// (checked against shared/domain); everything else is declared here.
import { authTables } from '@convex-dev/auth/server';
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
import { CONSENT_METHODS, CONSENT_PURPOSES, DSR_EVENT_KINDS, DSR_STATUSES } from '../shared/domain/kvkk';
import { DESTRUCTION_METHODS, RETENTION_CATEGORIES } from '../shared/domain/retention';
import { literals } from './lib/literals';
import { campaignFields } from './lib/outboxCampaign';
import { retentionPeriodsValidator } from './lib/retention';
import {
  beneficiaryFields,
  collectionValidator,
  donationFields,
  financeRecordFields,
} from './lib/recordValidators';
import {
  batchCountsValidator,
  changeActionValidator,
  channelValidator,
  deliveryChannelValidator,
  deliveryStateValidator,
  dsrIntakeFields,
  erasureStepValidator,
  exportFiltersValidator,
  exportFormatValidator,
  exportStatusValidator,
  fieldChangeValidator,
  historyKindValidator,
  importModeValidator,
  notificationKindValidator,
  notificationStatusValidator,
  controlTotalsValidator,
  rowResultValidator,
  runCountsValidator,
  runStatusValidator,
  storedSnapshotValidator,
  undoStateValidator,
  userRoleValidator,
} from './lib/tableValidators';

// Bookkeeping every record carries besides its domain fields. `searchText` is derived
// (lib/searchText) and always present, so the search index never meets a missing field.
const recordMeta = {
  createdAt: v.number(),
  updatedAt: v.number(),
  importRunId: v.optional(v.id('importRuns')),
  searchText: v.string(),
  /** A restored record's id before it was deleted: its history stays under that id (lib/recordHistory). */
  originId: v.optional(v.string()),
};

/**
 * The name the import's fallback rules match on (shared/domain personMatch.personNameKey of the
 * full or donor name), derived like `searchText`. Optional: records written before it have none
 * until imports.backfillNameKeys has passed over them.
 */
const nameKeyField = v.optional(v.string());

export default defineSchema({
  // Convex Auth's sessions, accounts, refresh tokens, verification codes and sign-in rate limits;
  // `users` is ours (below), with the fields Convex Auth reads (email, name, phone).
  ...authTables,

  beneficiaries: defineTable({ ...beneficiaryFields, ...recordMeta, nameKey: nameKeyField })
    // Natural key: unique by convention, enforced by the import and write functions.
    .index('by_nationalId', ['nationalId'])
    // A row without a TC Kimlik No finds its person by name + birth date or name + phone.
    .index('by_nameKey_birthDate', ['nameKey', 'birthDate'])
    .index('by_nameKey_phone', ['nameKey', 'phone'])
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
    // Inactive beneficiaries by their last change: the retention run (retention.ts).
    .index('by_status_updatedAt', ['status', 'updatedAt'])
    .searchIndex('search', { searchField: 'searchText', filterFields: ['status'] }),

  donations: defineTable({ ...donationFields, ...recordMeta, nameKey: nameKeyField })
    .index('by_receiptNo', ['receiptNo'])
    // A donation without a receipt number finds its record by donor + amount + date ± N days.
    .index('by_nameKey_amount_date', ['nameKey', 'amount', 'date'])
    // A person's donations (a beneficiary's page, a donation's "other donations of this donor").
    .index('by_donorNationalId_date', ['donorNationalId', 'date'])
    // A donor without a TC Kimlik No by their mobile or e-mail (a person's erasure).
    .index('by_donorNationalId_donorPhone', ['donorNationalId', 'donorPhone'])
    .index('by_donorNationalId_donorEmail', ['donorNationalId', 'donorEmail'])
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
    /** Without direct identifiers, birth dates as years (shared/domain/anonymise): list applies it. */
    anonymised: v.optional(v.boolean()),
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
    controlTotals: v.optional(controlTotalsValidator),
    /** Donations without a receipt number match a stored one dated up to this many days apart. */
    matchDays: v.optional(v.number()),
    undo: v.optional(undoStateValidator),
  })
    .index('by_startedAt', ['startedAt'])
    // Runs still running, oldest first: the cron that closes idle ones (imports.closeIdleRuns).
    .index('by_status_startedAt', ['status', 'startedAt']),

  // One document per applied batch: the stored result makes a retried batch a no-op.
  importBatches: defineTable({
    runId: v.id('importRuns'),
    batchIndex: v.number(),
    results: v.array(rowResultValidator),
    counts: batchCountsValidator,
  }).index('by_run_batch', ['runId', 'batchIndex']),

  // A small twin of each importBatches document, summed by finishRun. Concurrent batches of one
  // run each write only their own documents: none of them touches the run's document, so a
  // real backend never has two batches of a run conflict (OCC).
  importBatchCounts: defineTable({
    runId: v.id('importRuns'),
    batchIndex: v.number(),
    counts: batchCountsValidator,
    /** Rows the server received in the batch and the sum of their amounts: the audit's figures. */
    received: v.optional(v.object({ rows: v.number(), amount: v.number(), consents: v.optional(v.number()) })),
  })
    .index('by_run_batch', ['runId', 'batchIndex'])
    // The run's latest batch (by creation time): when it was last active, for the idle-run cron.
    .index('by_run', ['runId']),

  // What an import wrote to each record, so the run can be undone: a created record is deleted,
  // an updated one gets `before` back — unless it no longer holds `after` (changed since: kept).
  importChanges: defineTable({
    runId: v.id('importRuns'),
    collection: collectionValidator,
    recordId: v.string(),
    /** The record's natural key, to list what an undo left alone. */
    key: v.string(),
    action: changeActionValidator,
    /** updated: the changed fields' values before the import (null = absent). */
    before: v.optional(storedSnapshotValidator),
    /** The values the import wrote (every field for created, the changed ones for updated). */
    after: storedSnapshotValidator,
    /** The import run that touched the record before this one. */
    prevRunId: v.optional(v.id('importRuns')),
    /** The record's updatedAt as this run left it. */
    at: v.number(),
    rowNumber: v.number(),
    state: v.union(v.literal('applied'), v.literal('undone'), v.literal('kept')),
  })
    .index('by_run_state', ['runId', 'state', 'rowNumber'])
    // The daily cleanup (imports.cleanupChanges) reads the oldest first.
    .index('by_at', ['at'])
    // A person's undo data, for their erasure (erasures.ts): by record, and by natural key (TC).
    .index('by_recordId', ['recordId'])
    .index('by_collection_key', ['collection', 'key']),

  // Every change to a record, one document per change (however many fields), written in the
  // same transaction as the change: by hand, by an import run, by its undo, deletion, restore.
  // `recordId` is the record's history key (lib/recordHistory): it outlives deletion and restore.
  recordHistory: defineTable({
    collection: collectionValidator,
    recordId: v.string(),
    at: v.number(),
    kind: historyKindValidator,
    actorId: v.optional(v.id('users')),
    actorName: v.optional(v.string()),
    runId: v.optional(v.id('importRuns')),
    changes: v.array(fieldChangeValidator),
    reason: v.optional(v.string()),
  })
    .index('by_record_at', ['recordId', 'at'])
    // The oldest first: the retention run (retention.ts).
    .index('by_at', ['at']),

  // Records deleted by an administrator, restorable for 30 days (records.restore), then removed
  // by records.purgeDeleted. The record leaves its table, so lists, searches, exports and
  // natural-key matching never see it.
  deletedRecords: defineTable({
    collection: collectionValidator,
    /** The record's id when it was deleted, and its history key. */
    recordId: v.string(),
    historyKey: v.string(),
    key: v.string(),
    values: v.record(v.string(), v.union(v.string(), v.number())),
    createdAt: v.number(),
    importRunId: v.optional(v.id('importRuns')),
    deletedAt: v.number(),
    actorId: v.optional(v.id('users')),
    reason: v.string(),
    /** A deleted donation's donor TC Kimlik No (its `values` cannot be indexed), for their erasure. */
    donorNationalId: v.optional(v.string()),
  })
    .index('by_recordId', ['recordId'])
    .index('by_deletedAt', ['deletedAt'])
    // A person's deleted records awaiting purge, for their erasure: beneficiaries by their TC
    // (the natural key), donations by the donor's.
    .index('by_collection_key', ['collection', 'key'])
    .index('by_donorNationalId', ['donorNationalId']),

  // Staff accounts. Created by an administrator (or once by the setup code); signing in is
  // Convex Auth's (authAccounts holds the password hash). `active` false refuses every call.
  users: defineTable({
    name: v.string(),
    email: v.string(),
    phone: v.optional(v.string()),
    role: userRoleValidator,
    active: v.boolean(),
    createdAt: v.number(),
    lastSignInAt: v.optional(v.number()),
  })
    .index('email', ['email'])
    .index('by_name', ['name'])
    // Is there another active administrator? (staff.ts: the last one stays)
    .index('by_role_active', ['role', 'active']),

  // KVKK Art. 12: one row per person, beneficiary record and day it was opened, so a view is
  // audited once a day however often the page is reopened.
  recordViews: defineTable({
    userId: v.id('users'),
    recordId: v.string(),
    day: v.string(),
  })
    .index('by_user_record_day', ['userId', 'recordId', 'day'])
    // Who viewed a person's record (their access export).
    .index('by_record_day', ['recordId', 'day']),

  // Failed sign-ins counted per key and window (lib/signInLimits): `email:<normalised>` per hour,
  // `invalid` (typed text that is not an e-mail, never stored) per hour, `global:<shard>` per minute.
  signInFailures: defineTable({
    key: v.string(),
    window: v.number(),
    count: v.number(),
    lastAt: v.number(),
  }).index('by_key_window', ['key', 'window']),

  auditLogs: defineTable({
    action: v.string(),
    actorId: v.optional(v.id('users')),
    actorName: v.optional(v.string()),
    at: v.number(),
    collection: v.optional(v.string()),
    summary: v.any(),
  })
    .index('by_at', ['at'])
    .index('by_actor_at', ['actorId', 'at'])
    .index('by_action', ['action', 'at']),

  workflowNotifications: defineTable({
    recipientId: v.id('users'),
    // Who created it (a colleague assigning a task); absent for the app's own notifications.
    senderId: v.optional(v.id('users')),
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
    .index('by_recipient_kind', ['recipientId', 'kind', 'createdAt'])
    .index('by_sender', ['senderId', 'createdAt'])
    // The oldest first: the retention run (retention.ts).
    .index('by_createdAt', ['createdAt'])
    // Notifications about one record (a person's erasure).
    .index('by_link', ['link.id']),

  // The e-mail/SMS outbox shared by notifications and bulk campaigns. A delivery is leased to
  // one outbox worker at a time (leaseOwner/leaseExpiresAt); `attempts` doubles as the fencing token.
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
    // The claimant: the PC's outbox worker and the person signed in there. Kept after the report
    // (with reportedAttempt) so a repeated report of the same attempt is answered the same way.
    leaseOwner: v.optional(v.string()),
    leaseUserId: v.optional(v.id('users')),
    leaseExpiresAt: v.optional(v.number()),
    reportedAttempt: v.optional(v.number()),
    nextAttemptAt: v.number(),
    providerId: v.optional(v.string()),
    lastError: v.optional(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
    /** When the retention run removed the address, subject and message (the state stays). */
    anonymisedAt: v.optional(v.number()),
  })
    // Claims and the next due time are read per channel: a PC reads only what it can send.
    .index('by_channel_state_next', ['channel', 'state', 'nextAttemptAt'])
    .index('by_channel_state_lease', ['channel', 'state', 'leaseExpiresAt'])
    .index('by_notification', ['notificationId'])
    // The messages sent to one person (their access export, erasure).
    .index('by_destination', ['destination', 'createdAt'])
    .index('by_campaign_destination', ['campaignId', 'destination'])
    // A campaign's progress is counted here, not kept on the campaign (which every report would write).
    .index('by_campaign_state', ['campaignId', 'state'])
    // Settled deliveries not yet anonymised, oldest first: the retention run (retention.ts).
    .index('by_anonymisedAt_state_updatedAt', ['anonymisedAt', 'state', 'updatedAt']),

  // One row per sending PC, written only by that PC's outbox worker: who is signed in there, which
  // channels it can send, and when it last said so. Settings, the inbox and bulk send read it.
  sendingPcs: defineTable({
    pc: v.string(),
    name: v.string(),
    userId: v.id('users'),
    userName: v.string(),
    channels: v.array(deliveryChannelValidator),
    lastSeen: v.number(),
  })
    .index('by_pc', ['pc'])
    .index('by_lastSeen', ['lastSeen']),

  // Per staff member: which kinds of notification also go out by e-mail or SMS. Absent = defaults.
  notificationPreferences: defineTable({
    recipientId: v.id('users'),
    byKind: v.record(v.string(), v.object({ email: v.boolean(), sms: v.boolean() })),
    updatedAt: v.number(),
  }).index('by_recipient', ['recipientId']),

  // A bulk e-mail or SMS send to beneficiaries or donors; its deliveries sit in the outbox.
  campaigns: defineTable({
    ...campaignFields,
    actorId: v.optional(v.id('users')),
    status: v.union(v.literal('enqueuing'), v.literal('enqueued'), v.literal('cancelled'), v.literal('failed')),
    // Totals written once, when enqueuing ends; until then they are 0 (the chunks hold them).
    enqueued: v.number(),
    unreachable: v.number(),
    /** People left out for want of consent to the channel (absent on campaigns from before the check). */
    noConsent: v.optional(v.number()),
    // Counters older versions kept here; progress is now counted from the deliveries.
    sent: v.optional(v.number()),
    failed: v.optional(v.number()),
    skipped: v.optional(v.number()),
    createdAt: v.number(),
    finishedAt: v.optional(v.number()),
  })
    .index('by_createdAt', ['createdAt'])
    .index('by_status_createdAt', ['status', 'createdAt']),

  // What each enqueued chunk of a campaign did, keyed by the cursor it started at: a repeated
  // chunk (a lost reply) returns what the first one did, so nobody is counted twice.
  campaignChunks: defineTable({
    campaignId: v.id('campaigns'),
    cursor: v.string(),
    enqueued: v.number(),
    unreachable: v.number(),
    noConsent: v.optional(v.number()),
    isDone: v.boolean(),
    continueCursor: v.string(),
    at: v.number(),
  })
    .index('by_campaign_cursor', ['campaignId', 'cursor'])
    .index('by_campaign_at', ['campaignId', 'at']),

  // KVKK Art. 11/13 requests (dataRequests.ts): answered within 30 days of `receivedAt`.
  dataRequests: defineTable({
    ...dsrIntakeFields,
    dueAt: v.number(),
    status: literals(DSR_STATUSES),
    outcome: v.optional(v.string()),
    createdById: v.id('users'),
    createdAt: v.number(),
    closedAt: v.optional(v.number()),
  })
    // The desk's filters (open, due this week, overdue, closed) and the reminder run.
    .index('by_status_dueAt', ['status', 'dueAt'])
    // Closed requests, the oldest first: the retention run (retention.ts).
    .index('by_status_closedAt', ['status', 'closedAt'])
    // A person's requests (their access export).
    .index('by_subjectNationalId', ['subjectNationalId', 'receivedAt']),

  // Each step of a request, appended, never edited: its own log beside the audit.
  dataRequestEvents: defineTable({
    requestId: v.id('dataRequests'),
    kind: literals(DSR_EVENT_KINDS),
    at: v.number(),
    actorId: v.optional(v.id('users')),
    actorName: v.optional(v.string()),
    note: v.optional(v.string()),
    /** reminder: the day after receipt it was for (20, 27). */
    day: v.optional(v.number()),
    assigneeId: v.optional(v.id('users')),
  })
    .index('by_request_at', ['requestId', 'at'])
    .index('by_request_kind', ['requestId', 'kind']),

  // The consent register (consents.ts): one row per consent given; a withdrawal is written onto it.
  consents: defineTable({
    /** `tc:<TC Kimlik No>`, or `email:<address>` / `phone:<+90…>` for a donor without one. */
    subjectKey: v.string(),
    purpose: literals(CONSENT_PURPOSES),
    /** The notice (aydınlatma metni) version shown when it was given. */
    noticeVersion: v.string(),
    givenAt: v.number(),
    method: literals(CONSENT_METHODS),
    recordedById: v.id('users'),
    recordedByName: v.string(),
    recordedAt: v.number(),
    withdrawnAt: v.optional(v.number()),
    withdrawnById: v.optional(v.id('users')),
    withdrawnByName: v.optional(v.string()),
    /** Recorded from an import's consent columns: that run (its undo deletes it). */
    importRunId: v.optional(v.id('importRuns')),
  })
    .index('by_subject_purpose', ['subjectKey', 'purpose', 'recordedAt'])
    .index('by_importRun', ['importRunId']),

  // Retention (retention.ts): the periods an administrator set (one document; absent = defaults).
  retentionSettings: defineTable({
    periods: retentionPeriodsValidator,
    updatedAt: v.number(),
    updatedById: v.id('users'),
    updatedByName: v.string(),
  }),

  // A category's retention run, pending or in progress: its cutoff, fixed when the day's runs
  // started, and how far it got. Written only by its own batches, one after another (the
  // categories run one after the other); removed when the run ends.
  retentionRuns: defineTable({
    category: literals(RETENTION_CATEGORIES),
    /** The period the cutoff came from, in days. */
    days: v.number(),
    cutoff: v.number(),
    startedAt: v.number(),
    /** Which of the category's index ranges the cursor is in (settled deliveries: one per state). */
    range: v.number(),
    cursor: v.union(v.string(), v.null()),
    count: v.number(),
    batches: v.number(),
  }).index('by_category', ['category']),

  // What the retention runs destroyed (KVKK destruction record), kept three years, then pruned.
  destructionLog: defineTable({
    category: literals(RETENTION_CATEGORIES),
    method: literals(DESTRUCTION_METHODS),
    count: v.number(),
    /** Documents older than this were destroyed; the period in days it came from. */
    cutoff: v.number(),
    days: v.number(),
    startedAt: v.number(),
    at: v.number(),
  }).index('by_at', ['at']),

  // One erasure of a person (erasures.ts), started from their erasure request: the run's progress,
  // a position per table so an interrupted run continues where it stopped, and what was changed.
  erasures: defineTable({
    requestId: v.id('dataRequests'),
    reason: v.string(),
    actorId: v.id('users'),
    actorName: v.string(),
    status: v.union(v.literal('running'), v.literal('done')),
    /** Batches committed; a scheduled batch carrying another number is stale and does nothing. */
    batch: v.number(),
    steps: v.array(erasureStepValidator),
    /** Documents deleted or anonymised so far, per table: written with them, so a retried batch never counts twice. */
    counts: v.record(v.string(), v.number()),
    /** Names and addresses met on the way, for matching messages and audit texts; emptied when done. */
    found: v.object({ names: v.array(v.string()), addresses: v.array(v.string()) }),
    /** The most documents one batch read (its own count, against Convex's 32,000). */
    maxBatchReads: v.number(),
    startedAt: v.number(),
    lastBatchAt: v.number(),
    finishedAt: v.optional(v.number()),
  }).index('by_request', ['requestId']),
});
