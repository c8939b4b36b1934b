// Erasure of a person (KVKK Art. 7 and 11; issue #25 item 4): administrators only, with a reason,
// from an open erasure request that names the person's TC Kimlik No — or, for a donor without
// one, only their mobile or e-mail (then what is kept under a TC is not looked up). `preview` lists
// every table and field that will change; `start` runs the erasure once, irreversibly, in batches.
//
// What goes: their beneficiary records (with their history, views, import undo data and deleted
// copies awaiting purge), the donor's identity on their donations — live or deleted and awaiting
// purge, under their TC or, without one, under their mobile or e-mail —, the messages sent to
// their addresses, notifications about their records or naming them (and those messages' texts),
// their consents, error values and (in batches stored before they left the document) conflict
// snapshots in import batches' stored results, import file names that name them, and the texts in
// the audit that name them (searches, notification titles, deletion reasons, import file names). What stays is what the law requires:
// each donation's receipt number, amount, currency, date, method, purpose and status, under the
// donor name "Anonim". The request itself stays: it is the record of what was asked and done.
// The addresses are those on their records and the one the request names.
//
// Every lookup is one index range (by TC Kimlik No, record id or address); what has no index by
// person (notifications without a link, import results, the audit's texts) is read in time order
// and matched by the person's TC, addresses and names. A batch reads at most BATCH_READS documents
// (and BATCH_BYTES of import results) and writes at most BATCH_WRITES (Convex allows 32,000, 16 MiB
// and 16,000), then schedules the next; the `erasures` document holds each step's position and the
// counts, written in the same transaction as the changes, so a batch that fails changes nothing and
// a resumed run continues where the last committed batch stopped, never counting twice. Most steps
// need no position: what they change leaves the index range they read (deleted, or its key removed).
import { ConvexError, v } from 'convex/values';
import { getSpec, isValidTcKimlik } from '../shared/domain';
import { internal } from './_generated/api';
import type { Doc, Id } from './_generated/dataModel';
import { internalMutation, type MutationCtx, type QueryCtx } from './_generated/server';
import { writeAudit } from './lib/audit';
import { addressKey, contactsOf } from './lib/consent';
import { adminMutation, adminQuery } from './lib/functions';
import { historyKeyOf } from './lib/recordHistory';
import { derivedFields, foldForSearch } from './lib/searchText';

/** What replaces an erased text that must stay present (a message's address, a notification's title). */
export const ERASED = '[silindi]';
/** The donor name a donation keeps. */
export const ANONYMOUS_DONOR = 'Anonim';
/** A donation's fields that name the donor; the rest is the association's bookkeeping, kept by law. */
export const DONOR_PERSONAL_FIELDS = ['donorName', 'donorNationalId', 'donorPhone', 'donorEmail', 'notes'] as const;
/** A message's fields that say who it went to and what it said. */
const DELIVERY_FIELDS = ['destination', 'subject', 'payload', 'providerId', 'lastError'] as const;
/** A staff notification's texts and its link to the person's record. */
const NOTIFICATION_FIELDS = ['title', 'body', 'link'] as const;
/**
 * Audit actions whose summaries carry text typed by staff or taken from a file, and which: every
 * string of such a summary that names the person is replaced, the rest (ids, counts) kept.
 */
const AUDIT_TEXTS = {
  record_search: ['summary.search'],
  notification_create: ['summary.title'],
  record_delete: ['summary.reason'],
  import: ['summary.fileName'],
  import_undo: ['summary.fileName'],
} as const;
const AUDIT_TEXT_ACTIONS = Object.keys(AUDIT_TEXTS) as (keyof typeof AUDIT_TEXTS)[];

/** Per batch: far inside Convex's 32,000 documents read and 16,000 written per transaction. */
export const BATCH_READS = 2_000;
export const BATCH_WRITES = 1_000;
/** Import batches carry every row's result: their size, not their number, bounds a batch's reads. */
export const BATCH_BYTES = 4 * 1024 * 1024;
/**
 * Import batches read at a time: one holds up to 2,000 rows' results (with conflict snapshots, in
 * batches stored before those left the document, up to a document's 1 MiB), so a batch reads at most BATCH_BYTES + 8 MiB of them, inside the 16 MiB.
 */
const RESULTS_CHUNK = 8;
/** Documents read per index range at a time. */
const CHUNK = 250;
/** Messages one notification went out as (e-mail, SMS; retries are the same document). */
const DELIVERIES_PER_NOTIFICATION = 10;
/** Names and addresses kept for matching while the run lasts. */
const MAX_FOUND = 100;
const MAX_REASON = 500;

/** The run's steps in order: the records first, so their addresses are known before messages and consents. */
export const ERASURE_STEPS = [
  'beneficiaries',
  'donations',
  'importChanges',
  'deletedRecords',
  'deletedDonations',
  'contactDonations',
  'deliveries',
  'consents',
  'notifications',
  'importBatches',
  'importRuns',
  ...AUDIT_TEXT_ACTIONS.map((a) => `audit_${a}` as const),
] as const;

type Found = { names: string[]; addresses: string[] };
type Step = Doc<'erasures'>['steps'][number];

// --- the batch ------------------------------------------------------------------------------------

