// One error type for everything the core reports to a user: a stable code and both languages.
import { ConvexError } from 'convex/values';
import type { AppError as AppErrorData } from '../../../shared/contract/schemas';
import { authAppError } from '../auth/authErrors';

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly messageEn: string,
    readonly messageTr: string,
    readonly details?: unknown,
  ) {
    super(messageEn);
    this.name = 'AppError';
  }

  toData(): AppErrorData {
    return { code: this.code, message: this.messageEn, messageTr: this.messageTr, details: this.details };
  }
}

/** Anything thrown becomes data the renderer can show; unknown errors keep only their message. */
export function toAppErrorData(err: unknown): AppErrorData {
  if (err instanceof AppError) return err.toData();
  const refusal = authAppError(err);
  if (refusal) return refusal.toData();
  if (err && typeof err === 'object' && 'toAppError' in err && typeof err.toAppError === 'function') {
    return (err.toAppError as () => AppErrorData)();
  }
  // A deliberate refusal by one of our functions keeps its code, so hosts can say it in both languages.
  if (err instanceof ConvexError && typeof err.data === 'object' && err.data !== null && typeof (err.data as { code?: unknown }).code === 'string') {
    const { code, message } = err.data as { code: string; message?: unknown };
    const text = typeof message === 'string' ? message : code;
    return { code, message: text, messageTr: text };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message, messageTr: `Beklenmeyen hata: ${message}` };
}

export const cancelledError = () => new AppError('cancelled', 'Cancelled by the user', 'Kullanıcı tarafından iptal edildi');
