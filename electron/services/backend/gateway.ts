// The only way the core reaches the backend. ConvexGateway talks to a real deployment;
// MemoryGateway runs the project's own convex/ functions in-process (tests, web demo).
import type { ConnectionStatus } from '../../../shared/contract/events';
import type { FunctionArgs, FunctionReference, FunctionReturnType } from 'convex/server';

export type QueryRef = FunctionReference<'query', 'public' | 'internal'>;
export type MutationRef = FunctionReference<'mutation', 'public' | 'internal'>;
export type ActionRef = FunctionReference<'action', 'public' | 'internal'>;

export interface Gateway {
  readonly kind: 'convex' | 'memory';
  query<Q extends QueryRef>(fn: Q, args: FunctionArgs<Q>): Promise<FunctionReturnType<Q>>;
  mutation<M extends MutationRef>(fn: M, args: FunctionArgs<M>): Promise<FunctionReturnType<M>>;
  action<A extends ActionRef>(fn: A, args: FunctionArgs<A>): Promise<FunctionReturnType<A>>;
  /** Calls onUpdate with the query's result now and whenever it changes; returns the unsubscribe. */
  watch<Q extends QueryRef>(
    fn: Q,
    args: FunctionArgs<Q>,
    onUpdate: (value: FunctionReturnType<Q>) => void,
    onError?: (err: Error) => void,
  ): () => void;
  /** Absent for backends that cannot lose their connection (memory). */
  connectionStatus?(): ConnectionStatus;
  onConnectionChange?(listener: (status: ConnectionStatus) => void): () => void;
  close(): Promise<void>;
}

/**
 * Adds the acting staff user to every call. Until sign-in exists, the staff profile chosen in
 * Settings is who the backend's function wrappers see as the current user.
 */
export function withActingUser(inner: Gateway, actingUserId: () => string | null): Gateway {
  const withActor = <T>(args: T): T => {
    const id = actingUserId();
    return (id ? { ...args, actingUserId: id } : args) as T;
  };
  return {
    kind: inner.kind,
    query: (fn, args) => inner.query(fn, withActor(args)),
    mutation: (fn, args) => inner.mutation(fn, withActor(args)),
    action: (fn, args) => inner.action(fn, withActor(args)),
    watch: (fn, args, onUpdate, onError) => inner.watch(fn, withActor(args), onUpdate, onError),
    ...(inner.connectionStatus && inner.onConnectionChange
      ? { connectionStatus: () => inner.connectionStatus!(), onConnectionChange: (l: (s: ConnectionStatus) => void) => inner.onConnectionChange!(l) }
      : {}),
    close: () => inner.close(),
  };
}
