// A Turkish mobile number as libphonenumber reads it, unmemoised: the authority phone.ts memoises
// (and phone.test.ts compares the memo with). The "mobile" metadata build only validates mobile
// numbers, so landlines (0212…) and 0850 numbers are rejected without a hand-written regex.
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

/** The number in E.164 (+905…), or null when libphonenumber does not call it a Turkish mobile. */
export function parseWithLibphonenumber(text: string): string | null {
  try {
    const parsed = parsePhoneNumberFromString(text, 'TR');
    if (!parsed || parsed.country !== 'TR' || !parsed.isValid()) return null;
    const e164 = parsed.number;
    return /^\+905\d{9}$/.test(e164) ? e164 : null;
  } catch {
    return null;
  }
}
