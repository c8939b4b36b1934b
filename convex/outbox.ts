// The e-mail/SMS outbox. Outbox workers `claim` due deliveries under a lease and `report` how each
// attempt went; the attempt number is the fencing token, so a report from a worker whose lease
// has been taken over changes nothing. Bulk campaigns fill the same outbox in bounded chunks.
import { paginationOptsValidator } from 'convex/server';
import { ConvexError, v } from 'convex/values';
import type { Doc, Id } from './_generated/dataModel';
import type { MutationCtx } from './_generated/server';
import { writeAudit } from './lib/audit';
import { staffMutation, staffQuery } from './lib/functions';
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
import { OUTBOUND_CHANNELS } from './lib/outboxEnqueue';
import { MESSAGE_TEMPLATES } from '../shared/domain/vocabularies';
import { MAX_PAGE_BYTES, pageBudget } from './lib/readBudget';
import type { DeliveryChannel } from '../shared/domain/vocabularies';

type AudienceDoc = Doc<'beneficiaries'> | Doc<'donations'>;

const MAX_CHUNK = 500;
const PREVIEW_CAP = 5_000;
const PREVIEW_SAMPLE = 5;

/** The earliest moment any delivery becomes claimable; null when nothing is waiting. Reactive. */
export const nextDue = staffQuery({
  args: {},
  handler: async (ctx) => {
    const queued = await ctx.db.query('deliveries').withIndex('by_state_next', (q) => q.eq('state', 'queued')).first();
    const leased = await ctx.db.query('deliveries').withIndex('by_state_lease', (q) => q.eq('state', 'sending')).first();
    const times = [queued?.nextAttemptAt, leased?.leaseExpiresAt].filter((t): t is number => t !== undefined);
    return { at: times.length > 0 ? Math.min(...times) : null };
  },
});

/** A delivery reached its final state: move its notification on and count it for its campaign. */
async function settled(ctx: MutationCtx, d: Doc<'deliveries'>, state: 'sent' | 'failed' | 'skipped', now: number) {
  if (d.notificationId) {
    const n = await ctx.db.get(d.notificationId);
    if (n && movesForward(n.status, 'gonderildi')) {
      // Sent by any channel, or every channel settled: the in-app copy is then what was delivered.
      const siblings = await ctx.db
        .query('deliveries')
        .withIndex('by_notification', (q) => q.eq('notificationId', n._id))
        .take(OUTBOUND_CHANNELS.length);
      const allSettled = siblings.every((s) => s._id === d._id || isTerminal(s.state));
      if (state === 'sent' || allSettled) await ctx.db.patch(n._id, { status: 'gonderildi', sentAt: now });
    }
  }
  if (d.campaignId) {
    const c = await ctx.db.get(d.campaignId);
    if (c) await ctx.db.patch(c._id, { [state]: c[state] + 1 });
  }
}

