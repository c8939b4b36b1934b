// A real Convex deployment through the official client: one WebSocket for queries, mutations,
// actions and subscriptions; the client reconnects and re-subscribes by itself.
//
// What this class adds: a call never waits forever for a connection (after `timeoutMs` without
// one, every waiting call fails with BackendUnreachableError and the client is replaced, so a
// write that failed is not sent behind the caller's back later); the connection's state for the
// UI; and failures sorted by what happened (see backendErrors.ts).
import { ConvexClient, ConvexHttpClient, type ConvexClientOptions } from 'convex/browser';
import { getFunctionName, type FunctionReference } from 'convex/server';
import { ConvexError } from 'convex/values';
import type { ConnectionStatus } from '../../../shared/contract/events';
import { BackendFunctionError, BackendUnreachableError, ConnectionLostError } from './backendErrors';
import type { FetchToken, Gateway } from './gateway';

/** How long a call waits for a connection before failing (CLI and app alike). */
export const DEFAULT_BACKEND_TIMEOUT_MS = 90_000;
/** A first connection slower than this is shown as "cannot reach the server" rather than "connecting". */
const FIRST_CONNECT_GRACE_MS = 5_000;

export interface ConvexGatewayOptions {
  /** Only for tests and hosts without a usable WebSocket; absent means the client picks (Node: its bundled `ws`). */
  webSocketConstructor?: typeof WebSocket;
  timeoutMs?: number;
  /**
   * The HTTP fetch for sign-in and refresh. The desktop passes Electron's net.fetch, which uses
   * the system's proxy settings and certificate store (Node's fetch uses neither).
   */
  fetch?: typeof fetch;
  /**
   * The client asks for a fresh token this long before the current one expires (Convex Auth's
   * live an hour). Leaves room for a slow refresh over HTTP; tests with short-lived tokens lower it.
   */
  authRefreshLeewaySeconds?: number;
}

/** See ConvexGatewayOptions.authRefreshLeewaySeconds. */
export const AUTH_REFRESH_LEEWAY_SECONDS = 60;

/**
 * The client's own log lines ("WebSocket error", "Attempting reconnect in …", function logs) are
 * dropped: the gateway reports what they mean as the connection's state and as errors of its own,
 * and raw lines must never reach a terminal (the CLI's stdout carries its --json results).
 */
