// Everything held about one person, for their access request (KVKK Art. 11; issue #25): their
// beneficiary records, donations under their TC Kimlik No, consents, the messages sent to them,
// who viewed and changed their records, and their requests. A mutation because the export itself
// is audited in the same transaction. Every read is by an index and capped; a capped section says
// so (`truncated`), never silently.
import { ConvexError, v } from 'convex/values';
import { isValidTcKimlik } from '../shared/domain';
import type { Doc } from './_generated/dataModel';
import type { QueryCtx } from './_generated/server';
import { writeAudit } from './lib/audit';
import { addressKey, contactsOf } from './lib/consent';
import { staffMutation } from './lib/functions';
import { historyKeyOf } from './lib/recordHistory';

/** Per-section caps: together well inside one transaction's 32,000 documents. */
export const PERSON_LIMITS = { records: 20, donations: 5_000, historyPerRecord: 1_000, viewsPerRecord: 1_000, messagesPerAddress: 2_000, consents: 200, requests: 100, eventsPerRequest: 100 };

async function gather(ctx: QueryCtx, nationalId: string) {
  const truncated: string[] = [];
  const capped = <T>(rows: T[], limit: number, section: string): T[] => {
    if (rows.length > limit) {
      if (!truncated.includes(section)) truncated.push(section);
      return rows.slice(0, limit);
    }
    return rows;
  };
  const beneficiaries = capped(
    await ctx.db.query('beneficiaries').withIndex('by_nationalId', (q) => q.eq('nationalId', nationalId)).take(PERSON_LIMITS.records + 1),
    PERSON_LIMITS.records,
    'beneficiaries',
  );
  const donations = capped(
    await ctx.db.query('donations').withIndex('by_donorNationalId_date', (q) => q.eq('donorNationalId', nationalId)).take(PERSON_LIMITS.donations + 1),
    PERSON_LIMITS.donations,
    'donations',
  );

  // Changes to and views of their beneficiary records (a donation's history is the association's bookkeeping).
  const history: Doc<'recordHistory'>[] = [];
  const views: { recordId: string; day: string; viewer: string }[] = [];
  for (const doc of beneficiaries) {
    const entries = await ctx.db.query('recordHistory').withIndex('by_record_at', (q) => q.eq('recordId', historyKeyOf(doc))).take(PERSON_LIMITS.historyPerRecord + 1);
    history.push(...capped(entries, PERSON_LIMITS.historyPerRecord, 'history'));
    const seen = await ctx.db.query('recordViews').withIndex('by_record_day', (q) => q.eq('recordId', doc._id)).take(PERSON_LIMITS.viewsPerRecord + 1);
    for (const view of capped(seen, PERSON_LIMITS.viewsPerRecord, 'views')) {
      views.push({ recordId: view.recordId, day: view.day, viewer: (await ctx.db.get(view.userId))?.name ?? '' });
    }
  }

  const addresses = [
    ...contactsOf(beneficiaries as unknown as Record<string, unknown>[], ['phone', 'email']),
    ...contactsOf(donations as unknown as Record<string, unknown>[], ['donorPhone', 'donorEmail']),
  ].filter((a, i, all) => all.indexOf(a) === i);
  const messages: Doc<'deliveries'>[] = [];
  for (const address of addresses) {
    const sent = await ctx.db.query('deliveries').withIndex('by_destination', (q) => q.eq('destination', address)).take(PERSON_LIMITS.messagesPerAddress + 1);
    messages.push(...capped(sent, PERSON_LIMITS.messagesPerAddress, 'messages'));
  }

  const consentKeys = [`tc:${nationalId}`, ...addresses.map(addressKey)];
  const consents: Doc<'consents'>[] = [];
  for (const key of consentKeys) {
    const rows = await ctx.db.query('consents').withIndex('by_subject_purpose', (q) => q.eq('subjectKey', key)).take(PERSON_LIMITS.consents + 1);
    consents.push(...capped(rows, PERSON_LIMITS.consents, 'consents'));
  }

  const requests = capped(
    await ctx.db.query('dataRequests').withIndex('by_subjectNationalId', (q) => q.eq('subjectNationalId', nationalId)).take(PERSON_LIMITS.requests + 1),
    PERSON_LIMITS.requests,
    'requests',
  );
  const requestLogs = await Promise.all(
    requests.map(async (r) => ({
      ...r,
      events: await ctx.db.query('dataRequestEvents').withIndex('by_request_at', (q) => q.eq('requestId', r._id)).take(PERSON_LIMITS.eventsPerRequest),
    })),
  );

  return {
    beneficiaries,
    donations,
    consents,
    messages: messages.map((m) => ({
      _id: m._id,
      channel: m.channel,
      destination: m.destination,
      subject: m.subject,
      template: m.template,
      payload: m.payload as unknown,
      state: m.state,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    })),
    history,
    views,
    requests: requestLogs,
    truncated,
  };
}

export type PersonData = Awaited<ReturnType<typeof gather>>;

/** One person's data by TC Kimlik No; the export is audited with counts and record ids, never the data. */
export const exportPerson = staffMutation({
  args: { nationalId: v.string(), via: v.union(v.literal('app'), v.literal('cli')), requestId: v.optional(v.id('dataRequests')) },
  handler: async (ctx, { nationalId, via, requestId }) => {
    const tc = nationalId.trim();
    if (!isValidTcKimlik(tc)) throw new ConvexError({ code: 'invalid', field: 'nationalId', message: 'nationalId: not a valid TC Kimlik No' });
    const data = await gather(ctx, tc);
    const generatedAt = Date.now();
    const counts = {
      beneficiaries: data.beneficiaries.length,
      donations: data.donations.length,
      consents: data.consents.length,
      messages: data.messages.length,
      history: data.history.length,
      views: data.views.length,
      requests: data.requests.length,
    };
    await writeAudit(ctx, {
      action: 'person_export',
      actor: ctx.user,
      collection: 'beneficiaries',
      summary: { via, ...(requestId ? { requestId } : {}), recordIds: data.beneficiaries.map((b) => b._id), counts, truncated: data.truncated },
    });
    return { nationalId: tc, generatedAt, generatedBy: ctx.user.name, counts, ...data };
  },
});
