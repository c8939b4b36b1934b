// The e-mail/SMS outbox. Each PC that can send keeps a heartbeat row (`heartbeat`) naming the
// channels it can send; its outbox worker `claim`s due deliveries of those channels only, under a
// lease that belongs to that PC and the person signed in there, and `report`s how each attempt
// went. The attempt number is the fencing token: a report from a claimant whose lease was taken
// over changes nothing, and a report repeated after a lost reply is answered as the first was.
// A delivery no PC can send waits, queued, without spending an attempt. Bulk campaigns fill the
// same outbox in bounded chunks; their progress is counted from the deliveries, never kept on
// one document that every report would write.
import { paginationOptsValidator } from 'convex/server';
import { ConvexError, v } from 'convex/values';
import type { Doc, Id } from './_generated/dataModel';
import { internal } from './_generated/api';
import { internalMutation, type MutationCtx, type QueryCtx } from './_generated/server';
import { writeAudit } from './lib/audit';
import { mayMessage, RANGES_PER_RECIPIENT } from './lib/consent';
import { adminMutation, authError, staffMutation, staffQuery, viewerQuery } from './lib/functions';
import { audienceQuery, audienceValidator, campaignFields, campaignFiltersValidator, cleanFilters, reachableOf } from './lib/outboxCampaign';
import {
  backoffMs,
  isTerminal,
  MAX_ATTEMPTS,
  MAX_CLAIM,
  MAX_LEASE_MS,
  MIN_LEASE_MS,
  movesForward,
} from './lib/outboxPolicy';
import { deliveryChannelValidator } from './lib/tableValidators';
import { DELIVERY_CHANNELS, MESSAGE_TEMPLATES, SENDER_ONLINE_MS } from '../shared/domain/vocabularies';
import { MAX_PAGE_BYTES, pageBudget } from './lib/readBudget';
import type { DeliveryChannel } from '../shared/domain/vocabularies';

type AudienceDoc = Doc<'beneficiaries'> | Doc<'donations'>;
type StaffCtx = MutationCtx & { user: Doc<'users'> };

const MAX_CHUNK = 500;
const PREVIEW_CAP = 5_000;
const PREVIEW_SAMPLE = 5;
/**
 * People whose consent the preview checks, at most: 3,000 of a transaction's 4,096 index ranges.
 * Past it the left-out count is "at least".
 */
const CONSENT_CHECK_CAP = Math.floor(3_000 / RANGES_PER_RECIPIENT);
/** A campaign's progress is counted up to here per state; past it the page says "at least". */
export const PROGRESS_CAP = 2_000;
/** Chunks summed when a campaign ends (a campaign of 1M people in chunks of 200 has 5,000). */
const MAX_CHUNKS = 16_000;
/** A campaign still "enqueuing" with no chunk for this long was left half-way (the PC closed). */
export const ABANDONED_AFTER_MS = 60 * 60_000;
const MAX_SENDING_PCS = 100;

function checkWorker(worker: string) {
  if (worker.trim() === '' || worker.length > 200) throw new ConvexError('worker: 1–200 characters');
}

const onlyChannels = (channels: readonly string[]): DeliveryChannel[] => DELIVERY_CHANNELS.filter((c) => channels.includes(c));

// ---- Sending PCs ---------------------------------------------------------------------------

/**
 * A sending PC says it is there, who is signed in on it and which channels it can send (none:
 * it stopped sending). One row per PC, written only by that PC.
 */
export const heartbeat = staffMutation({
  args: { worker: v.string(), name: v.string(), channels: v.array(deliveryChannelValidator) },
  handler: async (ctx, { worker, name, channels }) => {
    checkWorker(worker);
    const pcName = name.trim().slice(0, 100) || worker.slice(0, 100);
    const row = { name: pcName, userId: ctx.user._id, userName: ctx.user.name, channels: onlyChannels(channels), lastSeen: Date.now() };
    const existing = await ctx.db.query('sendingPcs').withIndex('by_pc', (q) => q.eq('pc', worker)).unique();
    if (existing) await ctx.db.patch(existing._id, row);
    else await ctx.db.insert('sendingPcs', { pc: worker, ...row });
    return { lastSeen: row.lastSeen };
  },
});

