// Who has consented to what (the register is convex/consents.ts). A person is `tc:<TC Kimlik No>`,
// or for a donor without one `email:<address>` / `phone:<+90…>`; bulk send asks here whether a
// recipient may get a message on a channel.
import { ConvexError } from 'convex/values';
import { isValidEmail, isValidTcKimlik, normalizeEmail, normalizeTurkishMobile } from '../../shared/domain';
import type { ConsentPurpose } from '../../shared/domain/kvkk';
import type { DeliveryChannel } from '../../shared/domain/vocabularies';
import type { Doc } from '../_generated/dataModel';
import type { DatabaseReader } from '../_generated/server';
import type { Audience } from './outboxCampaign';

/** The register's key for a person: `tc:<TC>`, or `email:<address>` / `phone:<+90…>`. */
export function subjectKey({ nationalId, contact }: { nationalId?: string; contact?: string }): string {
  const tc = nationalId?.trim();
  if (tc) {
    if (!isValidTcKimlik(tc)) throw new ConvexError({ code: 'invalid', field: 'nationalId', message: 'nationalId: not a valid TC Kimlik No' });
    return `tc:${tc}`;
  }
  const raw = contact?.trim() ?? '';
  const email = normalizeEmail(raw);
  if (isValidEmail(email)) return `email:${email}`;
  const phone = normalizeTurkishMobile(raw);
  if (phone) return `phone:${phone}`;
  throw new ConvexError({ code: 'invalid', field: 'contact', message: 'A TC Kimlik No, an e-mail address or a mobile number is required' });
}

/** The register's key for an address found on a record (normalised by `contactsOf`). */
export function addressKey(address: string): string {
  return address.includes('@') ? `email:${address}` : `phone:${address}`;
}

/** The e-mail addresses and mobile numbers in these fields of these records, normalised, each once. */
export function contactsOf(docs: readonly Record<string, unknown>[], fields: readonly string[]): string[] {
  const found = new Set<string>();
  for (const doc of docs) {
    for (const field of fields) {
      const raw = doc[field];
      if (typeof raw !== 'string' || raw.trim() === '') continue;
      const email = normalizeEmail(raw);
      if (isValidEmail(email)) found.add(email);
      const phone = normalizeTurkishMobile(raw);
      if (phone) found.add(phone);
    }
  }
  return [...found];
}

/** The consent in force for one purpose: the latest recorded, unless withdrawn. One index range. */
export async function consentInForce(db: DatabaseReader, key: string, purpose: ConsentPurpose): Promise<Doc<'consents'> | null> {
  const latest = await db
    .query('consents')
    .withIndex('by_subject_purpose', (q) => q.eq('subjectKey', key).eq('purpose', purpose))
    .order('desc')
    .first();
  return latest !== null && latest.withdrawnAt === undefined ? latest : null;
}

/** Index ranges `mayMessage` reads at most: what a caller budgets against Convex's 4,096 per transaction. */
export const RANGES_PER_RECIPIENT = 2;

/**
 * Whether an audience row may get a bulk message on `channel` at `destination`: a consent for the
 * channel in force under their TC Kimlik No, or under the address itself (a donor without a TC).
 */
export async function mayMessage(
  db: DatabaseReader,
  audience: Audience,
  doc: Doc<'beneficiaries'> | Doc<'donations'>,
  channel: DeliveryChannel,
  destination: string,
): Promise<boolean> {
  const tc = audience === 'donors' ? (doc as Doc<'donations'>).donorNationalId : (doc as Doc<'beneficiaries'>).nationalId;
  if (tc && (await consentInForce(db, `tc:${tc}`, channel)) !== null) return true;
  return (await consentInForce(db, channel === 'email' ? `email:${destination}` : `phone:${destination}`, channel)) !== null;
}
