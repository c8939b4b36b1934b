// A backend that is not there: every call refuses. The CLI's local-file commands (validate) and
// the desktop app before it has a deployment (its first-run screen) run over it.
import { AppError } from '../errors/appError';
import type { Gateway } from './gateway';

/** A backend that is not there: every call refuses (a local file's check never makes one). */
export function noBackend(): Gateway {
  const refuse = async (): Promise<never> => {
    throw new AppError('no_backend', 'This command works without a backend', 'Bu komut sunucusuz çalışır');
  };
  return {
    kind: 'memory',
    query: refuse,
    mutation: refuse,
    action: refuse,
    anonymousAction: refuse,
    watch: (_fn, _args, _onUpdate, onError) => (void refuse().catch((err: Error) => onError?.(err)), () => undefined),
    setAuth: () => undefined,
    close: async () => undefined,
  };
}