/** One batch's reads, writes and counts per table. */
class Batch {
  reads = 0;
  writes = 0;
  bytes = 0;
  constructor(
    readonly ctx: MutationCtx,
    readonly counts: Record<string, number>,
  ) {}
  /** How many documents the next range may read: what is left of both budgets, at most a chunk. */
  get room(): number {
    return this.bytes >= BATCH_BYTES ? 0 : Math.max(0, Math.min(BATCH_READS - this.reads, BATCH_WRITES - this.writes, CHUNK));
  }
  get full(): boolean {
    return this.room === 0;
  }
  wrote(table: string): void {
    this.writes += 1;
    this.counts[table] = (this.counts[table] ?? 0) + 1;
  }
  async remove(table: string, id: Id<'recordHistory' | 'recordViews' | 'importChanges' | 'consents' | 'deletedRecords' | 'beneficiaries'>): Promise<void> {
    await this.ctx.db.delete(id);
    this.wrote(table);
  }
}

/**
 * Applies `apply` to what `fetch` returns, a room's worth at a time, until the range is empty
 * (true) or the batch is full (false). `apply` must take the document out of the range.
 */
async function drain<T>(b: Batch, fetch: (n: number) => Promise<T[]>, apply: (doc: T) => Promise<void>): Promise<boolean> {
  for (;;) {
    const n = b.room;
    if (n === 0) return false;
    const docs = await fetch(n);
    b.reads += docs.length;
    for (const doc of docs) await apply(doc);
    if (docs.length < n) return true;
  }
}

function note(found: Found, names: (string | undefined)[], addresses: string[]): void {
  for (const name of names) {
    const folded = name === undefined ? '' : foldForSearch(name);
    if (folded.length >= 3 && !found.names.includes(folded) && found.names.length < MAX_FOUND) found.names.push(folded);
  }
  for (const address of addresses) {
    if (!found.addresses.includes(address) && found.addresses.length < MAX_FOUND) found.addresses.push(address);
  }
}

/** The ids a record's dependents are kept under: its own, and its history key if restored. */
function idsOf(doc: { _id: string; originId?: string }): string[] {
  const key = historyKeyOf(doc as never);
  return key === doc._id ? [doc._id] : [doc._id, key];
}

async function anonymiseDelivery(b: Batch, d: Doc<'deliveries'>, keepDestination: boolean): Promise<void> {
  await b.ctx.db.patch(d._id, {
    ...(keepDestination ? {} : { destination: ERASED }),
    subject: undefined,
    payload: undefined,
    providerId: undefined,
    lastError: undefined,
    // Not sent any more: there is nothing left to send.
    ...(d.state === 'queued' ? { state: 'skipped' as const } : {}),
  });
  b.wrote('deliveries');
}

/**
 * A notification about the person: its texts replaced, and the texts of the messages it went out
 * as; its link removed when it is to their record (`keepLink`: another's record it merely names them on).
 */
async function anonymiseNotification(b: Batch, n: Doc<'workflowNotifications'>, keepLink = false): Promise<void> {
  await b.ctx.db.patch(n._id, { title: ERASED, body: ERASED, ...(keepLink ? {} : { link: undefined }) });
  b.wrote('workflowNotifications');
  const sent = await b.ctx.db.query('deliveries').withIndex('by_notification', (q) => q.eq('notificationId', n._id)).take(DELIVERIES_PER_NOTIFICATION);
  b.reads += sent.length;
  for (const d of sent) {
    // The destination is a colleague's address, not the person's.
    if (d.payload !== undefined || d.subject !== undefined) await anonymiseDelivery(b, d, true);
  }
}

/** What hangs off a record by its ids: history (deleted unless kept), views, import undo data, notifications. */
async function eraseDependents(b: Batch, ids: string[], history: 'delete' | 'keep'): Promise<boolean> {
  const db = b.ctx.db;
  for (const id of ids) {
    if (history === 'delete') {
      const ok = await drain(
        b,
        (n) => db.query('recordHistory').withIndex('by_record_at', (q) => q.eq('recordId', id)).take(n),
        (d) => b.remove('recordHistory', d._id),
      );
      if (!ok) return false;
    }
    if (!(await drain(b, (n) => db.query('recordViews').withIndex('by_record_day', (q) => q.eq('recordId', id)).take(n), (d) => b.remove('recordViews', d._id)))) return false;
    if (!(await drain(b, (n) => db.query('importChanges').withIndex('by_recordId', (q) => q.eq('recordId', id)).take(n), (d) => b.remove('importChanges', d._id)))) return false;
    if (!(await drain(b, (n) => db.query('workflowNotifications').withIndex('by_link', (q) => q.eq('link.id', id)).take(n), (d) => anonymiseNotification(b, d)))) return false;
  }
  return true;
}

function scrubChanges(changes: Doc<'recordHistory'>['changes']): Doc<'recordHistory'>['changes'] | null {
  let changed = false;
  const out = changes.map((c) => {
    if (!(DONOR_PERSONAL_FIELDS as readonly string[]).includes(c.field) || (c.before === null && c.after === null)) return c;
    changed = true;
    return { ...c, before: null, after: null };
  });
  return changed ? out : null;
}

/**
 * Scrubs a range whose documents stay in it (a donation's history, the audit) from the step's
 * position on, in time order. Entries at the position's time are read again, which changes
 * nothing the second time and counts nothing. `scrub` writes only what it changes.
 */