/** The PCs that said they can send, most recently heard from first; the core decides who is on now. */
export const sendingPcs = viewerQuery({
  args: {},
  handler: async (ctx) => {
    const rows = await ctx.db.query('sendingPcs').withIndex('by_lastSeen').order('desc').take(MAX_SENDING_PCS);
    return rows
      .filter((r) => r.channels.length > 0)
      .map((r) => ({ pc: r.pc, name: r.name, userName: r.userName, channels: r.channels, lastSeen: r.lastSeen }));
  },
});

// ---- Claim and report ----------------------------------------------------------------------

/** The earliest moment a delivery of one of `channels` becomes claimable; null when none waits. Reactive. */
export const nextDue = staffQuery({
  args: { channels: v.array(deliveryChannelValidator) },
  handler: async (ctx, { channels }) => {
    const times: number[] = [];
    for (const channel of onlyChannels(channels)) {
      const queued = await ctx.db
        .query('deliveries')
        .withIndex('by_channel_state_next', (q) => q.eq('channel', channel).eq('state', 'queued'))
        .first();
      const leased = await ctx.db
        .query('deliveries')
        .withIndex('by_channel_state_lease', (q) => q.eq('channel', channel).eq('state', 'sending'))
        .first();
      if (queued) times.push(queued.nextAttemptAt);
      if (leased?.leaseExpiresAt !== undefined) times.push(leased.leaseExpiresAt);
    }
    return { at: times.length > 0 ? Math.min(...times) : null };
  },
});

/** A delivery reached its final state: move its notification on. */
async function settled(ctx: MutationCtx, d: Doc<'deliveries'>, state: 'sent' | 'failed', now: number) {
  if (!d.notificationId) return;
  const n = await ctx.db.get(d.notificationId);
  if (n && movesForward(n.status, 'gonderildi')) {
    // Sent by any channel, or every channel settled: the in-app copy is then what was delivered.
    const siblings = await ctx.db
      .query('deliveries')
      .withIndex('by_notification', (q) => q.eq('notificationId', n._id))
      .take(DELIVERY_CHANNELS.length);
    const allSettled = siblings.every((s) => s._id === d._id || isTerminal(s.state));
    if (state === 'sent' || allSettled) await ctx.db.patch(n._id, { status: 'gonderildi', sentAt: now });
  }
}

/**
 * Leases up to `limit` due deliveries of the channels this PC can send, to this PC and the person
 * signed in on it. Only a PC whose heartbeat (by the same person, recent) names a channel gets that
 * channel's deliveries; everything claimed is audited per batch.
 */
export const claim = staffMutation({
  args: { worker: v.string(), channels: v.array(deliveryChannelValidator), limit: v.number(), leaseMs: v.number() },
  handler: async (ctx, { worker, channels, limit, leaseMs }) => {
    checkWorker(worker);
    const now = Date.now();
    const pc = await ctx.db.query('sendingPcs').withIndex('by_pc', (q) => q.eq('pc', worker)).unique();
    if (pc === null || pc.userId !== ctx.user._id || pc.lastSeen < now - SENDER_ONLINE_MS) {
      throw new ConvexError({ code: 'not_a_sender', message: 'This PC has not said that it can send (heartbeat missing, stale or by another person)' });
    }
    const sendable = onlyChannels(channels).filter((c) => pc.channels.includes(c));
    const take = Math.max(1, Math.min(MAX_CLAIM, Math.floor(limit)));
    const lease = Math.max(MIN_LEASE_MS, Math.min(MAX_LEASE_MS, Math.floor(leaseMs)));
    const claimed: ClaimedDelivery[] = [];
    for (const channel of sendable) {
      const room = take - claimed.length;
      if (room <= 0) break;
      const due = await ctx.db
        .query('deliveries')
        .withIndex('by_channel_state_next', (q) => q.eq('channel', channel).eq('state', 'queued').lte('nextAttemptAt', now))
        .take(room);
      // Leases that ran out: their PC stopped or lost its way; the attempt counts as made.
      const expired = await ctx.db
        .query('deliveries')
        .withIndex('by_channel_state_lease', (q) => q.eq('channel', channel).eq('state', 'sending').lte('leaseExpiresAt', now))
        .take(room);
      for (const d of [...due, ...expired]) {
        if (claimed.length >= take) break;
        if (d.state === 'sending' && d.attempts >= MAX_ATTEMPTS) {
          const lastError = `lease expired on attempt ${d.attempts}${d.lastError ? `; ${d.lastError}` : ''}`;
          await ctx.db.patch(d._id, { state: 'failed', leaseExpiresAt: undefined, lastError, updatedAt: now });
          await settled(ctx, d, 'failed', now);
          continue;
        }
        const attempt = d.attempts + 1;
        await ctx.db.patch(d._id, {
          state: 'sending',
          attempts: attempt,
          leaseOwner: worker,
          leaseUserId: ctx.user._id,
          leaseExpiresAt: now + lease,
          reportedAttempt: undefined,
          updatedAt: now,
        });
        // What rendering and sending need, nothing more (no notification or recipient ids).
        claimed.push({
          id: d._id,
          attempt,
          channel: d.channel,
          destination: d.destination,
          subject: d.subject,
          template: d.template,
          payload: d.payload as unknown,
        });
      }
    }
    if (claimed.length > 0) {
      const count = (c: DeliveryChannel) => claimed.filter((d) => d.channel === c).length;
      await writeAudit(ctx, {
        action: 'outbox_claim',
        actor: ctx.user,
        collection: 'deliveries',
        summary: { pc: pc.name, worker, count: claimed.length, email: count('email'), sms: count('sms'), leaseMs: lease },
      });
    }
    return claimed;
  },
});

