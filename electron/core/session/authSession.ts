// The signed-in person on this PC, kept in the main process: signs in with Convex Auth, keeps
// the refresh token sealed (SecretBox), persists each rotated refresh token before using its
// access token, and hands the Convex client its token source. The client is the one refresh
// driver (it asks with forceRefreshToken shortly before a token expires, or when the server
// refused one); the session only exchanges when asked, one exchange at a time. A network failure
// is not a sign-out: the session keeps its tokens and tries again. Nothing here is ever sent to
// the renderer except `AuthUser`.
import { ConvexError } from 'convex/values';
import { api } from '../../../convex/_generated/api';
import type { Gateway } from '../backend/gateway';
import type { Role } from '../../../shared/domain/roles';

export interface AuthUser {
  id: string;
  name: string;
  email: string;
  phone?: string;
  role: Role;
}

export type AuthState =
  | { status: 'signedIn'; user: AuthUser }
  | { status: 'signedOut'; reason: 'none' | 'signedOut' | 'expired' };

/** Where the refresh token rests between launches: sealed on the desktop, nowhere in web mode. */
export interface RefreshTokenStore {
  load(): Promise<string | null>;
  save(token: string | null): Promise<void>;
  /** True when the token outlives the process (sealed by the OS keychain): the next start signs in without a password. */
  keptOnDisk?: boolean;
}

export const memoryTokenStore = (): RefreshTokenStore => {
  let token: string | null = null;
  return { load: async () => token, save: async (t) => void (token = t) };
};

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * While the client holds no usable token (a restore at start, or the client gave its token up
 * after a failed refresh), a network failure is tried again after these delays (the last repeats).
 */
export const RETRY_DELAYS_MS = [5_000, 15_000, 60_000];
/** How long the start waits for a stored session to be restored before showing the window's own state. */
export const RESTORE_DEADLINE_MS = 5_000;

interface Tokens {
  token: string;
  refreshToken: string;
}

export class AuthError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** A refused call (ConvexError with a code) versus a failure to reach the backend at all. */
function refusalCode(err: unknown): string | null {
  if (err instanceof ConvexError) {
    const data = err.data as { code?: unknown } | string;
    return typeof data === 'object' && data !== null && typeof data.code === 'string' ? data.code : 'refused';
  }
  return null;
}

export class AuthSession {
  private accessToken: string | null = null;
  private state: AuthState = { status: 'signedOut', reason: 'none' };
  private inFlight: Promise<boolean> | null = null;
  private timer: unknown = null;
  private retries = 0;
  private restoring: Promise<AuthState> | null = null;
  /** The client holds the token source (handed over, and not given up since). */
  private handedToClient = false;
  /**
   * Moves on at every sign-in and sign-out. An exchange that started under an earlier one (the
   * client's refresh of the person who just signed out) must neither sign the new person out when
   * it is refused nor bring the old session back when it succeeds.
   */
  private epoch = 0;
  private readonly listeners = new Set<(state: AuthState) => void>();
  private readonly clock: Clock;

  constructor(
    private readonly gateway: Gateway,
    private readonly store: RefreshTokenStore,
    clock?: Clock,
  ) {
    this.clock = clock ?? systemClock;
  }

  current(): AuthState {
    return this.state;
  }

  /** Whether the session survives a restart of the app on this PC (the sign-in screen says when not). */
  keepsSessionOnDisk(): boolean {
    return this.store.keptOnDisk === true;
  }

  user(): AuthUser | null {
    return this.state.status === 'signedIn' ? this.state.user : null;
  }

