// Rules for staff accounts shared by sign-in, the setup code, and the administration functions.
import { ConvexError } from 'convex/values';
// E-mail and phone are checked by the same shared/domain rules as imported records and the contract.
import { isValidEmail, normalizeEmail } from '../../shared/domain/email';
import { normalizeTurkishMobile } from '../../shared/domain/phone';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../shared/domain/roles';

/** The account id Convex Auth stores: trimmed, lower-case. */
export function checkEmail(email: string): string {
  const normalized = normalizeEmail(email);
  if (!isValidEmail(normalized)) {
    throw new ConvexError({ code: 'invalid_email', message: `email: "${email}" is not an e-mail address` });
  }
  return normalized;
}

/** A staff phone as typed (trimmed), or undefined when blank; a Turkish mobile, the number SMS reaches. */
export function checkPhone(phone: string | undefined): string | undefined {
  const trimmedPhone = phone?.trim() ? phone.trim() : undefined;
  if (trimmedPhone !== undefined && normalizeTurkishMobile(trimmedPhone) === null) {
    throw new ConvexError({ code: 'invalid_phone', message: `phone: "${trimmedPhone}" is not a phone number` });
  }
  return trimmedPhone;
}

export function checkName(name: string): string {
  const cleaned = name.trim().replace(/\s+/g, ' ');
  if (cleaned.length < 2 || cleaned.length > 120) {
    throw new ConvexError({ code: 'invalid_name', message: 'name: must be 2–120 characters' });
  }
  return cleaned;
}

/** Throws `weak_password` unless the password is 10–256 characters. */
export function checkPassword(password: string): void {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new ConvexError({
      code: 'weak_password',
      message: `password: must be ${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} characters`,
    });
  }
}