const reportResult = v.union(
  v.object({ ok: v.literal(true), providerId: v.string(), rejected: v.optional(v.array(v.string())) }),
  v.object({ ok: v.literal(false), retryable: v.boolean(), error: v.string() }),
  // This PC can no longer send the channel (its settings were removed): the delivery waits for a
  // PC that can, and the attempt is given back.
  v.object({ released: v.literal(true) }),
);

export const report = staffMutation({
  args: { id: v.id('deliveries'), attempt: v.number(), worker: v.string(), result: reportResult },
  handler: async (ctx, { id, attempt, worker, result }) => {
    const d = await ctx.db.get(id);
    // Another attempt holds the delivery now (or it is gone): this report is stale.
    if (d === null || d.attempts !== attempt) return { applied: false as const, state: d?.state ?? null };
    // The attempt is someone else's lease: only its claimant (this PC and person) may settle it.
    if (d.leaseOwner !== worker || d.leaseUserId !== ctx.user._id) {
      throw authError('forbidden', 'This delivery is leased to another PC or person');
    }
    // The same report again (its reply was lost): answer as the first time, change nothing.
    if (d.reportedAttempt === attempt) return { applied: true as const, state: d.state };
    if (d.state !== 'sending') return { applied: false as const, state: d.state };
    const now = Date.now();
    if ('released' in result) {
      await ctx.db.patch(id, {
        state: 'queued',
        attempts: attempt - 1,
        nextAttemptAt: now,
        leaseOwner: undefined,
        leaseUserId: undefined,
        leaseExpiresAt: undefined,
        updatedAt: now,
      });
      return { applied: true as const, state: 'queued' as const };
    }
    const reported = { leaseExpiresAt: undefined, reportedAttempt: attempt, updatedAt: now };
    if (result.ok) {
      const lastError = result.rejected?.length ? `rejected: ${result.rejected.join(', ')}` : undefined;
      await ctx.db.patch(id, { ...reported, state: 'sent', providerId: result.providerId, lastError });
      await settled(ctx, d, 'sent', now);
      return { applied: true as const, state: 'sent' as const };
    }
    const error = result.error.slice(0, 1_000);
    if (result.retryable && attempt < MAX_ATTEMPTS) {
      await ctx.db.patch(id, { ...reported, state: 'queued', lastError: error, nextAttemptAt: now + backoffMs(attempt) });
      return { applied: true as const, state: 'queued' as const };
    }
    await ctx.db.patch(id, { ...reported, state: 'failed', lastError: error });
    await settled(ctx, d, 'failed', now);
    return { applied: true as const, state: 'failed' as const };
  },
});

/**
 * The audit entry of a change to this PC's messaging settings (the settings themselves stay on the
 * PC). Administrators only: the core writes the settings file only after this entry is accepted.
 */
