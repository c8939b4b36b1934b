// What the renderer is told when Convex or the session refuses: a code and both languages.
import { ConvexError } from 'convex/values';
import { AppError } from '../errors/appError';
import { hasRole, MIN_PASSWORD_LENGTH, SIGN_IN_BACKOFF_CAP_MS, type Role } from '../../../shared/domain/roles';
import { AuthError, type AuthSession, type AuthUser } from './authSession';

const MESSAGES: Record<string, [en: string, tr: string]> = {
  invalid_credentials: ['Wrong e-mail or password', 'E-posta veya şifre hatalı'],
  rate_limited: [
    `Too many failed sign-ins: wait a little (at most ${SIGN_IN_BACKOFF_CAP_MS / 1000} seconds) and try again`,
    `Çok fazla hatalı giriş denemesi: biraz bekleyip (en çok ${SIGN_IN_BACKOFF_CAP_MS / 1000} saniye) yeniden deneyin`,
  ],
  flow_not_allowed: ['Accounts are created by an administrator', 'Hesapları yönetici oluşturur'],
  unauthenticated: ['Your session has ended: sign in again', 'Oturumunuz sona erdi: yeniden giriş yapın'],
  forbidden: ['Your role does not allow this', 'Rolünüz bu işleme izin vermiyor'],
  weak_password: [`The password must be at least ${MIN_PASSWORD_LENGTH} characters`, `Şifre en az ${MIN_PASSWORD_LENGTH} karakter olmalı`],
  email_taken: ['This e-mail already has an account', 'Bu e-posta ile bir hesap zaten var'],
  invalid_setup_code: ['The setup code is wrong', 'Kurulum kodu hatalı'],
  setup_closed: ['This deployment already has an administrator', 'Bu kurulumun zaten bir yöneticisi var'],
  not_your_run: ['Only the person who started this import may continue or finish it', 'Bu içe aktarmayı yalnızca başlatan kişi sürdürebilir veya bitirebilir'],
  last_admin: [
    'The last active administrator can be neither demoted nor deactivated, and nobody deactivates their own account',
    'Son etkin yönetici düşürülemez veya devre dışı bırakılamaz; kimse kendi hesabını devre dışı bırakamaz',
  ],
};

/** An AppError for a refusal with a known code; null for anything else. */
export function authAppError(err: unknown): AppError | null {
  let code: string | undefined;
  if (err instanceof AuthError) code = err.code;
  else if (err instanceof ConvexError && typeof err.data === 'object' && err.data !== null) code = (err.data as { code?: string }).code;
  const message = code ? MESSAGES[code] : undefined;
  if (!code || !message) return null;
  const [en, tr] = message;
  return new AppError(code, en, tr);
}

/**
 * The signed-in person, if their role is at least `role`; otherwise the refusal (signed out:
 * unauthenticated, weaker role: forbidden). For what the core does on this PC without asking the
 * server first (local settings, test messages): a hidden button is not a check.
 */
export function requireRole(auth: Pick<AuthSession, 'user'>, role: Role): AuthUser {
  const user = auth.user();
  if (user === null) throw authAppError(new AuthError('unauthenticated'))!;
  if (!hasRole(user.role, role)) throw authAppError(new AuthError('forbidden'))!;
  return user;
}