async function scan<T>(
  b: Batch,
  step: Step,
  fetch: (from: number | undefined, n: number) => Promise<T[]>,
  scrub: (row: T) => Promise<void>,
  { timeOf = (row: T) => (row as { at: number }).at, chunk = CHUNK }: { timeOf?: (row: T) => number; chunk?: number } = {},
): Promise<boolean> {
  for (;;) {
    const n = Math.min(b.room, chunk);
    if (n === 0) return false;
    const rows = await fetch(step.at, n);
    b.reads += rows.length;
    for (const row of rows) await scrub(row);
    if (rows.length < n) return true;
    const first = timeOf(rows[0]!);
    const last = timeOf(rows[rows.length - 1]!);
    // A whole chunk at one instant: move past it rather than read it forever.
    step.at = first === last ? last + 1 : last;
  }
}

/** A donation's history with the donor's values taken out of each change. */
async function scrubHistory(b: Batch, key: string, step: Step): Promise<boolean> {
  return await scan(
    b,
    step,
    (from, n) =>
      b.ctx.db
        .query('recordHistory')
        .withIndex('by_record_at', (q) => (from === undefined ? q.eq('recordId', key) : q.eq('recordId', key).gte('at', from)))
        .take(n),
    async (row) => {
      const changes = scrubChanges(row.changes);
      if (changes === null) return;
      await b.ctx.db.patch(row._id, { changes });
      b.wrote('recordHistory');
    },
  );
}

// --- the steps --------------------------------------------------------------------------------------

/** One step's work in a batch; true when the step is done. `tc`: undefined for a request that names only a contact. */
type Runner = (b: Batch, step: Step, tc: string | undefined, found: Found) => Promise<boolean>;
type TcRunner = (b: Batch, step: Step, tc: string, found: Found) => Promise<boolean>;
/** A step that looks up by the TC: nothing to do without one. */
const underTc =
  (run: TcRunner): Runner =>
  async (b, step, tc, found) =>
    tc === undefined || (await run(b, step, tc, found));

/** Each beneficiary record under the TC: what hangs off it first, then the record itself. */
const eraseBeneficiaries: TcRunner = async (b, _step, tc, found) => {
  for (;;) {
    if (b.full) return false;
    const doc = await b.ctx.db.query('beneficiaries').withIndex('by_nationalId', (q) => q.eq('nationalId', tc)).first();
    b.reads += 1;
    if (doc === null) return true;
    note(found, [doc.fullName], contactsOf([doc], ['phone', 'email']));
    if (!(await eraseDependents(b, idsOf(doc), 'delete'))) return false;
    if (b.full) return false;
    await b.remove('beneficiaries', doc._id);
  }
};

/**
 * What a donation leaves behind (its history scrubbed from the step's position on, its undo data
 * gone, notifications about it anonymised), before the donation itself is anonymised; false when
 * the batch filled first. `step.of` says whose history the position is in.
 */
async function eraseDonationTrail(b: Batch, step: Step, docId: string, historyKey: string, ids: string[]): Promise<boolean> {
  if (step.of !== docId) {
    step.of = docId;
    step.at = undefined;
  }
  if (!(await scrubHistory(b, historyKey, step))) return false;
  if (!(await eraseDependents(b, ids, 'keep'))) return false;
  return !b.full;
}

/** One live donation: its trail, then the donor anonymised. False when the batch filled first. */
async function anonymiseDonation(b: Batch, step: Step, doc: Doc<'donations'>, found: Found): Promise<boolean> {
  note(found, [doc.donorName], contactsOf([doc], ['donorPhone', 'donorEmail']));
  if (!(await eraseDonationTrail(b, step, doc._id, historyKeyOf(doc), idsOf(doc)))) return false;
  const kept = { ...doc, donorName: ANONYMOUS_DONOR, donorNationalId: undefined, donorPhone: undefined, donorEmail: undefined, notes: undefined };
  await b.ctx.db.patch(doc._id, {
    donorName: ANONYMOUS_DONOR,
    donorNationalId: undefined,
    donorPhone: undefined,
    donorEmail: undefined,
    notes: undefined,
    // The search text and the name key the import matches by are made from what stays.
    ...derivedFields('donations', kept),
  });
  b.wrote('donations');
  step.of = undefined;
  step.at = undefined;
  return true;
}

/** Each donation under the TC. */
const anonymiseDonations: TcRunner = async (b, step, tc, found) => {
  for (;;) {
    if (b.full) return false;
    const doc = await b.ctx.db.query('donations').withIndex('by_donorNationalId_date', (q) => q.eq('donorNationalId', tc)).first();
    b.reads += 1;
    if (doc === null) return true;
    if (!(await anonymiseDonation(b, step, doc, found))) return false;
  }
};

/** A donation without a TC Kimlik No given by one of the person's addresses (its mobile or e-mail), one index range each. */
function contactDonations(db: QueryCtx['db'], address: string) {
  return address.includes('@')
    ? db.query('donations').withIndex('by_donorNationalId_donorEmail', (q) => q.eq('donorNationalId', undefined).eq('donorEmail', address))
    : db.query('donations').withIndex('by_donorNationalId_donorPhone', (q) => q.eq('donorNationalId', undefined).eq('donorPhone', address));
}