export const noteSettingsChange = adminMutation({
  args: { email: v.boolean(), sms: v.boolean(), changed: v.array(v.string()) },
  handler: async (ctx, { email, sms, changed }) => {
    const summary = { email, sms, changed: changed.slice(0, 10).map((c) => c.slice(0, 40)) };
    await writeAudit(ctx, { action: 'settings_change', actor: ctx.user, collection: 'messaging', summary });
  },
});

// ---- Bulk campaigns ----------------------------------------------------------------------

/** One budgeted page of the audience: at most PREVIEW_CAP people (fewer if their documents are large). */
async function audienceSample(ctx: QueryCtx, audience: Doc<'campaigns'>['audience'], filters: Doc<'campaigns'>['filters']) {
  const read = await audienceQuery(ctx.db, audience, filters).paginate({
    numItems: PREVIEW_CAP,
    cursor: null,
    maximumRowsRead: PREVIEW_CAP,
    maximumBytesRead: MAX_PAGE_BYTES,
  });
  const counted = read.page as AudienceDoc[];
  const emails = new Set<string>();
  const phones = new Set<string>();
  for (const doc of counted) {
    const r = reachableOf(audience, doc);
    if (r.email) emails.add(r.email);
    if (r.sms) phones.add(r.sms);
  }
  return { counted, count: counted.length, capped: !read.isDone, reachable: { email: emails.size, sms: phones.size } };
}

/**
 * Of the people with an address for `channel`, those without consent for it (KVKK: bulk send
 * reaches only who agreed), counted before sending; and the addresses that will be sent to.
 */
async function consentCount(ctx: QueryCtx, audience: Doc<'campaigns'>['audience'], counted: AudienceDoc[], channel: DeliveryChannel) {
  const withAddress = counted.flatMap((doc) => {
    const destination = reachableOf(audience, doc)[channel];
    return destination === undefined ? [] : [{ doc, destination }];
  });
  const checked = withAddress.slice(0, CONSENT_CHECK_CAP);
  const sendable = new Set<string>();
  let leftOut = 0;
  for (const { doc, destination } of checked) {
    if (await mayMessage(ctx.db, audience, doc, channel, destination)) sendable.add(destination);
    else leftOut++;
  }
  return { channel, leftOut, sendable: sendable.size, capped: checked.length < withAddress.length };
}

export const previewCampaign = staffQuery({
  args: { audience: audienceValidator, filters: campaignFiltersValidator, channel: v.optional(deliveryChannelValidator) },
  handler: async (ctx, { audience, filters, channel }) => {
    const { counted, count, capped, reachable } = await audienceSample(ctx, audience, cleanFilters(filters));
    const sample = counted.slice(0, PREVIEW_SAMPLE).map((doc) => {
      const r = reachableOf(audience, doc);
      return { name: r.name, email: r.email, phone: r.sms };
    });
    const consent = channel === undefined ? null : await consentCount(ctx, audience, counted, channel);
    return { count, capped: capped || (consent?.capped ?? false), reachable, sample, consent };
  },
});

const auditCollection = (c: Pick<Doc<'campaigns'>, 'audience'>) => (c.audience === 'donors' ? 'donations' : 'beneficiaries');

/** Starts a bulk send: its audit entry (who, audience, channel, how many) is written now, not at the end. */
export const startCampaign = staffMutation({
  args: campaignFields,
  handler: async (ctx, args) => {
    if (!(MESSAGE_TEMPLATES as readonly string[]).includes(args.template)) throw new ConvexError(`template: unknown "${args.template}"`);
    const title = args.title.trim();
    if (title === '' || title.length > 200) throw new ConvexError('title: must be 1–200 characters');
    if (args.body.length > 5_000) throw new ConvexError('body: at most 5000 characters');
    const filters = cleanFilters(args.filters);
    const size = await audienceSample(ctx, args.audience, filters); // also rejects filters that do not apply
    const createdAt = Date.now();
    const campaignId = await ctx.db.insert('campaigns', {
      ...args,
      title,
      filters,
      actorId: ctx.user._id,
      status: 'enqueuing',
      enqueued: 0,
      unreachable: 0,
      createdAt,
    });
    await writeAudit(ctx, {
      action: 'bulk_send',
      actor: ctx.user,
      collection: auditCollection(args),
      summary: {
        campaignId,
        status: 'started',
        audience: args.audience,
        filters,
        channel: args.channel,
        template: args.template,
        title,
        // Counted on the server from a bounded read: "at least" when capped.
        audienceCount: size.count,
        audienceCapped: size.capped,
        reachable: size.reachable[args.channel],
      },
    });
    return campaignId;
  },
});

