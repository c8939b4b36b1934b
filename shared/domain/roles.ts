// Staff roles, weakest first: an observer reads; staff also import, export and send; an
// administrator also manages accounts and messaging settings. Enforced by convex/lib/functions.
export const ROLES = ['gozlemci', 'personel', 'yonetici'] as const;
export type Role = (typeof ROLES)[number];

/** True when `role` grants at least what `needed` does. */
export function hasRole(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** Passwords are at least this long (issue: staff accounts of an app holding KVKK data). */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
/**
 * Failed sign-ins: per (normalised) e-mail and hour, this many are free; after that each further
 * attempt waits a back-off that doubles from SIGN_IN_BACKOFF_BASE_MS up to SIGN_IN_BACKOFF_CAP_MS
 * after the last failure. A back-off, not a lockout: nobody can lock the administrator out for
 * longer than the cap by typing wrong passwords for them.
 */
export const FREE_FAILED_SIGN_INS_PER_HOUR = 5;
export const SIGN_IN_BACKOFF_BASE_MS = 2_000;
export const SIGN_IN_BACKOFF_CAP_MS = 60_000;
/** Failed sign-ins of all e-mails together per minute before every attempt waits for the next minute. */
export const MAX_FAILED_SIGN_INS_PER_MINUTE = 100;