const quietLogger = {
  logVerbose: () => undefined,
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** KAFKASDER_BACKEND_TIMEOUT_MS shortens (or lengthens) the wait, e.g. for tests; the default is 90 s. */
export function backendTimeoutMs(env: NodeJS.ProcessEnv): number {
  const ms = Number(env.KAFKASDER_BACKEND_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_BACKEND_TIMEOUT_MS;
}

interface Waiting {
  since: number;
  fail(err: Error): void;
}

interface Watch {
  fn: FunctionReference<'query'>;
  args: Record<string, unknown>;
  onUpdate: (value: unknown) => void;
  onError?: (err: Error) => void;
  stop: () => void;
}

export class ConvexGateway implements Gateway {
  readonly kind = 'convex' as const;
  readonly timeoutMs: number;
  private client: ConvexClient;
  private readonly waiting = new Set<Waiting>();
  private readonly watches = new Set<Watch>();
  private readonly listeners = new Set<(s: ConnectionStatus) => void>();
  private status: ConnectionStatus;
  /** Established connections that dropped, on the current client. */
  private drops = 0;
  private wasConnected = false;
  private disconnectedSince: number = Date.now();
  private unreachableTimer: ReturnType<typeof setTimeout> | null = null;
  private graceTimer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribeState: () => void = () => undefined;
  private closed = false;
  /** The auth session's token source (and its listener); set again on every client connect() makes. */
  private auth: { fetchToken: FetchToken; onChange: (isAuthenticated: boolean) => void } | null = null;

  constructor(readonly url: string, private readonly options: ConvexGatewayOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_BACKEND_TIMEOUT_MS;
    this.status = { state: 'connecting', url, since: Date.now() };
    this.client = this.connect();
  }

  private connect(): ConvexClient {
    // The key must be absent, not undefined: the client installs its Node WebSocket fallback only
    // when `webSocketConstructor` is not in the options at all (convex/src/browser/simple_client.ts).
    // initialAuthTokenReuse: the token the session hands over is fresh, so the client uses it and
    // schedules the next refresh from its expiry instead of rotating the refresh token at once.
    const clientOptions: ConvexClientOptions = {
      unsavedChangesWarning: false,
      logger: quietLogger,
      initialAuthTokenReuse: true,
      authRefreshTokenLeewaySeconds: this.options.authRefreshLeewaySeconds ?? AUTH_REFRESH_LEEWAY_SECONDS,
    };
    if (this.options.webSocketConstructor) clientOptions.webSocketConstructor = this.options.webSocketConstructor;
    const client = new ConvexClient(this.url, clientOptions);
    // giveUp() replaces the client: whatever is set on it (the auth token) is set here.
    if (this.auth) client.setAuth(this.auth.fetchToken, this.auth.onChange);
    this.drops = 0;
    this.wasConnected = false;
    this.disconnectedSince = Date.now();
    this.unsubscribeState = client.subscribeToConnectionState((s) => this.onClientState(s.isWebSocketConnected));
    this.graceTimer = setTimeout(() => {
      if (!this.wasConnected) this.publish('disconnected');
    }, Math.min(FIRST_CONNECT_GRACE_MS, this.timeoutMs));
    this.graceTimer.unref?.();
    return client;
  }

  private onClientState(connected: boolean) {
    if (connected === this.wasConnected) return;
    this.wasConnected = connected;
    if (connected) {
      this.publish('connected');
      this.disarm();
    } else {
      this.drops++;
      this.disconnectedSince = Date.now();
      this.publish('disconnected');
      this.arm();
    }
  }

  private publish(state: ConnectionStatus['state']) {
    if (this.closed || this.status.state === state) return;
    this.status = { state, url: this.url, since: Date.now() };
    for (const listener of this.listeners) listener(this.status);
  }

  /** Starts the unreachable clock when calls are waiting without a connection. */
  private arm() {
    if (this.unreachableTimer || this.waiting.size === 0 || this.isConnected()) return;
    // Each call waits its own full timeout: the clock starts at the later of the drop and the oldest call.
    const oldest = Math.min(...[...this.waiting].map((w) => w.since));
    const left = Math.max(0, Math.max(this.disconnectedSince, oldest) + this.timeoutMs - Date.now());
    this.unreachableTimer = setTimeout(() => this.giveUp(), left);
  }

  private disarm() {
    if (this.unreachableTimer) clearTimeout(this.unreachableTimer);
    this.unreachableTimer = null;
  }

  private isConnected(): boolean {
    return this.client.connectionState().isWebSocketConnected;
  }

  /**
   * No connection for the whole timeout: every waiting call fails, and the client is replaced so
   * that the requests it still holds are never sent later (the caller was told they failed).
   */
  private giveUp() {
    this.unreachableTimer = null;
    if (this.isConnected() || this.waiting.size === 0) return;
    const error = new BackendUnreachableError(this.url, this.timeoutMs);
    const failing = [...this.waiting];
    this.waiting.clear();
    for (const w of failing) w.fail(error);
    const old = this.client;
    this.unsubscribeState();
    if (this.graceTimer) clearTimeout(this.graceTimer);
    void old.close().catch(() => undefined);
    this.client = this.connect();
    this.publish('disconnected');
    for (const watch of this.watches) this.subscribe(watch);
  }

  private call<T>(fn: FunctionReference<'query' | 'mutation' | 'action', 'public' | 'internal'>, run: (c: ConvexClient) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The backend connection is closed'));
    const client = this.client;
    const dropsBefore = this.drops;
    return new Promise<T>((resolve, reject) => {
      const entry: Waiting = { since: Date.now(), fail: reject };
      this.waiting.add(entry);
      this.arm();
      run(client).then(
        (value) => {
          if (this.waiting.delete(entry)) resolve(value);
        },
        (err: unknown) => {
          if (!this.waiting.delete(entry)) return;
          // The connection dropped between sending and answering: the client gave up on the call.
          const lost = client === this.client && (this.drops !== dropsBefore || !this.isConnected());
          reject(lost && !(err instanceof ConvexError) ? new ConnectionLostError(this.url, getFunctionName(fn)) : this.functionError(fn, err));
        },
      );
    });
  }

  private functionError(fn: FunctionReference<'query' | 'mutation' | 'action', 'public' | 'internal'>, err: unknown): Error {
    if (err instanceof ConvexError) return err;
    return new BackendFunctionError(getFunctionName(fn), err instanceof Error ? err.message : String(err));
  }

  query: Gateway['query'] = (fn, args) => this.call(fn, (c) => c.query(fn as never, args as never)) as never;
  mutation: Gateway['mutation'] = (fn, args) => this.call(fn, (c) => c.mutation(fn as never, args as never)) as never;
  action: Gateway['action'] = (fn, args) => this.call(fn, (c) => c.action(fn as never, args as never)) as never;

  private subscribe(watch: Watch) {
    watch.stop = this.client.onUpdate(
      watch.fn,
      watch.args as never,
      watch.onUpdate,
      (err) => watch.onError?.(this.functionError(watch.fn, err)),
    );
  }

  watch: Gateway['watch'] = (fn, args, onUpdate, onError) => {
    const watch: Watch = { fn: fn as FunctionReference<'query'>, args: args as Record<string, unknown>, onUpdate: onUpdate as (v: unknown) => void, onError, stop: () => undefined };
    this.watches.add(watch);
    this.subscribe(watch);
    return () => {
      this.watches.delete(watch);
      watch.stop();
    };
  };

  connectionStatus = (): ConnectionStatus => this.status;

  onConnectionChange = (listener: (s: ConnectionStatus) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  setAuth: Gateway['setAuth'] = (fetchToken, onChange = () => undefined) => {
    this.auth = fetchToken ? { fetchToken, onChange } : null;
    if (this.auth) this.client.setAuth(this.auth.fetchToken, this.auth.onChange);
    else this.client.client.clearAuth();
  };

  /**
   * Over HTTP, apart from the WebSocket: a refresh must not wait on a socket paused for that very
   * token. Like the socket's calls it waits at most `timeoutMs` for the server: a failed fetch
   * (a TypeError, as the fetch standard has it) is tried again with backoff until then.
   */
  anonymousAction: Gateway['anonymousAction'] = async (fn, args) => {
    const http = new ConvexHttpClient(this.url, { logger: quietLogger, ...(this.options.fetch ? { fetch: this.options.fetch } : {}) });
    const deadline = Date.now() + this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return (await http.action(fn as never, args as never)) as never;
      } catch (err) {
        if (!(err instanceof TypeError)) throw this.functionError(fn, err);
        const left = deadline - Date.now();
        if (left <= 0 || this.closed) throw new BackendUnreachableError(this.url, this.timeoutMs);
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 5_000, left)));
      }
    }
  };

  async close(): Promise<void> {
    this.closed = true;
    this.disarm();
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.unsubscribeState();
    this.listeners.clear();
    await this.client.close();
  }
}
