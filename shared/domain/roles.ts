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
/** Failed sign-ins allowed per account and hour before Convex Auth's limiter refuses. */
export const MAX_FAILED_SIGN_INS_PER_HOUR = 10;
