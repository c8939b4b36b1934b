// Who a bulk send reaches: beneficiaries or donors chosen by city, category, status and dates,
// read through the index of exactly those filters.
import { ConvexError, v, type Infer } from 'convex/values';
import { isValidEmail, normalizeEmail, normalizeTurkishMobile } from '../../shared/domain';
import { CAMPAIGN_AUDIENCES } from '../../shared/domain/vocabularies';
import type { Doc } from '../_generated/dataModel';
import type { DatabaseReader } from '../_generated/server';
import { literals } from './literals';
import { deliveryChannelValidator, langValidator } from './tableValidators';
import { matchingQuery } from './recordQueries';

export const audienceValidator = literals(CAMPAIGN_AUDIENCES);
export const campaignFiltersValidator = v.object({
  city: v.optional(v.string()),
  category: v.optional(v.string()),
  status: v.optional(v.string()),
  from: v.optional(v.string()),
  to: v.optional(v.string()),
});
/** What a campaign is: the send's arguments and the fields of its table row. */
export const campaignFields = {
  audience: audienceValidator,
  filters: campaignFiltersValidator,
  channel: deliveryChannelValidator,
  template: v.string(),
  locale: langValidator,
  title: v.string(),
  body: v.string(),
};
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

/**
 * The audience as an ordered query (oldest first, so pages stay stable while new rows arrive),
 * through the index of exactly its filters: donors take status and dates only.
 */
export function audienceQuery(db: DatabaseReader, audience: Audience, filters: CampaignFilters) {
  if (audience === 'donors' && (filters.city !== undefined || filters.category !== undefined)) {
    throw new ConvexError('filters: city and category apply to beneficiaries only');
  }
  return matchingQuery(db, audience === 'donors' ? 'donations' : 'beneficiaries', filters, 'asc');
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