/** Ends enqueuing: the totals are summed from the chunks and written to the campaign once. */
async function finish(ctx: MutationCtx & { user?: Doc<'users'> | null }, c: Doc<'campaigns'>, status: 'enqueued' | 'cancelled' | 'failed', extra: { error?: string; abandoned?: boolean } = {}) {
  const chunks = await ctx.db
    .query('campaignChunks')
    .withIndex('by_campaign_at', (q) => q.eq('campaignId', c._id))
    .take(MAX_CHUNKS);
  const enqueued = chunks.reduce((n, k) => n + k.enqueued, 0);
  const unreachable = chunks.reduce((n, k) => n + k.unreachable, 0);
  const noConsent = chunks.reduce((n, k) => n + (k.noConsent ?? 0), 0);
  await ctx.db.patch(c._id, { status, enqueued, unreachable, noConsent, finishedAt: Date.now() });
  const actor = c.actorId ? await ctx.db.get(c.actorId) : (ctx.user ?? null);
  await writeAudit(ctx, {
    action: 'bulk_send',
    actor,
    collection: auditCollection(c),
    summary: {
      campaignId: c._id,
      status,
      audience: c.audience,
      filters: c.filters,
      channel: c.channel,
      template: c.template,
      enqueued,
      unreachable,
      noConsent,
      ...(extra.error ? { error: extra.error.slice(0, 500) } : {}),
      ...(extra.abandoned ? { abandoned: true } : {}),
    },
  });
}

/**
 * Enqueues one page of the audience. The caller drives the pages with the returned cursor; a
 * repeated page (a lost reply) returns what it did the first time, and a destination is never
 * enqueued twice for one campaign. Chunks write only their own rows: the campaign is written once,
 * by the last page (or finishCampaign).
 */
export const enqueueCampaign = staffMutation({
  args: { campaignId: v.id('campaigns'), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { campaignId, paginationOpts }) => {
    const c = await ctx.db.get(campaignId);
    if (c === null) throw new ConvexError('campaignId: no such campaign');
    if (c.actorId !== ctx.user._id) throw authError('forbidden', 'Only the person who started a campaign enqueues it');
    const cursor = paginationOpts.cursor ?? '';
    const done = await ctx.db
      .query('campaignChunks')
      .withIndex('by_campaign_cursor', (q) => q.eq('campaignId', campaignId).eq('cursor', cursor))
      .unique();
    if (done) return { enqueued: done.enqueued, unreachable: done.unreachable, noConsent: done.noConsent ?? 0, isDone: done.isDone, continueCursor: done.continueCursor, status: c.status };
    if (c.status !== 'enqueuing') return { enqueued: 0, unreachable: 0, noConsent: 0, isDone: true, continueCursor: '', status: c.status };
    const page = await audienceQuery(ctx.db, c.audience, c.filters).paginate(pageBudget(paginationOpts, MAX_CHUNK));
    const now = Date.now();
    let enqueued = 0;
    let unreachable = 0;
    let noConsent = 0;
    // Per person: the duplicate check and the consent check, RANGES_PER_RECIPIENT + 1 index ranges.
    for (const doc of page.page as AudienceDoc[]) {
      const r = reachableOf(c.audience, doc);
      const destination = r[c.channel];
      if (destination === undefined) {
        unreachable++;
        continue;
      }
      const dup = await ctx.db
        .query('deliveries')
        .withIndex('by_campaign_destination', (q) => q.eq('campaignId', campaignId).eq('destination', destination))
        .first();
      if (dup) continue;
      if (!(await mayMessage(ctx.db, c.audience, doc, c.channel, destination))) {
        noConsent++;
        continue;
      }
      await ctx.db.insert('deliveries', {
        campaignId,
        channel: c.channel,
        destination,
        template: c.template,
        payload: { name: r.name, title: c.title, body: c.body, locale: c.locale },
        state: 'queued',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      });
      enqueued++;
    }
    await ctx.db.insert('campaignChunks', { campaignId, cursor, enqueued, unreachable, noConsent, isDone: page.isDone, continueCursor: page.continueCursor, at: now });
    if (page.isDone) await finish(ctx, c, 'enqueued');
    return { enqueued, unreachable, noConsent, isDone: page.isDone, continueCursor: page.continueCursor, status: page.isDone ? ('enqueued' as const) : c.status };
  },
});

