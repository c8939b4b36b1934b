// The gateway the core's handlers and jobs use: a call refused as `unauthenticated` (session
// revoked, account deactivated, token expired) tells the auth session, which refreshes once and
// otherwise signs out — the renderer then shows the sign-in screen over the page it was on.
import { ConvexError } from 'convex/values';
import type { Gateway } from '../backend/gateway';
import type { AuthSession } from './authSession';

function isUnauthenticated(err: unknown): boolean {
  return err instanceof ConvexError && typeof err.data === 'object' && err.data !== null && (err.data as { code?: unknown }).code === 'unauthenticated';
}

export function refusedSessionsEnd(inner: Gateway, auth: Pick<AuthSession, 'onUnauthenticated'>): Gateway {
  const watchRefusal = async <T>(call: Promise<T>): Promise<T> => {
    try {
      return await call;
    } catch (err) {
      if (isUnauthenticated(err)) void auth.onUnauthenticated();
      throw err;
    }
  };
  return {
    kind: inner.kind,
    query: (fn, args) => watchRefusal(inner.query(fn, args)),
    mutation: (fn, args) => watchRefusal(inner.mutation(fn, args)),
    action: (fn, args) => watchRefusal(inner.action(fn, args)),
    anonymousAction: (fn, args) => inner.anonymousAction(fn, args),
    watch: (fn, args, onUpdate, onError) =>
      inner.watch(fn, args, onUpdate, (err) => {
        if (isUnauthenticated(err)) void auth.onUnauthenticated();
        onError?.(err);
      }),
    setAuth: (fetchToken, onChange) => inner.setAuth(fetchToken, onChange),
    close: () => inner.close(),
  };
}
