// What went wrong with a backend call, decided by the error's type and code, never by its text.
// Over the WebSocket a real backend reports a failed function only as a message string (redacted
// to "Server Error" in production) unless the function threw a ConvexError, so the gateway sorts
// failures when they happen, where it knows the connection's state:
//   - BackendUnreachableError: no connection for the whole timeout; nothing was answered;
//   - ConnectionLostError: the connection dropped while the call was out (an action may have run);
//   - BackendFunctionError: the function ran and failed (the backend's limit errors such as
//     TooManyReads or SearchQueryScannedTooManyDocumentsError, an OCC failure after the backend's
//     own retries, argument validation, a bug): running it again gives the same answer;
//   - ConvexError: the function refused on purpose; its data carries our code.
import { ConvexError } from 'convex/values';
import { AppError } from '../errors/appError';

export type BackendErrorKind = 'unreachable' | 'connection_lost' | 'rejected' | 'function_failed' | 'local';

export interface BackendErrorClass {
  kind: BackendErrorKind;
  /** A stable code: the ConvexError's data.code, or the gateway's own. */
  code: string;
  /** Worth trying again at once (with backoff): only transport trouble. */
  retryable: boolean;
  /** The work can continue later from where it stopped (the server decided nothing against it). */
  resumable: boolean;
}

export class BackendUnreachableError extends AppError {
  constructor(readonly url: string, readonly waitedMs: number) {
    const seconds = Math.round(waitedMs / 1000);
    super(
      'backend_unreachable',
      `Cannot reach the server at ${url} (no connection for ${seconds} s). Check the network and that the server is running.`,
      `${url} adresindeki sunucuya bağlanılamıyor (${seconds} sn boyunca bağlantı yok). Ağı ve sunucunun çalıştığını kontrol edin.`,
      { url },
    );
    this.name = 'BackendUnreachableError';
  }
}

export class ConnectionLostError extends AppError {
  constructor(readonly url: string, readonly functionName: string) {
    super(
      'connection_lost',
      `The connection to ${url} dropped while ${functionName} was running; it may or may not have finished.`,
      `${functionName} çalışırken ${url} bağlantısı koptu; işlem tamamlanmış olabilir de olmayabilir de.`,
      { url, functionName },
    );
    this.name = 'ConnectionLostError';
  }
}

export class BackendFunctionError extends AppError {
  constructor(readonly functionName: string, readonly serverMessage: string) {
    super(
      'backend_function_failed',
      `The server could not run ${functionName}: ${serverMessage}`,
      `Sunucu ${functionName} işlevini çalıştıramadı: ${serverMessage}`,
      { functionName },
    );
    this.name = 'BackendFunctionError';
  }
}

/** ConvexError data as our functions throw it: { code, ... } or a bare string. */
function convexErrorCode(err: { data: unknown }): string {
  const data = err.data;
  if (data && typeof data === 'object' && 'code' in data && typeof data.code === 'string') return data.code;
  return 'rejected';
}

/** By type; the name check covers a ConvexError from another copy of the convex package. */
const isConvexError = (err: unknown): err is { data: unknown } =>
  err instanceof ConvexError || (err instanceof Error && err.name === 'ConvexError' && 'data' in err);

export function classifyBackendError(err: unknown): BackendErrorClass {
  if (err instanceof BackendUnreachableError) {
    // The gateway already waited its whole timeout for a connection: retrying at once only waits again.
    return { kind: 'unreachable', code: err.code, retryable: false, resumable: true };
  }
  if (err instanceof ConnectionLostError) return { kind: 'connection_lost', code: err.code, retryable: true, resumable: true };
  if (isConvexError(err)) return { kind: 'rejected', code: convexErrorCode(err), retryable: false, resumable: false };
  if (err instanceof BackendFunctionError) return { kind: 'function_failed', code: err.code, retryable: false, resumable: false };
  if (err instanceof AppError) return { kind: 'local', code: err.code, retryable: false, resumable: false };
  // Anything else did not come through a gateway's classification (a bug, a file error): not retried.
  return { kind: 'local', code: 'internal', retryable: false, resumable: false };
}

export const isRetryable = (err: unknown): boolean => classifyBackendError(err).retryable;