/** Donations without a TC given from the person's addresses; an address found on one is searched too. */
const anonymiseContactDonations: Runner = async (b, step, _tc, found) => {
  // The list grows while it is walked: a donation's e-mail found under its mobile is searched next.
  for (const address of found.addresses) {
    for (;;) {
      if (b.full) return false;
      const doc = await contactDonations(b.ctx.db, address).first();
      b.reads += 1;
      if (doc === null) break;
      if (!(await anonymiseDonation(b, step, doc, found))) return false;
    }
  }
  return true;
};

/** A deleted record's ids: the one it had, and its history key if it had been restored before. */
const idsOfDeleted = (doc: Doc<'deletedRecords'>) => (doc.recordId === doc.historyKey ? [doc.recordId] : [doc.recordId, doc.historyKey]);

/** Deleted donations under the TC awaiting purge: anonymised like live ones (a restore brings back "Anonim"). */
const anonymiseDeletedDonations: TcRunner = async (b, step, tc, found) => {
  for (;;) {
    if (b.full) return false;
    const doc = await b.ctx.db.query('deletedRecords').withIndex('by_donorNationalId', (q) => q.eq('donorNationalId', tc)).first();
    b.reads += 1;
    if (doc === null) return true;
    const name = doc.values.donorName;
    note(found, [typeof name === 'string' ? name : undefined], contactsOf([doc.values], ['donorPhone', 'donorEmail']));
    if (!(await eraseDonationTrail(b, step, doc._id, doc.historyKey, idsOfDeleted(doc)))) return false;
    const values = Object.fromEntries(Object.entries(doc.values).filter(([k]) => !(DONOR_PERSONAL_FIELDS as readonly string[]).includes(k)));
    await b.ctx.db.patch(doc._id, { values: { ...values, donorName: ANONYMOUS_DONOR }, donorNationalId: undefined });
    b.wrote('deletedRecords');
    step.of = undefined;
    step.at = undefined;
  }
};

/** Undo data under the TC whose record is gone already (deleted, or restored under a new id). */
const eraseImportChanges: TcRunner = async (b, _step, tc) =>
  await drain(
    b,
    (n) => b.ctx.db.query('importChanges').withIndex('by_collection_key', (q) => q.eq('collection', 'beneficiaries').eq('key', tc)).take(n),
    (d) => b.remove('importChanges', d._id),
  );

/** Deleted beneficiary records awaiting purge, with what hangs off them. */
const eraseDeletedRecords: TcRunner = async (b, _step, tc, found) => {
  for (;;) {
    if (b.full) return false;
    const doc = await b.ctx.db.query('deletedRecords').withIndex('by_collection_key', (q) => q.eq('collection', 'beneficiaries').eq('key', tc)).first();
    b.reads += 1;
    if (doc === null) return true;
    const name = doc.values.fullName;
    note(found, [typeof name === 'string' ? name : undefined], contactsOf([doc.values], ['phone', 'email']));
    if (!(await eraseDependents(b, idsOfDeleted(doc), 'delete'))) return false;
    if (b.full) return false;
    await b.remove('deletedRecords', doc._id);
  }
};

/** Messages sent to the person's addresses: who they went to and what they said. */
const anonymiseDeliveries: Runner = async (b, _step, _tc, found) => {
  for (const address of found.addresses) {
    const ok = await drain(
      b,
      (n) => b.ctx.db.query('deliveries').withIndex('by_destination', (q) => q.eq('destination', address)).take(n),
      (d) => anonymiseDelivery(b, d, false),
    );
    if (!ok) return false;
  }
  return true;
};

/** The consent register's keys for the person: their TC's and each address's. */
const subjectKeys = (tc: string | undefined, found: Found) => [...(tc === undefined ? [] : [`tc:${tc}`]), ...found.addresses.map(addressKey)];

const eraseConsents: Runner = async (b, _step, tc, found) => {
  for (const key of subjectKeys(tc, found)) {
    const ok = await drain(
      b,
      (n) => b.ctx.db.query('consents').withIndex('by_subject_purpose', (q) => q.eq('subjectKey', key)).take(n),
      (d) => b.remove('consents', d._id),
    );
    if (!ok) return false;
  }
  return true;
};

/** Whether a text names the person: their TC, an address, or a full name, as whole words. */
function namer(tc: string | undefined, found: Found): (text: string) => boolean {
  const needles = [...(tc === undefined ? [] : [tc]), ...found.addresses.flatMap((a) => (a.startsWith('+90') ? [a, a.slice(3)] : [a])), ...found.names]
    .map((n) => foldForSearch(n))
    .filter((n) => n !== '');
  return (text) => {
    const hay = ` ${foldForSearch(text)} `;
    return needles.some((n) => hay.includes(` ${n} `));
  };
}

function scrubStrings(value: unknown, names: (text: string) => boolean): { value: unknown; changed: boolean } {
  if (typeof value === 'string') return names(value) ? { value: ERASED, changed: true } : { value, changed: false };
  if (Array.isArray(value)) {
    const parts = value.map((x) => scrubStrings(x, names));
    return parts.some((p) => p.changed) ? { value: parts.map((p) => p.value), changed: true } : { value, changed: false };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, x]) => [k, scrubStrings(x, names)] as const);
    return entries.some(([, p]) => p.changed) ? { value: Object.fromEntries(entries.map(([k, p]) => [k, p.value])), changed: true } : { value, changed: false };
  }
  return { value, changed: false };
}