export const claim = staffMutation({
  args: { worker: v.string(), limit: v.number(), leaseMs: v.number() },
  handler: async (ctx, { worker, limit, leaseMs }) => {
    if (worker.trim() === '' || worker.length > 200) throw new ConvexError('worker: 1–200 characters');
    const take = Math.max(1, Math.min(MAX_CLAIM, Math.floor(limit)));
    const lease = Math.max(MIN_LEASE_MS, Math.min(MAX_LEASE_MS, Math.floor(leaseMs)));
    const now = Date.now();
    const due = await ctx.db
      .query('deliveries')
      .withIndex('by_state_next', (q) => q.eq('state', 'queued').lte('nextAttemptAt', now))
      .take(take);
    // Leases that ran out: their worker stopped or lost its way; the attempt counts as made.
    const expired = await ctx.db
      .query('deliveries')
      .withIndex('by_state_lease', (q) => q.eq('state', 'sending').lte('leaseExpiresAt', now))
      .take(take);
    const claimed = [];
    for (const d of [...due, ...expired]) {
      if (claimed.length >= take) break;
      if (d.state === 'sending' && d.attempts >= MAX_ATTEMPTS) {
        const lastError = `lease expired on attempt ${d.attempts}${d.lastError ? `; ${d.lastError}` : ''}`;
        await ctx.db.patch(d._id, { state: 'failed', leaseOwner: undefined, leaseExpiresAt: undefined, lastError, updatedAt: now });
        await settled(ctx, d, 'failed', now);
        continue;
      }
      const attempt = d.attempts + 1;
      await ctx.db.patch(d._id, { state: 'sending', attempts: attempt, leaseOwner: worker, leaseExpiresAt: now + lease, updatedAt: now });
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
    return claimed;
  },
});

const reportResult = v.union(
  v.object({ ok: v.literal(true), providerId: v.string(), rejected: v.optional(v.array(v.string())) }),
  v.object({ ok: v.literal(false), retryable: v.boolean(), error: v.string() }),
  v.object({ skipped: v.literal('not_configured') }),
);

export const report = staffMutation({
  args: { id: v.id('deliveries'), attempt: v.number(), worker: v.string(), result: reportResult },
  handler: async (ctx, { id, attempt, worker, result }) => {
    const d = await ctx.db.get(id);
    // Fencing: only the holder of the current lease may settle the attempt.
    if (d === null || d.state !== 'sending' || d.leaseOwner !== worker || d.attempts !== attempt) {
      return { applied: false as const, state: d?.state ?? null };
    }
    const now = Date.now();
    const release = { leaseOwner: undefined, leaseExpiresAt: undefined, updatedAt: now };
    if ('skipped' in result) {
      await ctx.db.patch(id, { ...release, state: 'skipped', lastError: 'not_configured' });
      await settled(ctx, d, 'skipped', now);
      return { applied: true as const, state: 'skipped' as const };
    }
    if (result.ok) {
      const lastError = result.rejected?.length ? `rejected: ${result.rejected.join(', ')}` : undefined;
      await ctx.db.patch(id, { ...release, state: 'sent', providerId: result.providerId, lastError });
      await settled(ctx, d, 'sent', now);
      return { applied: true as const, state: 'sent' as const };
    }
    const error = result.error.slice(0, 1_000);
    if (result.retryable && attempt < MAX_ATTEMPTS) {
      await ctx.db.patch(id, { ...release, state: 'queued', lastError: error, nextAttemptAt: now + backoffMs(attempt) });
      return { applied: true as const, state: 'queued' as const };
    }
    await ctx.db.patch(id, { ...release, state: 'failed', lastError: error });
    await settled(ctx, d, 'failed', now);
    return { applied: true as const, state: 'failed' as const };
  },
});

/** The one audit entry of a messaging-settings change; the settings themselves stay on the PC. */
export const noteSettingsChange = staffMutation({
  args: { email: v.boolean(), sms: v.boolean(), changed: v.array(v.string()) },
  handler: async (ctx, summary) => {
    await writeAudit(ctx, { action: 'settings_change', actor: ctx.user, collection: 'messaging', summary });
  },
});

// ---- Bulk campaigns ----------------------------------------------------------------------

export const previewCampaign = staffQuery({
  args: { audience: audienceValidator, filters: campaignFiltersValidator },
  handler: async (ctx, { audience, filters }) => {
    // One budgeted page: at most PREVIEW_CAP people (fewer if their documents are large).
    const read = await audienceQuery(ctx.db, audience, cleanFilters(filters)).paginate({
      numItems: PREVIEW_CAP,
      cursor: null,
      maximumRowsRead: PREVIEW_CAP,
      maximumBytesRead: MAX_PAGE_BYTES,
    });
    const counted = read.page as AudienceDoc[];
    const emails = new Set<string>();
    const phones = new Set<string>();
    const sample: { name: string; email?: string; phone?: string }[] = [];
    for (const doc of counted) {
      const r = reachableOf(audience, doc);
      if (r.email) emails.add(r.email);
      if (r.sms) phones.add(r.sms);
      if (sample.length < PREVIEW_SAMPLE) sample.push({ name: r.name, email: r.email, phone: r.sms });
    }
    return { count: counted.length, capped: !read.isDone, reachable: { email: emails.size, sms: phones.size }, sample };
  },
});

export const startCampaign = staffMutation({
  args: campaignFields,
  handler: async (ctx, args) => {
    if (!(MESSAGE_TEMPLATES as readonly string[]).includes(args.template)) throw new ConvexError(`template: unknown "${args.template}"`);
    const title = args.title.trim();
    if (title === '' || title.length > 200) throw new ConvexError('title: must be 1–200 characters');
    if (args.body.length > 5_000) throw new ConvexError('body: at most 5000 characters');
    const filters = cleanFilters(args.filters);
    audienceQuery(ctx.db, args.audience, filters); // rejects filters that do not apply
    return await ctx.db.insert('campaigns', {
      ...args,
      title,
      filters,
      actorId: ctx.user?._id,
      status: 'enqueuing',
      enqueued: 0,
      unreachable: 0,
      sent: 0,
      failed: 0,
      skipped: 0,
      createdAt: Date.now(),
    });
  },
});

async function finish(ctx: MutationCtx & { user: Doc<'users'> | null }, c: Doc<'campaigns'>, status: 'enqueued' | 'cancelled' | 'failed', error?: string) {
  await ctx.db.patch(c._id, { status, finishedAt: Date.now() });
  const actor = c.actorId ? await ctx.db.get(c.actorId) : ctx.user;
  await writeAudit(ctx, {
    action: 'bulk_send',
    actor,
    collection: c.audience === 'donors' ? 'donations' : 'beneficiaries',
    summary: {
      campaignId: c._id,
      status,
      audience: c.audience,
      filters: c.filters,
      channel: c.channel,
      template: c.template,
      enqueued: c.enqueued,
      unreachable: c.unreachable,
      ...(error ? { error } : {}),
    },
  });
}

/**
 * Enqueues one page of the audience. The caller drives the pages with the returned cursor; a
 * repeated page enqueues nobody twice (one delivery per campaign and destination). The last
 * page ends the campaign's enqueuing and writes its 'bulk_send' audit entry.
 */
export const enqueueCampaign = staffMutation({
  args: { campaignId: v.id('campaigns'), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { campaignId, paginationOpts }) => {
    const c = await ctx.db.get(campaignId);
    if (c === null) throw new ConvexError('campaignId: no such campaign');
    if (c.status !== 'enqueuing') return { enqueued: 0, unreachable: 0, isDone: true, continueCursor: '', status: c.status };
    const page = await audienceQuery(ctx.db, c.audience, c.filters).paginate(pageBudget(paginationOpts, MAX_CHUNK));
    const now = Date.now();
    let enqueued = 0;
    let unreachable = 0;
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
    const updated = { ...c, enqueued: c.enqueued + enqueued, unreachable: c.unreachable + unreachable };
    await ctx.db.patch(campaignId, { enqueued: updated.enqueued, unreachable: updated.unreachable });
    if (page.isDone) await finish(ctx, updated, 'enqueued');
    return { enqueued, unreachable, isDone: page.isDone, continueCursor: page.continueCursor, status: page.isDone ? 'enqueued' : 'enqueuing' };
  },
});

/** Ends a campaign whose enqueuing stopped early (cancelled or failed); already-ended ones are left alone. */
export const finishCampaign = staffMutation({
  args: { campaignId: v.id('campaigns'), status: v.union(v.literal('cancelled'), v.literal('failed')), error: v.optional(v.string()) },
  handler: async (ctx, { campaignId, status, error }) => {
    const c = await ctx.db.get(campaignId);
    if (c === null) throw new ConvexError('campaignId: no such campaign');
    if (c.status === 'enqueuing') await finish(ctx, c, status, error?.slice(0, 500));
    return (await ctx.db.get(campaignId))!;
  },
});

export const getCampaign = staffQuery({
  args: { campaignId: v.id('campaigns') },
  handler: async (ctx, { campaignId }) => await ctx.db.get(campaignId),
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
