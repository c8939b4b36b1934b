// Rules for staff accounts shared by sign-in, the setup code, and the administration functions.
import { ConvexError } from 'convex/values';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../shared/domain/roles';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The account id Convex Auth stores: trimmed, lower-case (Turkish İ is not in e-mail addresses). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function checkEmail(email: string): string {
  const normalized = normalizeEmail(email);
  if (!EMAIL.test(normalized) || normalized.length > 254) {
    throw new ConvexError({ code: 'invalid_email', message: `email: "${email}" is not an e-mail address` });
  }
  return normalized;
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