/**
 * Audit entries of one action whose texts name the person: those texts replaced, the entry kept
 * (who did what, when). The audit has no index by person, so its entries of the actions that
 * carry typed text are read in time order from the step's position.
 */
function auditScrubber(action: (typeof AUDIT_TEXT_ACTIONS)[number]): Runner {
  return async (b, step, tc, found) => {
    const names = namer(tc, found);
    return await scan(
      b,
      step,
      (from, n) =>
        b.ctx.db
          .query('auditLogs')
          .withIndex('by_action', (q) => (from === undefined ? q.eq('action', action) : q.eq('action', action).gte('at', from)))
          .take(n),
      async (row) => {
        const scrubbed = scrubStrings(row.summary, names);
        if (!scrubbed.changed) return;
        await b.ctx.db.patch(row._id, { summary: scrubbed.value });
        b.wrote('auditLogs');
      },
    );
  };
}

/** Notifications whose title or text names the person (with or without a link to their records). */
const anonymiseNamingNotifications: Runner = async (b, step, tc, found) => {
  const names = namer(tc, found);
  return await scan(
    b,
    step,
    (from, n) => b.ctx.db.query('workflowNotifications').withIndex('by_createdAt', (q) => q.gte('createdAt', from ?? 0)).take(n),
    async (n) => {
      if (n.title !== ERASED && (names(n.title) || names(n.body))) await anonymiseNotification(b, n, true);
    },
    { timeOf: (n) => n.createdAt },
  );
};

type RowResult = Doc<'importBatches'>['results'][number];

/**
 * An import batch's row results with what names the person taken out: a conflict's snapshot of
 * stored values (dropped whole: its other values are the same person's) and error parameters
 * (the rejected value). Null when nothing names them.
 */
function scrubResults(results: RowResult[], names: (text: string) => boolean): RowResult[] | null {
  let changed = false;
  const out = results.map((r) => {
    let next = r;
    if (r.stored && Object.values(r.stored).some((x) => typeof x === 'string' && names(x))) {
      const { stored: _dropped, ...rest } = r;
      next = rest;
    }
    if (r.errors !== undefined) {
      const errors = scrubStrings(r.errors, names);
      if (errors.changed) next = { ...next, errors: errors.value as RowResult['errors'] };
    }
    if (next !== r) changed = true;
    return next;
  });
  return changed ? out : null;
}

/** Every import batch's stored results (kept so a retried batch is answered the same), oldest first. */
const scrubImportBatches: Runner = async (b, step, tc, found) => {
  const names = namer(tc, found);
  return await scan(
    b,
    step,
    (from, n) => b.ctx.db.query('importBatches').withIndex('by_creation_time', (q) => q.gte('_creationTime', from ?? 0)).take(n),
    async (batch) => {
      b.bytes += JSON.stringify(batch.results).length;
      const results = scrubResults(batch.results, names);
      if (results === null) return;
      await b.ctx.db.patch(batch._id, { results });
      b.wrote('importBatches');
    },
    { timeOf: (batch) => batch._creationTime, chunk: RESULTS_CHUNK },
  );
};

/** Import runs whose file name (or error) names the person ("fatma_sahin_bagis.xlsx"). */
const scrubImportRuns: Runner = async (b, step, tc, found) => {
  const names = namer(tc, found);
  return await scan(
    b,
    step,
    (from, n) => b.ctx.db.query('importRuns').withIndex('by_startedAt', (q) => q.gte('startedAt', from ?? 0)).take(n),
    async (run) => {
      const fileName = names(run.fileName);
      const error = run.error !== undefined && names(run.error);
      if (!fileName && !error) return;
      await b.ctx.db.patch(run._id, { ...(fileName ? { fileName: ERASED } : {}), ...(error ? { error: ERASED } : {}) });
      b.wrote('importRuns');
    },
    { timeOf: (run) => run.startedAt },
  );
};

const RUNNERS = {
  beneficiaries: underTc(eraseBeneficiaries),
  donations: underTc(anonymiseDonations),
  importChanges: underTc(eraseImportChanges),
  deletedRecords: underTc(eraseDeletedRecords),
  deletedDonations: underTc(anonymiseDeletedDonations),
  contactDonations: anonymiseContactDonations,
  deliveries: anonymiseDeliveries,
  consents: eraseConsents,
  notifications: anonymiseNamingNotifications,
  importBatches: scrubImportBatches,
  importRuns: scrubImportRuns,
  ...(Object.fromEntries(AUDIT_TEXT_ACTIONS.map((a) => [`audit_${a}`, auditScrubber(a)])) as Record<`audit_${(typeof AUDIT_TEXT_ACTIONS)[number]}`, Runner>),
} satisfies Record<(typeof ERASURE_STEPS)[number], Runner>;

