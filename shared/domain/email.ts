// A pragmatic address check: one @, no spaces, a dotted domain of letters, digits and hyphens.
import { trimmed } from './text';

const EMAIL = /^[^\s@"<>(),;:\\[\]]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}$/u;

const DOT = 46;
const AT = 64;

/** scanAscii's verdict bits. */
const VALID = 1;
const HAS_CAPITAL = 2;
const NOT_ASCII = 4;
/** Internal to scanAscii: a rule failed (the scan goes on, to see every character). */
const NOT_VALID = 8;

/** Characters the local part refuses: \t-\r, space, @ " < > ( ) , ; : \\ [ ] */
const LOCAL_REFUSED = new Uint8Array(128);
for (const c of '@"<>(),;:\\[] ') LOCAL_REFUSED[c.charCodeAt(0)] = 1;
for (let c = 9; c <= 13; c++) LOCAL_REFUSED[c] = 1;

const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * EMAIL and isValidEmail's further rules for ASCII text (where \p{L} is [A-Za-z], \p{N} is
 * [0-9] and \s is [\t-\r ]), in one pass over the characters: the regexps and searches it
 * replaces were some 4 % of checking a row. VALID when `s` passes, HAS_CAPITAL when it has an
 * A–Z, NOT_ASCII alone when it has anything beyond ASCII: EMAIL decides then. email.test.ts
 * compares it with the patterns over random addresses.
 */
function scanAscii(s: string): number {
  const n = s.length;
  let flags = 0;
  let at = -1;
  let i = 0;
  // The local part: up to the first @, none of LOCAL_REFUSED, no "..", not starting or ending with ".".
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return NOT_ASCII;
    if (c === AT) {
      at = i;
      break;
    }
    if (c >= 65 && c <= 90) flags |= HAS_CAPITAL;
    if (LOCAL_REFUSED[c] === 1 || (c === DOT && (i === 0 || s.charCodeAt(i - 1) === DOT))) flags |= NOT_VALID;
  }
  // No @: no address, whatever the rest (a character beyond ASCII has returned already).
  if (at < 0) return flags & ~NOT_VALID;
  if (at === 0 || at > 64 || s.charCodeAt(at - 1) === DOT || n > 254) flags |= NOT_VALID;
  // The domain: labels of letters, digits and inner hyphens, each followed by a dot, then 2+ letters.
  let labelStart = at + 1;
  let dots = 0;
  let lettersOnly = true;
  for (i = at + 1; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return NOT_ASCII;
    if (c >= 65 && c <= 90) flags |= HAS_CAPITAL;
    if (c === DOT) {
      if (i === labelStart || s.charCodeAt(labelStart) === 45 || s.charCodeAt(i - 1) === 45) flags |= NOT_VALID;
      dots++;
      labelStart = i + 1;
      lettersOnly = true;
    } else if (isLetter(c)) continue;
    else if (isDigit(c) || c === 45) lettersOnly = false;
    else flags |= NOT_VALID;
  }
  if (dots === 0 || !lettersOnly || n - labelStart < 2) flags |= NOT_VALID;
  return flags & NOT_VALID ? flags & ~NOT_VALID : flags | VALID;
}

/** The other rules: one @ (neither pattern allows another), and no ".." (only the local part can hold one). */
function furtherRulesHold(s: string): boolean {
  const at = s.indexOf('@');
  return at <= 64 && s.charCodeAt(0) !== DOT && s.charCodeAt(at - 1) !== DOT && !s.includes('..');
}

export function isValidEmail(s: string): boolean {
  if (typeof s !== 'string' || s.length > 254) return false;
  const flags = scanAscii(s);
  if (flags & NOT_ASCII) return EMAIL.test(s) && furtherRulesHold(s);
  return (flags & VALID) !== 0;
}

// Text toLowerCase() may change: capitals or anything beyond ASCII.
const MAY_CHANGE_CASE = /[A-Z\u0080-\uffff]/;

/** Stored form: trimmed and lower-cased (addresses are matched case-insensitively in practice). */
export function normalizeEmail(s: string): string {
  const t = trimmed(s);
  return MAY_CHANGE_CASE.test(t) ? t.toLowerCase() : t;
}

/** The stored form of an address (normalizeEmail), or null when it is not one (isValidEmail). */
export function emailOf(s: string): string | null {
  const t = trimmed(s);
  // Lower-case ASCII, nearly every cell: one scan decides, with nothing to change.
  const flags = scanAscii(t);
  if ((flags & (NOT_ASCII | HAS_CAPITAL)) === 0) return flags & VALID ? t : null;
  const email = normalizeEmail(t);
  return isValidEmail(email) ? email : null;
}
