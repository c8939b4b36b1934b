// Who has consented to what (the register is convex/consents.ts). A person is `tc:<TC Kimlik No>`,
// or for a donor without one `email:<address>` / `phone:<+90…>`; bulk send asks here whether a
// recipient may get a message on a channel.
import { ConvexError } from 'convex/values';
import { isValidEmail, isValidTcKimlik, normalizeEmail, normalizeTurkishMobile } from '../../shared/domain';
import type { ConsentPurpose } from '../../shared/domain/kvkk';
import type { DeliveryChannel } from '../../shared/domain/vocabularies';
import type { Doc, Id } from '../_generated/dataModel';
import type { DatabaseReader, MutationCtx } from '../_generated/server';
import { isIsoDate } from '../../shared/domain/dates';
import type { ImportConsent } from '../../shared/domain/importConsent';
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

/** Earliest consent date an import may carry: the KVKK came into force on 7 April 2016. */
const KVKK_IN_FORCE = '2016-04-07';
const MAX_NOTICE_VERSION = 50;
const TURKEY_OFFSET = '+03:00';

/**
 * Records a beneficiary import row's consents (its "yes" consent columns) under the person's TC
 * Kimlik No, with the run: who ran it recorded them, on the file's date (09:00 Türkiye; the import
 * day without one), by the file's method (paper without one). A purpose already in force is left
 * as it is. The client checked the row with the same rules; a row that breaks them is refused.
 * Returns how many were recorded.
 */
export async function recordImportConsents(
  ctx: MutationCtx,
  run: Doc<'importRuns'>,
  nationalId: string,
  consent: ImportConsent,
  recorder: { _id: Id<'users'>; name: string },
  now: number,
): Promise<number> {
  const today = new Date(now + 3 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const { date, noticeVersion = '—', method = 'paper' } = consent;
  if (run.collection !== 'beneficiaries') throw new ConvexError({ code: 'invalid', field: 'consent', message: 'consent: only a beneficiary import carries consent columns' });
  if (date !== undefined && (!isIsoDate(date) || date < KVKK_IN_FORCE || date > today)) {
    throw new ConvexError({ code: 'invalid', field: 'consentDate', message: `consentDate: an ISO date from ${KVKK_IN_FORCE} to today` });
  }
  if (noticeVersion.trim() === '' || noticeVersion.length > MAX_NOTICE_VERSION) {
    throw new ConvexError({ code: 'invalid', field: 'consentNotice', message: `consentNotice: 1–${MAX_NOTICE_VERSION} characters` });
  }
  const key = subjectKey({ nationalId });
  const givenAt = date === undefined ? now : Math.min(now, Date.parse(`${date}T09:00:00${TURKEY_OFFSET}`));
  let recorded = 0;
  for (const purpose of new Set(consent.purposes)) {
    if ((await consentInForce(ctx.db, key, purpose)) !== null) continue;
    await ctx.db.insert('consents', {
      subjectKey: key,
      purpose,
      noticeVersion,
      givenAt,
      method,
      recordedById: recorder._id,
      recordedByName: recorder.name,
      recordedAt: now,
      importRunId: run._id,
    });
    recorded++;
  }
  return recorded;
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