/** One batch of an erasure. A stale call (another batch number, a finished run) does nothing. */
export const step = internalMutation({
  args: { erasureId: v.id('erasures'), batch: v.number() },
  handler: async (ctx, { erasureId, batch }) => {
    const erasure = await ctx.db.get(erasureId);
    if (erasure === null || erasure.status !== 'running' || erasure.batch !== batch) return null;
    const request = await ctx.db.get(erasure.requestId);
    if (request === null) throw new Error('erasures.step: the request is gone');
    const tc = request.subjectNationalId;
    const b = new Batch(ctx, { ...erasure.counts });
    b.reads += 2;
    const found: Found = { names: [...erasure.found.names], addresses: [...erasure.found.addresses] };
    const steps = erasure.steps.map((s) => ({ ...s }));
    for (const s of steps) {
      if (s.done) continue;
      s.done = await RUNNERS[s.name as (typeof ERASURE_STEPS)[number]](b, s, tc, found);
      if (!s.done) break;
    }
    const finished = steps.every((s) => s.done);
    const now = Date.now();
    await ctx.db.patch(erasureId, {
      batch: batch + 1,
      steps,
      counts: b.counts,
      found: finished ? { names: [], addresses: [] } : found,
      maxBatchReads: Math.max(erasure.maxBatchReads, b.reads),
      lastBatchAt: now,
      ...(finished ? { status: 'done' as const, finishedAt: now } : {}),
    });
    if (finished) {
      await writeAudit(ctx, {
        action: 'person_erase',
        actor: await ctx.db.get(erasure.actorId),
        collection: 'beneficiaries',
        summary: { status: 'finished', requestId: erasure.requestId, erasureId, batches: batch + 1, counts: b.counts },
      });
    } else {
      await ctx.scheduler.runAfter(0, internal.erasures.step, { erasureId, batch: batch + 1 });
    }
    return { reads: b.reads, writes: b.writes, finished };
  },
});

// --- the public functions -----------------------------------------------------------------------

/** The address (mobile or e-mail) the request names, normalised: the person's donations without a TC are found by it. */
function requestAddresses(request: Doc<'dataRequests'>): string[] {
  return request.subjectContact === undefined ? [] : contactsOf([request], ['subjectContact']);
}

/**
 * An erasure request and whom it names: a valid TC Kimlik No, or without one a mobile or e-mail
 * (`confirm`: what the administrator types again, as the request holds it).
 */
async function erasureRequest(ctx: QueryCtx, requestId: Id<'dataRequests'>): Promise<Doc<'dataRequests'> & { confirm: string }> {
  const request = await ctx.db.get(requestId);
  if (request === null) throw new ConvexError({ code: 'not_found', message: 'No such request' });
  if (request.type !== 'erasure') throw new ConvexError({ code: 'invalid', field: 'requestId', message: 'Only an erasure request can start an erasure' });
  const tc = request.subjectNationalId;
  if (tc !== undefined ? !isValidTcKimlik(tc) : requestAddresses(request).length === 0) {
    throw new ConvexError({ code: 'invalid', field: 'requestId', message: 'The request names no valid TC Kimlik No, mobile or e-mail' });
  }
  return { ...request, confirm: tc ?? request.subjectContact!.trim() };
}

const PREVIEW_READS = 16_000;
const PREVIEW_RECORDS = 20;
const PREVIEW_DONATIONS = 2_000;
const PREVIEW_PER_RANGE = 5_000;
const SAMPLE_IDS = 5;

type Method = 'delete' | 'anonymise';
interface Section {
  table: string;
  method: Method;
  /** Documents found; `atLeast`: a cap was reached and there are more. Null: checked during the run (the audit's texts). */
  count: number | null;
  atLeast: boolean;
  fields: string[];
  sampleIds: string[];
}

/** The preview's tally: sections by table and method, and a read budget that marks a section `atLeast` when spent. */
class Tally {
  reads = 0;
  readonly sections = new Map<string, Section>();
  /** Record ids whose dependents were counted. */
  readonly covered = new Set<string>();
  constructor(readonly ctx: QueryCtx) {}
  section(table: string, method: Method): Section {
    const key = `${table}:${method}`;
    let s = this.sections.get(key);
    if (s === undefined) {
      s = { table, method, count: 0, atLeast: false, fields: [], sampleIds: [] };
      this.sections.set(key, s);
    }
    return s;
  }
  /** At most `cap` documents of a range, and fewer when the budget runs low (`atLeast` set on `table`). */
  async read<T extends { _id: string }>(table: string, method: Method, cap: number, fetch: (n: number) => Promise<T[]>): Promise<T[]> {
    const n = Math.max(0, Math.min(cap, PREVIEW_READS - this.reads));
    const docs = n === 0 ? [] : await fetch(n + 1);
    this.reads += docs.length;
    if (docs.length > n) this.section(table, method).atLeast = true;
    return docs.slice(0, n);
  }
  /** A table whose documents naming the person are found while the run reads it in time order: no count. */
  scanned(table: string, fields: readonly string[]): void {
    this.sections.set(`${table}:scan`, { table, method: 'anonymise', count: null, atLeast: false, fields: [...fields], sampleIds: [] });
  }
  add(table: string, method: Method, doc: { _id: string }, fields: readonly string[]): void {
    const s = this.section(table, method);
    s.count = (s.count ?? 0) + 1;
    for (const f of fields) if (!s.fields.includes(f)) s.fields.push(f);
    if (s.sampleIds.length < SAMPLE_IDS) s.sampleIds.push(doc._id);
  }
}

const present = (doc: Record<string, unknown>, fields: readonly string[]) => fields.filter((f) => doc[f] !== undefined);

