// The only way the core reaches the backend: ConvexGateway, the real Convex client, to a
// deployment (the Convex backend, or in development and tests the rehearsal backend, live/rehearsal).
import type { ConnectionStatus } from '../../../shared/contract/events';
import type { FunctionArgs, FunctionReference, FunctionReturnType } from 'convex/server';
import type { BackendKind } from '../../../shared/domain/vocabularies';

export type QueryRef = FunctionReference<'query', 'public' | 'internal'>;
export type MutationRef = FunctionReference<'mutation', 'public' | 'internal'>;
export type ActionRef = FunctionReference<'action', 'public' | 'internal'>;

export interface Gateway {
  readonly kind: BackendKind;
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
  /**
   * Where calls get their Convex Auth token (the main process's auth session); null: calls carry
   * no identity. Changing it re-runs watched queries under the new identity. The client asks
   * `fetchToken` for a fresh token before the current one expires (the one refresh driver);
   * `onChange(false)`: it gave its token up and waits to be handed a source again.
   */
  setAuth(fetchToken: FetchToken | null, onChange?: (isAuthenticated: boolean) => void): void;
  /** Calls an action with no identity: Convex Auth's sign-in and refresh, before any token exists. */
  anonymousAction<A extends ActionRef>(fn: A, args: FunctionArgs<A>): Promise<FunctionReturnType<A>>;
  /** Absent for stand-ins that cannot lose a connection (no backend, test fakes). */
  connectionStatus?(): ConnectionStatus;
  onConnectionChange?(listener: (status: ConnectionStatus) => void): () => void;
  close(): Promise<void>;
}

/** As ConvexClient.setAuth asks: the current token, or a fresh one when `forceRefreshToken`. */
export type FetchToken = (args: { forceRefreshToken: boolean }) => Promise<string | null | undefined>;
