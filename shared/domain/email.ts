// A pragmatic address check: one @, no spaces, a dotted domain of letters, digits and hyphens.
import { trimmed } from './text';

const EMAIL = /^[^\s@"<>(),;:\\[\]]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}$/u;

// The same pattern for ASCII text, where \p{L} is [A-Za-z], \p{N} is [0-9] and \s is [\t-\r ];
// the non-Unicode form runs several times faster. Its local part refuses non-ASCII, so what it
// accepts is ASCII and EMAIL accepts it too; EMAIL is only needed for non-ASCII text.
const EMAIL_ASCII = /^[^\t-\r @"<>(),;:\\[\]\x80-\uffff]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

const NON_ASCII = /[^\0-\x7f]/;
const DOT = 46;

export function isValidEmail(s: string): boolean {
  if (typeof s !== 'string' || s.length > 254) return false;
  if (!EMAIL_ASCII.test(s) && !(NON_ASCII.test(s) && EMAIL.test(s))) return false;
  // One @ (neither pattern allows another), and a domain without "..": only the local part can hold one.
  const at = s.indexOf('@');
  return at <= 64 && s.charCodeAt(0) !== DOT && s.charCodeAt(at - 1) !== DOT && !s.includes('..');
}

// Text toLowerCase() may change: capitals or anything beyond ASCII.
const MAY_CHANGE_CASE = /[A-Z\u0080-\uffff]/;

/** Stored form: trimmed and lower-cased (addresses are matched case-insensitively in practice). */
export function normalizeEmail(s: string): string {
  const t = trimmed(s);
  return MAY_CHANGE_CASE.test(t) ? t.toLowerCase() : t;
}