  onChange(listener: (state: AuthState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Throws AuthError('invalid_credentials' | 'rate_limited' | …) on refusal (a deactivated account gets invalid_credentials). */
  async signIn(email: string, password: string): Promise<AuthUser> {
    let result: { tokens?: Tokens | null };
    try {
      result = await this.gateway.anonymousAction(api.auth.signIn, { provider: 'password', params: { flow: 'signIn', email, password } });
    } catch (err) {
      const code = refusalCode(err);
      throw code ? new AuthError(code) : err;
    }
    if (!result.tokens) throw new AuthError('invalid_credentials');
    // A new hand-over under the new epoch (the previous one's verdicts no longer count).
    this.epoch += 1;
    this.handedToClient = false;
    await this.adopt(result.tokens);
    return await this.loadUser();
  }

  /** Re-reads the signed-in person (after they changed their profile). */
  async reloadUser(): Promise<AuthUser> {
    return await this.loadUser();
  }

  /**
   * At start: a sealed refresh token from an earlier launch signs in again without a password.
   * Waits at most `deadlineMs` (the window must not wait on an unreachable server): past it, the
   * current state (signed out) is returned while the exchange goes on, and retries, in the
   * background; a later success signs the person in (onChange). Called again, it joins the same one.
   */
  async restore(deadlineMs = RESTORE_DEADLINE_MS): Promise<AuthState> {
    this.restoring ??= (async () => {
      if (this.state.status !== 'signedIn' && (await this.store.load()) !== null) await this.refresh();
      return this.state;
    })();
    let timer: unknown = null;
    const deadline = new Promise<AuthState>((resolve) => (timer = this.clock.setTimeout(() => resolve(this.state), deadlineMs)));
    try {
      return await Promise.race([this.restoring, deadline]);
    } finally {
      this.clock.clearTimeout(timer);
    }
  }

  async signOut(): Promise<void> {
    try {
      if (this.accessToken) await this.gateway.action(api.auth.signOut, {});
    } catch {
      // Unreachable backend: the session ends here anyway; the server's copy expires on its own.
    }
    await this.end('signedOut');
  }

  /** A call was refused as unauthenticated: one refresh decides whether the session is really over. */
  async onUnauthenticated(): Promise<void> {
    if (this.state.status !== 'signedIn') return;
    if (!(await this.refresh())) return;
    await this.loadUser().catch(() => this.end('expired'));
  }

  /**
   * The client's verdict on the token it holds. false: it gave the token up (the server refused
   * it and no fresh one came, e.g. the refresh could not reach the server) and will not ask
   * again by itself — the session exchanges again (with the retry delays) and hands it over anew.
   */
  private onClientAuth(authenticated: boolean, epoch: number): void {
    if (epoch !== this.epoch) return;
    if (authenticated) {
      this.retries = 0;
      return;
    }
    if (!this.handedToClient) return;
    this.handedToClient = false;
    if (this.state.status === 'signedIn') this.retryLater();
  }

  /** For the gateway (ConvexClient.setAuth's contract). */
  readonly fetchToken = async ({ forceRefreshToken }: { forceRefreshToken: boolean }): Promise<string | null> => {
    // Signed out, the client may still ask once (its timer outlives clearAuth): nothing to refresh.
    if (forceRefreshToken && this.accessToken !== null) await this.refresh();
    return this.accessToken;
  };

  async close(): Promise<void> {
    this.clearTimer();
    this.listeners.clear();
  }

  /**
   * Exchanges the stored refresh token for a new pair; one exchange at a time (concurrent callers
   * share it). false when the session is over (refused) — not when the backend was unreachable.
   */
  refresh(): Promise<boolean> {
    this.inFlight ??= this.exchange().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async exchange(): Promise<boolean> {
    const epoch = this.epoch;
    const refreshToken = await this.store.load();
    if (refreshToken === null) {
      await this.end('expired');
      return false;
    }
    let result: { tokens?: Tokens | null };
    try {
      result = await this.gateway.anonymousAction(api.auth.signIn, { refreshToken });
    } catch (err) {
      if (epoch !== this.epoch) return this.accessToken !== null;
      if (refusalCode(err) !== null) {
        await this.end('expired');
        return false;
      }
      // Network trouble: keep the session and its tokens. While the client holds a token it
      // asks again itself (at the server's refusal); otherwise nobody would: try again later.
      if (!this.handedToClient) this.retryLater();
      return this.accessToken !== null;
    }
    if (epoch !== this.epoch) return this.accessToken !== null;
    if (!result.tokens) {
      await this.end('expired');
      return false;
    }
    await this.adopt(result.tokens);
    // A session restored at start (or after the server came back) is signed in once its person is known.
    if (this.state.status !== 'signedIn') await this.loadUser().catch(() => undefined);
    return true;
  }

  /** The rotated refresh token is sealed before its access token is used: a crash never loses the chain. */
  private async adopt(tokens: Tokens): Promise<void> {
    await this.store.save(tokens.refreshToken);
    this.accessToken = tokens.token;
    this.retries = 0;
    this.clearTimer();
    if (this.handedToClient) return;
    // The client drives refreshes from here: it asks for a fresh token before this one expires.
    this.handedToClient = true;
    const epoch = this.epoch;
    this.gateway.setAuth(this.fetchToken, (authenticated) => this.onClientAuth(authenticated, epoch));
  }

  private async loadUser(): Promise<AuthUser> {
    const me = await this.gateway.query(api.users.me, {});
    const user: AuthUser = { id: me.id, name: me.name, email: me.email, role: me.role, ...(me.phone ? { phone: me.phone } : {}) };
    this.setState({ status: 'signedIn', user });
    return user;
  }

  private async end(reason: 'signedOut' | 'expired'): Promise<void> {
    this.epoch += 1;
    this.clearTimer();
    this.accessToken = null;
    this.handedToClient = false;
    await this.store.save(null);
    this.gateway.setAuth(null);
    if (this.state.status === 'signedIn' || reason === 'signedOut') this.setState({ status: 'signedOut', reason });
  }

  private retryLater(): void {
    const delay = RETRY_DELAYS_MS[Math.min(this.retries, RETRY_DELAYS_MS.length - 1)]!;
    this.retries += 1;
    this.clearTimer();
    this.timer = this.clock.setTimeout(() => void this.refresh(), delay);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private setState(state: AuthState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }
}
