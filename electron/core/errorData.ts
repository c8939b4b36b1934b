// Anything thrown, as the data of the core's one error type (what the renderer and the CLI show).
import { randomUUID } from 'node:crypto';
import { ConvexError } from 'convex/values';
import type { AppError as AppErrorData } from '../../shared/contract/schemas';
import { authAppError } from './session/authErrors';
import { AppError } from './errors/appError';

/**
 * Anything thrown becomes data the renderer can show. Our own refusals keep their code and text;
 * an unknown error (a DNS failure, a path, a V8 message) reaches the client only as a generic
 * message in both languages with an error id, and its detail goes to the log under that id.
 */
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
  // Our functions' argument checks (ConvexError with a sentence) are written for the user too.
  if (err instanceof ConvexError && typeof err.data === 'string') return { code: 'refused', message: err.data, messageTr: err.data };
  return unexpected(err);
}

function unexpected(err: unknown): AppErrorData {
  const errorId = randomUUID().slice(0, 8);
  console.error(`[kafkasder] unexpected error ${errorId}:`, err);
  return {
    code: 'internal',
    message: `Unexpected error (error id ${errorId}); the details are in the app's log.`,
    messageTr: `Beklenmeyen hata (hata kimliği ${errorId}); ayrıntılar uygulama günlüğünde.`,
    details: { errorId },
  };
}
