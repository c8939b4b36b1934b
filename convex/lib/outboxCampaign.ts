// Who a bulk send reaches: beneficiaries or donors chosen by city, category, status and dates,
// read through the narrowest index the filters allow.
import { ConvexError, v, type Infer } from 'convex/values';
import { isValidEmail, normalizeEmail, normalizeTurkishMobile } from '../../shared/domain';
import type { Doc } from '../_generated/dataModel';
import type { DatabaseReader } from '../_generated/server';
import { dateRange } from './recordQueries';

export const audienceValidator = v.union(v.literal('beneficiaries'), v.literal('donors'));
export const campaignFiltersValidator = v.object({
  city: v.optional(v.string()),
  category: v.optional(v.string()),
  status: v.optional(v.string()),
  from: v.optional(v.string()),
  to: v.optional(v.string()),
});
export type Audience = Infer<typeof audienceValidator>;
export type CampaignFilters = Infer<typeof campaignFiltersValidator>;

export interface Reachable {
  name: string;
  email?: string;
  sms?: string;
}

/** Trimmed filters; empty strings mean "no filter". */
export function cleanFilters(filters: CampaignFilters): CampaignFilters {
  const out: CampaignFilters = {};
  for (const key of ['city', 'category', 'status', 'from', 'to'] as const) {
    const value = filters[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

/** The audience as an ordered query (oldest first, so pages stay stable while new rows arrive). */
export function audienceQuery(db: DatabaseReader, audience: Audience, filters: CampaignFilters) {
  if (audience === 'donors') {
    if (filters.city !== undefined || filters.category !== undefined) {
      throw new ConvexError('filters: city and category apply to beneficiaries only');
    }
    const { lower, upper } = dateRange('donations', filters) as { lower?: string; upper?: string };
    const status = filters.status;
    return status !== undefined
      ? db.query('donations').withIndex('by_status_date', (q) => {
          const eq = q.eq('status', status);
          const lo = lower !== undefined ? eq.gte('date', lower) : eq;
          return upper !== undefined ? lo.lte('date', upper) : lo;
        })
      : db.query('donations').withIndex('by_date', (q) => {
          const lo = lower !== undefined ? q.gte('date', lower) : q;
          return upper !== undefined ? lo.lte('date', upper) : lo;
        });
  }
  const { lower, upper } = dateRange('beneficiaries', filters) as { lower?: number; upper?: number };
  const { city, category, status } = filters;
  // One equality goes to the index; the others become a filter over its range.
  const [field, value] =
    city !== undefined ? (['city', city] as const) : category !== undefined ? (['category', category] as const) : status !== undefined ? (['status', status] as const) : [null, null];
  const indexName = field === 'city' ? 'by_city' : field === 'category' ? 'by_category' : field === 'status' ? 'by_status_date' : 'by_date';
  const query = db.query('beneficiaries').withIndex(indexName, (q) => {
    // The four indexes share their shape (optional equality, then createdAt); the builder's
    // types cannot express "the same shape", hence this loose view.
    let r = q as unknown as { eq(f: string, v: unknown): typeof r; gte(f: string, v: number): typeof r; lte(f: string, v: number): typeof r };
    if (field !== null) r = r.eq(field, value);
    if (lower !== undefined) r = r.gte('createdAt', lower);
    if (upper !== undefined) r = r.lte('createdAt', upper);
    return r as unknown as typeof q;
  });
  return query.filter((q) =>
    q.and(
      field !== 'city' && city !== undefined ? q.eq(q.field('city'), city) : true,
      field !== 'category' && category !== undefined ? q.eq(q.field('category'), category) : true,
      field !== 'status' && status !== undefined ? q.eq(q.field('status'), status) : true,
    ),
  );
}

/** Name and usable addresses of one audience row. */
export function reachableOf(audience: Audience, doc: Doc<'beneficiaries'> | Doc<'donations'>): Reachable {
  const raw =
    audience === 'donors'
      ? { name: (doc as Doc<'donations'>).donorName, email: (doc as Doc<'donations'>).donorEmail, phone: (doc as Doc<'donations'>).donorPhone }
      : { name: (doc as Doc<'beneficiaries'>).fullName, email: (doc as Doc<'beneficiaries'>).email, phone: (doc as Doc<'beneficiaries'>).phone };
  const email = raw.email ? normalizeEmail(raw.email) : undefined;
  return {
    name: raw.name,
    email: email && isValidEmail(email) ? email : undefined,
    sms: (raw.phone && normalizeTurkishMobile(raw.phone)) || undefined,
  };
}