async function previewDependents(t: Tally, ids: string[], history: 'delete' | 'scrub'): Promise<void> {
  const db = t.ctx.db;
  for (const id of ids) {
    t.covered.add(id);
    const entries = await t.read('recordHistory', history === 'delete' ? 'delete' : 'anonymise', PREVIEW_PER_RANGE, (n) =>
      db.query('recordHistory').withIndex('by_record_at', (q) => q.eq('recordId', id)).take(n),
    );
    for (const e of entries) {
      if (history === 'delete') t.add('recordHistory', 'delete', e, ['changes']);
      else if (scrubChanges(e.changes) !== null) {
        const fields = e.changes.filter((c) => (DONOR_PERSONAL_FIELDS as readonly string[]).includes(c.field) && (c.before !== null || c.after !== null));
        t.add('recordHistory', 'anonymise', e, fields.map((c) => `changes.${c.field}`));
      }
    }
    if (history === 'delete') {
      for (const d of await t.read('recordViews', 'delete', PREVIEW_PER_RANGE, (n) => db.query('recordViews').withIndex('by_record_day', (q) => q.eq('recordId', id)).take(n))) {
        t.add('recordViews', 'delete', d, ['recordId', 'userId', 'day']);
      }
    }
    for (const d of await t.read('importChanges', 'delete', PREVIEW_PER_RANGE, (n) => db.query('importChanges').withIndex('by_recordId', (q) => q.eq('recordId', id)).take(n))) {
      t.add('importChanges', 'delete', d, present(d, ['before', 'after', 'key']));
    }
    for (const n of await t.read('workflowNotifications', 'anonymise', PREVIEW_PER_RANGE, (k) => db.query('workflowNotifications').withIndex('by_link', (q) => q.eq('link.id', id)).take(k))) {
      t.add('workflowNotifications', 'anonymise', n, NOTIFICATION_FIELDS);
      const sent = await db.query('deliveries').withIndex('by_notification', (q) => q.eq('notificationId', n._id)).take(DELIVERIES_PER_NOTIFICATION);
      t.reads += sent.length;
      for (const d of sent) if (d.payload !== undefined || d.subject !== undefined) t.add('deliveries', 'anonymise', d, present(d, ['subject', 'payload']));
    }
  }
}

/** What the preview finds under the TC (skipped for a request that names only a contact); `donation` counts one donation. */
async function previewUnderTc(t: Tally, tc: string, found: Found, donation: (doc: Doc<'donations'>) => Promise<void>): Promise<void> {
  const beneficiaryFieldKeys = getSpec('beneficiaries').fields.map((f) => f.key);
  for (const doc of await t.read('beneficiaries', 'delete', PREVIEW_RECORDS, (n) => t.ctx.db.query('beneficiaries').withIndex('by_nationalId', (q) => q.eq('nationalId', tc)).take(n))) {
    t.add('beneficiaries', 'delete', doc, present(doc, beneficiaryFieldKeys));
    note(found, [doc.fullName], contactsOf([doc], ['phone', 'email']));
    await previewDependents(t, idsOf(doc), 'delete');
  }
  for (const doc of await t.read('donations', 'anonymise', PREVIEW_DONATIONS, (n) => t.ctx.db.query('donations').withIndex('by_donorNationalId_date', (q) => q.eq('donorNationalId', tc)).take(n))) {
    await donation(doc);
  }
  // Undo data under the TC of records counted above is not counted twice.
  for (const d of await t.read('importChanges', 'delete', PREVIEW_PER_RANGE, (n) => t.ctx.db.query('importChanges').withIndex('by_collection_key', (q) => q.eq('collection', 'beneficiaries').eq('key', tc)).take(n))) {
    if (!t.covered.has(d.recordId)) t.add('importChanges', 'delete', d, present(d, ['before', 'after', 'key']));
  }
  for (const doc of await t.read('deletedRecords', 'delete', PREVIEW_RECORDS, (n) => t.ctx.db.query('deletedRecords').withIndex('by_collection_key', (q) => q.eq('collection', 'beneficiaries').eq('key', tc)).take(n))) {
    t.add('deletedRecords', 'delete', doc, ['values', 'key']);
    note(found, [], contactsOf([doc.values], ['phone', 'email']));
    await previewDependents(t, idsOfDeleted(doc), 'delete');
  }
  for (const doc of await t.read('deletedRecords', 'anonymise', PREVIEW_DONATIONS, (n) => t.ctx.db.query('deletedRecords').withIndex('by_donorNationalId', (q) => q.eq('donorNationalId', tc)).take(n))) {
    t.add('deletedRecords', 'anonymise', doc, ['donorNationalId', ...present(doc.values, DONOR_PERSONAL_FIELDS).map((f) => `values.${f}`)]);
    const name = doc.values.donorName;
    note(found, [typeof name === 'string' ? name : undefined], contactsOf([doc.values], ['donorPhone', 'donorEmail']));
    await previewDependents(t, idsOfDeleted(doc), 'scrub');
  }
}

