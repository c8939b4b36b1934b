// Anything thrown, as the data of the core's one error type (what the renderer and the CLI show).
import { ConvexError } from 'convex/values';
import type { AppError as AppErrorData } from '../../../shared/contract/schemas';
import { authAppError } from '../auth/authErrors';
import { AppError } from './appError';

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
