// Turkish mobile numbers. The "mobile" metadata build of libphonenumber-js only validates mobile
// numbers, so landlines (0212…) and 0850 numbers are rejected without a hand-written regex.
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

/** Any common spelling of a Turkish mobile number → '+905XXXXXXXXX'; null for anything else. */
export function normalizeTurkishMobile(s: string): string | null {
  if (typeof s !== 'string') return null;
  const text = s.trim();
  if (text === '' || text.length > 40) return null;
  try {
    const parsed = parsePhoneNumberFromString(text, 'TR');
    if (!parsed || parsed.country !== 'TR' || !parsed.isValid()) return null;
    const e164 = parsed.number;
    return /^\+905\d{9}$/.test(e164) ? e164 : null;
  } catch {
    return null;
  }
}