/** Ends a campaign whose enqueuing stopped early (cancelled or failed); already-ended ones are left alone. */
export const finishCampaign = staffMutation({
  args: { campaignId: v.id('campaigns'), status: v.union(v.literal('cancelled'), v.literal('failed')), error: v.optional(v.string()) },
  handler: async (ctx: StaffCtx, { campaignId, status, error }) => {
    const c = await ctx.db.get(campaignId);
    if (c === null) throw new ConvexError('campaignId: no such campaign');
    if (c.actorId !== ctx.user._id) throw authError('forbidden', 'Only the person who started a campaign ends it');
    if (c.status === 'enqueuing') await finish(ctx, c, status, { error });
    return { status: (await ctx.db.get(campaignId))!.status };
  },
});

/** Deliveries of one campaign in one state, counted up to PROGRESS_CAP (+1 to know it was passed). */
async function countState(ctx: QueryCtx, campaignId: Id<'campaigns'>, state: Doc<'deliveries'>['state']) {
  const rows = await ctx.db
    .query('deliveries')
    .withIndex('by_campaign_state', (q) => q.eq('campaignId', campaignId).eq('state', state))
    .take(PROGRESS_CAP + 1);
  return { n: Math.min(rows.length, PROGRESS_CAP), capped: rows.length > PROGRESS_CAP };
}

/**
 * A campaign and its progress, counted from its deliveries by state. Past PROGRESS_CAP a count is
 * "at least" (`capped`); `pending` is exact in its yes/no: some delivery still waits or is out.
 */
export const getCampaign = staffQuery({
  args: { campaignId: v.id('campaigns') },
  handler: async (ctx, { campaignId }) => {
    const c = await ctx.db.get(campaignId);
    if (c === null) return null;
    const [sent, failed, queued, sending] = await Promise.all(
      (['sent', 'failed', 'queued', 'sending'] as const).map((s) => countState(ctx, campaignId, s)),
    );
    return {
      _id: c._id,
      audience: c.audience,
      channel: c.channel,
      title: c.title,
      status: c.status,
      enqueued: c.enqueued,
      unreachable: c.unreachable,
      noConsent: c.noConsent ?? 0,
      sent: sent!.n,
      failed: failed!.n,
      waiting: queued!.n + sending!.n,
      capped: [sent, failed, queued, sending].some((x) => x!.capped),
      pending: queued!.n + sending!.n > 0,
      createdAt: c.createdAt,
      finishedAt: c.finishedAt,
    };
  },
});

/**
 * Closes campaigns left "enqueuing" (the PC that drove them closed half-way) with an audit entry;
 * what they enqueued still goes out. Runs from a cron; the cutoff is fixed for the whole run so
 * each continuation pages the same query.
 */
export const closeAbandoned = internalMutation({
  args: { cutoff: v.optional(v.number()), cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, { cutoff, cursor }) => {
    const at = cutoff ?? Date.now() - ABANDONED_AFTER_MS;
    const page = await ctx.db
      .query('campaigns')
      .withIndex('by_status_createdAt', (q) => q.eq('status', 'enqueuing').lt('createdAt', at))
      .paginate({ cursor: cursor ?? null, numItems: 50 });
    let closed = 0;
    for (const c of page.page) {
      const last = await ctx.db
        .query('campaignChunks')
        .withIndex('by_campaign_at', (q) => q.eq('campaignId', c._id))
        .order('desc')
        .first();
      if (last && last.at >= at) continue; // still moving
      await finish(ctx, c, 'failed', { error: 'abandoned: enqueuing stopped half-way', abandoned: true });
      closed++;
    }
    if (!page.isDone) await ctx.scheduler.runAfter(0, internal.outbox.closeAbandoned, { cutoff: at, cursor: page.continueCursor });
    return { closed };
  },
});

export type ClaimedDelivery = {
  id: Id<'deliveries'>;
  attempt: number;
  channel: DeliveryChannel;
  destination: string;
  subject?: string;
  template?: string;
  payload: unknown;
};
