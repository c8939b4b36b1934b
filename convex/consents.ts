// The consent register (KVKK Art. 5, 6; issue #25): per person and purpose (SMS, e-mail,
// special-category data), the notice version shown, when and how it was obtained, who recorded
// it, and its withdrawal. A person is their TC Kimlik No, or for a donor without one their
// e-mail address or mobile number. Rows are appended; a withdrawal is written onto the consent
// it ends, never deleted.
import { ConvexError, v } from 'convex/values';
import { CONSENT_METHODS, CONSENT_PURPOSES, type ConsentPurpose } from '../shared/domain/kvkk';
import { writeAudit } from './lib/audit';
import { consentInForce, subjectKey } from './lib/consent';
import { staffMutation, staffQuery } from './lib/functions';
import { literals } from './lib/literals';

/** A person's consent rows shown, at most (a few per purpose over the years). */
const MAX_ROWS = 100;
const MAX_VERSION = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

export const subjectArgs = { nationalId: v.optional(v.string()), contact: v.optional(v.string()) };

export const record = staffMutation({
  args: {
    ...subjectArgs,
    purpose: literals(CONSENT_PURPOSES),
    noticeVersion: v.string(),
    givenAt: v.number(),
    method: literals(CONSENT_METHODS),
  },
  handler: async (ctx, args) => {
    const key = subjectKey(args);
    const noticeVersion = args.noticeVersion.trim();
    if (noticeVersion === '' || noticeVersion.length > MAX_VERSION) {
      throw new ConvexError({ code: 'invalid', field: 'noticeVersion', message: `noticeVersion: 1–${MAX_VERSION} characters` });
    }
    const now = Date.now();
    if (!Number.isFinite(args.givenAt) || args.givenAt > now + DAY_MS) {
      throw new ConvexError({ code: 'invalid', field: 'givenAt', message: 'givenAt: not in the future' });
    }
    const id = await ctx.db.insert('consents', {
      subjectKey: key,
      purpose: args.purpose,
      noticeVersion,
      givenAt: args.givenAt,
      method: args.method,
      recordedById: ctx.user._id,
      recordedByName: ctx.user.name,
      recordedAt: now,
    });
    await writeAudit(ctx, { action: 'consent_record', actor: ctx.user, collection: 'consents', summary: { consentId: id, purpose: args.purpose, method: args.method, noticeVersion } });
    return id;
  },
});

/** Withdraws the consent in force for a purpose; refused when there is none. */
export const withdraw = staffMutation({
  args: { ...subjectArgs, purpose: literals(CONSENT_PURPOSES) },
  handler: async (ctx, args) => {
    const current = await consentInForce(ctx.db, subjectKey(args), args.purpose);
    if (current === null) throw new ConvexError({ code: 'not_found', message: 'No consent in force for this purpose' });
    await ctx.db.patch(current._id, { withdrawnAt: Date.now(), withdrawnById: ctx.user._id, withdrawnByName: ctx.user.name });
    await writeAudit(ctx, { action: 'consent_withdraw', actor: ctx.user, collection: 'consents', summary: { consentId: current._id, purpose: args.purpose } });
  },
});

/** A person's consents: which purposes are in force, and their rows by purpose, newest first within each. */
export const of = staffQuery({
  args: subjectArgs,
  handler: async (ctx, args) => {
    const key = subjectKey(args);
    const rows = await ctx.db
      .query('consents')
      .withIndex('by_subject_purpose', (q) => q.eq('subjectKey', key))
      .order('desc')
      .take(MAX_ROWS);
    const inForce = Object.fromEntries(
      await Promise.all(CONSENT_PURPOSES.map(async (p) => [p, (await consentInForce(ctx.db, key, p)) !== null] as const)),
    ) as Record<ConsentPurpose, boolean>;
    return { subjectKey: key, inForce, rows };
  },
});