/** Every table and field the erasure will change, with counts and a few ids; bounded reads, nothing written. */
export const preview = adminQuery({
  args: { requestId: v.id('dataRequests') },
  handler: async (ctx, { requestId }) => {
    const request = await erasureRequest(ctx, requestId);
    const tc = request.subjectNationalId;
    const t = new Tally(ctx);
    const found: Found = { names: [], addresses: requestAddresses(request) };

    const donation = async (doc: Doc<'donations'>) => {
      if (t.covered.has(doc._id)) return;
      // The derived search text and name key are made again from what stays.
      t.add('donations', 'anonymise', doc, [...present(doc, DONOR_PERSONAL_FIELDS), ...present(doc, ['searchText', 'nameKey'])]);
      note(found, [doc.donorName], contactsOf([doc], ['donorPhone', 'donorEmail']));
      await previewDependents(t, idsOf(doc), 'scrub');
    };
    if (tc !== undefined) await previewUnderTc(t, tc, found, donation);
    // Donations without a TC from their addresses (the list grows as they are read, as in the run).
    for (const address of found.addresses) {
      for (const doc of await t.read('donations', 'anonymise', PREVIEW_DONATIONS, (n) => contactDonations(ctx.db, address).take(n))) await donation(doc);
    }
    for (const address of found.addresses) {
      for (const d of await t.read('deliveries', 'anonymise', PREVIEW_PER_RANGE, (n) => ctx.db.query('deliveries').withIndex('by_destination', (q) => q.eq('destination', address)).take(n))) {
        t.add('deliveries', 'anonymise', d, present(d, DELIVERY_FIELDS));
      }
    }
    for (const key of subjectKeys(tc, found)) {
      for (const c of await t.read('consents', 'delete', PREVIEW_PER_RANGE, (n) => ctx.db.query('consents').withIndex('by_subject_purpose', (q) => q.eq('subjectKey', key)).take(n))) {
        t.add('consents', 'delete', c, ['subjectKey', 'purpose', 'givenAt', 'method']);
      }
    }
    // What has no index by person is read in time order during the run.
    t.scanned('workflowNotifications', ['title', 'body']);
    t.scanned('importBatches', ['results.stored', 'results.errors']);
    t.scanned('importRuns', ['fileName', 'error']);
    t.scanned('auditLogs', [...new Set(Object.values(AUDIT_TEXTS).flat())]);

    const existing = await ctx.db.query('erasures').withIndex('by_request', (q) => q.eq('requestId', requestId)).first();
    return {
      requestId,
      subjectName: request.subjectName,
      sections: [...t.sections.values()].filter((s) => s.count !== 0),
      /** What each donation keeps (the law's): everything but DONOR_PERSONAL_FIELDS. */
      kept: { donations: getSpec('donations').fields.map((f) => f.key).filter((k) => !(DONOR_PERSONAL_FIELDS as readonly string[]).includes(k)) },
      reads: t.reads,
      erasureId: existing?._id ?? null,
    };
  },
});

/**
 * Starts the erasure — or, when one was started for this request and stopped (a failed batch),
 * continues it from its last committed batch. `confirm` must repeat the person's TC Kimlik No.
 */
export const start = adminMutation({
  args: { requestId: v.id('dataRequests'), reason: v.string(), confirm: v.string() },
  handler: async (ctx, { requestId, reason, confirm }) => {
    const request = await erasureRequest(ctx, requestId);
    const existing = await ctx.db.query('erasures').withIndex('by_request', (q) => q.eq('requestId', requestId)).first();
    if (existing !== null) {
      if (existing.status === 'running') await ctx.scheduler.runAfter(0, internal.erasures.step, { erasureId: existing._id, batch: existing.batch });
      return { erasureId: existing._id, resumed: existing.status === 'running' };
    }
    if (request.status !== 'open') throw new ConvexError({ code: 'closed', message: 'The request is closed' });
    const why = reason.trim();
    if (why.length < 5 || why.length > MAX_REASON) throw new ConvexError({ code: 'invalid', field: 'reason', message: `reason: 5–${MAX_REASON} characters` });
    if (confirm.trim() !== request.confirm) {
      throw new ConvexError({ code: 'invalid', field: 'confirm', message: "confirm: type the person's TC Kimlik No (without one, the request's contact)" });
    }
    const now = Date.now();
    const erasureId = await ctx.db.insert('erasures', {
      requestId,
      reason: why,
      actorId: ctx.user._id,
      actorName: ctx.user.name,
      status: 'running',
      batch: 0,
      steps: ERASURE_STEPS.map((name) => ({ name, done: false })),
      counts: {},
      found: { names: [], addresses: requestAddresses(request) },
      maxBatchReads: 0,
      startedAt: now,
      lastBatchAt: now,
    });
    await writeAudit(ctx, { action: 'person_erase', actor: ctx.user, collection: 'beneficiaries', summary: { status: 'started', requestId, erasureId } });
    await ctx.scheduler.runAfter(0, internal.erasures.step, { erasureId, batch: 0 });
    return { erasureId, resumed: false };
  },
});

/** The erasure of a request, if one was started: where it stands and the counts (no personal data). */
export const progress = adminQuery({
  args: { requestId: v.id('dataRequests') },
  handler: async (ctx, { requestId }) => {
    const e = await ctx.db.query('erasures').withIndex('by_request', (q) => q.eq('requestId', requestId)).first();
    if (e === null) return null;
    return {
      erasureId: e._id,
      status: e.status,
      reason: e.reason,
      actorName: e.actorName,
      batches: e.batch,
      steps: e.steps.map((s) => ({ name: s.name, done: s.done })),
      counts: e.counts,
      startedAt: e.startedAt,
      lastBatchAt: e.lastBatchAt,
      finishedAt: e.finishedAt ?? null,
    };
  },
});
