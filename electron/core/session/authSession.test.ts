// The main process's token loop, on a fake clock and a scripted backend: that it refreshes only
// when the client asks (the client is the one refresh driver), that only one exchange is ever in
// flight, that a rotated refresh token is sealed before its access token is used, that an
// unreachable backend is not a sign-out while a refusal is, and that a token the client gave up
// is handed over again. (Across a real token expiry: authSession.expiry.test.ts.)
import { ConvexError } from 'convex/values';
import { describe, expect, test, vi } from 'vitest';
import type { FetchToken, Gateway } from '../backend/gateway';
import { AuthError, AuthSession, RESTORE_DEADLINE_MS, RETRY_DELAYS_MS, type AuthState, type Clock, type RefreshTokenStore } from './authSession';

const HOUR = 3_600_000;

class FakeClock implements Clock {
  private t = 1_800_000_000_000;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers = this.timers.filter((x) => x.id !== id);
  };
  /** Moves time on, firing each timer that falls due on the way. */
  async advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = due.at;
      due.fn();
      await settle();
    }
    this.t = end;
  }
  pending = () => this.timers.map((x) => x.at - this.t);
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

const jwt = (exp: number, n: number) =>
  ['{"alg":"RS256"}', JSON.stringify({ sub: 'u1|s1', exp: Math.floor(exp / 1000), n }), 'sig'].map((p) => Buffer.from(p).toString('base64url')).join('.');

type Answer = () => Promise<unknown>;

/** A backend whose sign-in answers come from a queue; it records every exchange and setAuth. */
function scriptedBackend(clock: FakeClock) {
  const log: string[] = [];
  const answers: Answer[] = [];
  let issued = 0;
  let fetchToken: FetchToken | null = null;
  let onChange: (authenticated: boolean) => void = () => undefined;
  const fresh = () => {
    issued += 1;
    return { tokens: { token: jwt(clock.now() + HOUR, issued), refreshToken: `r${issued}` } };
  };
  const calls = { signIn: [] as unknown[], signOut: 0, me: 0, meFails: false, signOutFails: false, phone: undefined as string | undefined };
  const gateway = {
    kind: 'convex',
    anonymousAction: async (_fn: unknown, args: { refreshToken?: string; params?: unknown }) => {
      calls.signIn.push(args);
      log.push(args.refreshToken ? `exchange ${args.refreshToken}` : 'password');
      const next = answers.shift();
      return next ? await next() : fresh();
    },
    setAuth: (f: FetchToken | null, change?: (authenticated: boolean) => void) => {
      fetchToken = f;
      onChange = change ?? (() => undefined);
      log.push(f ? 'setAuth' : 'clearAuth');
    },
    query: async () => {
      calls.me += 1;
      if (calls.meFails) throw new TypeError('fetch failed');
      return { id: 'u1', name: 'Ayşe Yılmaz', email: 'ayse@example.org', role: 'personel', ...(calls.phone ? { phone: calls.phone } : {}) };
    },
    action: async () => {
      calls.signOut += 1;
      if (calls.signOutFails) throw new TypeError('fetch failed');
      return null;
    },
  } as unknown as Gateway;
  return {
    gateway,
    calls,
    log,
    answers,
    fresh,
    token: async () => await fetchToken?.({ forceRefreshToken: false }),
    /** What the client does shortly before expiry, or after the server refused its token. */
    forceRefresh: async () => await fetchToken?.({ forceRefreshToken: true }),
    /** The client's verdict on the token source it was handed last. */
    clientAuth: (authenticated: boolean) => onChange(authenticated),
    /** The listener handed over last, kept as the client keeps it. */
    listener: () => onChange,
  };
}

function recordingStore(log: string[]): RefreshTokenStore & { value: () => string | null } {
  let value: string | null = null;
  return {
    load: async () => value,
    save: async (t) => {
      log.push(`save ${t}`);
      value = t;
    },
    value: () => value,
  };
}

async function signedIn() {
  const clock = new FakeClock();
  const backend = scriptedBackend(clock);
  const store = recordingStore(backend.log);
  const session = new AuthSession(backend.gateway, store, clock);
  await session.signIn('ayse@example.org', 'uzun-bir-şifre-12');
  return { clock, backend, store, session };
}

describe('AuthSession token loop', () => {
  test('signs in, seals the refresh token, hands the client its token source, and exchanges only when the client forces a refresh', async () => {
    const { clock, backend, session } = await signedIn();
    expect(backend.log).toEqual(['password', 'save r1', 'setAuth']);
    expect(session.current()).toMatchObject({ status: 'signedIn', user: { name: 'Ayşe Yılmaz' } });
    expect(clock.pending()).toEqual([]); // no timer of its own: the client schedules the refresh
    await clock.advance(2 * HOUR);
    expect(await backend.token()).toBe(jwt(clock.now() - 2 * HOUR + HOUR, 1)); // asked without force: the same token
    expect(backend.log).toHaveLength(3);
    expect(await backend.forceRefresh()).toBe(jwt(clock.now() + HOUR, 2));
    expect(backend.log.slice(3)).toEqual(['exchange r1', 'save r2']); // rotated once, handed over once
  });

  test('signed out, a late ask from the client exchanges nothing', async () => {
    const { backend, session } = await signedIn();
    await session.signOut();
    const log = backend.log.length;
    expect(await session.fetchToken({ forceRefreshToken: true })).toBeNull();
    expect(backend.log.slice(log)).toEqual([]);
  });

  test('one exchange in flight: concurrent refreshes (the client forcing one, the timer, a refused call) share it', async () => {
    const { backend, session } = await signedIn();
    let release!: () => void;
    backend.answers.push(() => new Promise((resolve) => (release = () => resolve(backend.fresh()))));
    const all = [session.refresh(), session.fetchToken({ forceRefreshToken: true }), session.onUnauthenticated(), session.refresh()];
    await settle();
    release();
    const [a, token, , d] = await Promise.all(all);
    expect(backend.log.filter((l) => l.startsWith('exchange'))).toEqual(['exchange r1']);
    expect([a, d]).toEqual([true, true]);
    expect(token).toBe(await backend.token());
  });

  test('a refresh that was out when the person signed out neither signs the next person out nor brings the old session back', async () => {
    const { backend, store, session } = await signedIn();
    for (const outcome of ['refused', 'fresh'] as const) {
      let release!: () => void;
      backend.answers.push(
        () =>
          new Promise((resolve, reject) => {
            release = () => (outcome === 'refused' ? reject(new ConvexError({ code: 'InvalidRefreshToken' })) : resolve({ tokens: { token: 'old-person', refreshToken: 'r-old' } }));
          }),
      );
      // The client forces a refresh of the first person's token; before it answers, they sign
      // out and a colleague signs in on the same PC.
      const stale = session.fetchToken({ forceRefreshToken: true });
      await settle();
      await session.signOut();
      await session.signIn('mehmet@example.org', 'uzun-bir-şifre-12');
      const theirs = store.value();
      const log = backend.log.length;
      release();
      await stale;
      await settle();
      expect(session.current().status).toBe('signedIn');
      expect(store.value()).toBe(theirs);
      expect(await backend.token()).not.toBe('old-person');
      expect(backend.log.slice(log)).toEqual([]); // nothing saved, no clearAuth
    }
  });

  test('the rotated refresh token is sealed before its access token is handed out', async () => {
    const clock = new FakeClock();
    const backend = scriptedBackend(clock);
    let unblock!: () => void;
    let sealed: string | null = null;
    const slowStore: RefreshTokenStore = {
      load: async () => sealed,
      save: async (t) => {
        if (t === 'r2') await new Promise<void>((resolve) => (unblock = resolve));
        sealed = t;
      },
    };
    const session = new AuthSession(backend.gateway, slowStore, clock);
    await session.signIn('ayse@example.org', 'uzun-bir-şifre-12');
    const first = await backend.token();
    const refreshing = session.refresh();
    await settle();
    expect(sealed).toBe('r1');
    expect(await backend.token()).toBe(first); // the new access token waits for the seal
    unblock();
    expect(await refreshing).toBe(true);
    expect(sealed).toBe('r2');
    expect(await backend.token()).not.toBe(first);
  });

  test('an unreachable backend is not a sign-out: while the client holds a token it asks again itself; once it gives the token up, the session retries and hands a fresh one over', async () => {
    const { clock, backend, store, session } = await signedIn();
    const offline = () => Promise.reject(new TypeError('fetch failed'));
    backend.answers.push(offline);
    const token = await backend.token();
    expect(await backend.forceRefresh()).toBe(token); // the client's refresh failed: still signed in with the current token
    expect(session.current().status).toBe('signedIn');
    expect(store.value()).toBe('r1');
    expect(clock.pending()).toEqual([]); // the client asks again when the server refuses the old token
    // The server refused the old token and the client's second try failed too: it gives the token up.
    backend.answers.push(offline, offline);
    await backend.forceRefresh();
    backend.clientAuth(false);
    expect(clock.pending()).toEqual([RETRY_DELAYS_MS[0]]);
    await clock.advance(RETRY_DELAYS_MS[0]!);
    expect(clock.pending()).toEqual([RETRY_DELAYS_MS[1]]); // failed again: the next delay
    await clock.advance(RETRY_DELAYS_MS[1]!);
    expect(backend.log.filter((l) => l.startsWith('exchange'))).toEqual(['exchange r1', 'exchange r1', 'exchange r1', 'exchange r1']);
    expect(store.value()).toBe('r2');
    expect(backend.log.filter((l) => l === 'setAuth')).toHaveLength(2); // handed over again
    expect(await backend.token()).toBe(jwt(clock.now() + HOUR, 2));
    expect(clock.pending()).toEqual([]);
    expect(session.current().status).toBe('signedIn');
  });

  test('a verdict about an earlier hand-over (before a sign-out and a new sign-in) changes nothing', async () => {
    const { clock, backend, session } = await signedIn();
    const stale = backend.listener(); // the first person's listener
    await session.signOut();
    await session.signIn('mehmet@example.org', 'uzun-bir-şifre-12');
    const log = backend.log.length;
    stale(false);
    expect(clock.pending()).toEqual([]);
    await clock.advance(2 * HOUR);
    expect(backend.log.slice(log)).toEqual([]);
  });

  test('a refused refresh (revoked or deactivated) ends the session: token forgotten, identity cleared, sign-in screen', async () => {
    const { backend, store, session } = await signedIn();
    const states: string[] = [];
    session.onChange((s) => states.push(s.status === 'signedOut' ? `signedOut:${s.reason}` : s.status));
    backend.answers.push(() => Promise.reject(new ConvexError({ code: 'unauthenticated' })));
    expect(await session.refresh()).toBe(false);
    expect(states).toEqual(['signedOut:expired']);
    expect(store.value()).toBeNull();
    expect(backend.log.at(-1)).toBe('clearAuth');
    expect(await session.fetchToken({ forceRefreshToken: false })).toBeNull();
  });

  test('restore: a sealed refresh token from an earlier launch signs in again without a password', async () => {
    const clock = new FakeClock();
    const backend = scriptedBackend(clock);
    const store = recordingStore(backend.log);
    await store.save('r0');
    const session = new AuthSession(backend.gateway, store, clock);
    expect(await session.restore()).toMatchObject({ status: 'signedIn', user: { email: 'ayse@example.org' } });
    expect(backend.log).toEqual(['save r0', 'exchange r0', 'save r1', 'setAuth']);
  });

  test('restore waits at most RESTORE_DEADLINE_MS (≤ 5 s) for an unreachable server, then signs in once it answers', async () => {
    expect(RESTORE_DEADLINE_MS).toBeLessThanOrEqual(5_000);
    const clock = new FakeClock();
    const backend = scriptedBackend(clock);
    const store = recordingStore(backend.log);
    await store.save('r0');
    const session = new AuthSession(backend.gateway, store, clock);
    const states: AuthState[] = [];
    session.onChange((s) => states.push(s));
    // The server does not answer (the gateway would wait 90 s for it).
    let answer!: () => void;
    backend.answers.push(() => new Promise((resolve) => (answer = () => resolve(backend.fresh()))));
    let restored: AuthState | null = null;
    void session.restore().then((s) => (restored = s));
    await clock.advance(RESTORE_DEADLINE_MS - 1);
    expect(restored).toBeNull();
    await clock.advance(1);
    // The window is told at once: not signed in (yet); the stored session is kept.
    expect(restored).toEqual({ status: 'signedOut', reason: 'none' });
    expect(store.value()).toBe('r0');
    // Asked again (the window's getSession), it joins the same restore under the same deadline.
    const again = session.restore();
    await clock.advance(RESTORE_DEADLINE_MS);
    expect(await again).toEqual({ status: 'signedOut', reason: 'none' });
    expect(backend.log.filter((l) => l.startsWith('exchange'))).toEqual(['exchange r0']);
    // The server answers later: the person is signed in without a password.
    answer();
    await settle();
    expect(states.at(-1)).toMatchObject({ status: 'signedIn', user: { email: 'ayse@example.org' } });
  });

  test('sign-in sends the password flow; a refusal carries its code (or "refused"), no tokens is invalid_credentials, a network failure is thrown as it is', async () => {
    const clock = new FakeClock();
    const backend = scriptedBackend(clock);
    const session = new AuthSession(backend.gateway, recordingStore(backend.log), clock);
    const codeOf = async (answer: Answer) => {
      backend.answers.push(answer);
      try {
        await session.signIn('ayse@example.org', 'uzun-bir-şifre-12');
        return 'signed in';
      } catch (err) {
        return err instanceof AuthError ? `AuthError ${err.code}` : `${(err as Error).name} ${(err as Error).message}`;
      }
    };
    expect(await codeOf(() => Promise.reject(new ConvexError({ code: 'rate_limited' })))).toBe('AuthError rate_limited');
    expect(await codeOf(() => Promise.reject(new ConvexError('Invalid password')))).toBe('AuthError refused');
    expect(await codeOf(() => Promise.reject(new ConvexError({ code: 42 })))).toBe('AuthError refused');
    expect(await codeOf(() => Promise.reject(new ConvexError(null)))).toBe('AuthError refused');
    expect(await codeOf(() => Promise.reject(new TypeError('fetch failed')))).toBe('TypeError fetch failed');
    expect(await codeOf(async () => ({ tokens: null }))).toBe('AuthError invalid_credentials');
    expect(session.current()).toEqual({ status: 'signedOut', reason: 'none' });
    expect(session.user()).toBeNull();
    expect(await codeOf(async () => backend.fresh())).toBe('signed in');
    expect(backend.calls.signIn.at(-1)).toEqual({ provider: 'password', params: { flow: 'signIn', email: 'ayse@example.org', password: 'uzun-bir-şifre-12' } });
    expect(session.user()).toEqual({ id: 'u1', name: 'Ayşe Yılmaz', email: 'ayse@example.org', role: 'personel' });
  });

  test('signing out tells the server while it holds a token, and ends the session even when the server cannot be reached', async () => {
    const { backend, store, session } = await signedIn();
    const states: AuthState[] = [];
    const unsubscribe = session.onChange((s) => states.push(s));
    backend.calls.signOutFails = true;
    await session.signOut();
    expect(backend.calls.signOut).toBe(1);
    expect(session.current()).toEqual({ status: 'signedOut', reason: 'signedOut' });
    expect(states).toEqual([{ status: 'signedOut', reason: 'signedOut' }]);
    expect(store.value()).toBeNull();
    // Without a token there is nothing to tell the server; a listener taken off hears nothing more.
    unsubscribe();
    await session.signOut();
    expect(backend.calls.signOut).toBe(1);
    expect(states).toHaveLength(1);
    // Signing out from the expired state still says "signed out" (the screen's wording).
    const other = await signedIn();
    other.backend.answers.push(async () => ({ tokens: null }));
    await other.session.refresh();
    expect(other.session.current()).toEqual({ status: 'signedOut', reason: 'expired' });
    await other.session.signOut();
    expect(other.session.current()).toEqual({ status: 'signedOut', reason: 'signedOut' });
  });

  test('what the window may ask: the person (re-read after a profile change, phone included), whether the session outlives a restart; close stops timers and listeners', async () => {
    const { clock, backend, session } = await signedIn();
    expect(session.keepsSessionOnDisk()).toBe(false);
    const sealed = { ...recordingStore([]), keptOnDisk: true };
    expect(new AuthSession(backend.gateway, sealed, clock).keepsSessionOnDisk()).toBe(true);
    backend.calls.phone = '+905321234567';
    expect(await session.reloadUser()).toEqual({ id: 'u1', name: 'Ayşe Yılmaz', email: 'ayse@example.org', role: 'personel', phone: '+905321234567' });
    expect(backend.calls.me).toBe(2);
    expect(session.user()).toMatchObject({ phone: '+905321234567' });
    const heard: string[] = [];
    session.onChange((st) => heard.push(st.status));
    backend.answers.push(() => Promise.reject(new TypeError('fetch failed')));
    backend.clientAuth(false);
    expect(clock.pending()).toEqual([RETRY_DELAYS_MS[0]]);
    await session.close();
    expect(clock.pending()).toEqual([]);
    await session.signOut();
    expect(heard).toEqual([]);
  });

  test('a refused call: signed out, nothing is exchanged; signed in, one refresh and the person read again, or the session ends when they cannot be', async () => {
    const quiet: string[] = [];
    const fresh = new AuthSession(scriptedBackend(new FakeClock()).gateway, recordingStore(quiet), new FakeClock());
    await fresh.onUnauthenticated();
    expect(fresh.current()).toEqual({ status: 'signedOut', reason: 'none' });
    expect(quiet).toEqual([]);

    const { backend, session } = await signedIn();
    const exchanges = () => backend.log.filter((l) => l.startsWith('exchange')).length;
    expect(backend.calls.me).toBe(1);
    await session.onUnauthenticated();
    expect([exchanges(), backend.calls.me, session.current().status]).toEqual([1, 2, 'signedIn']);
    // A plain refresh of a signed-in session does not read the person again.
    expect(await session.refresh()).toBe(true);
    expect([exchanges(), backend.calls.me]).toEqual([2, 2]);
    backend.calls.meFails = true;
    await session.onUnauthenticated();
    expect(session.current()).toEqual({ status: 'signedOut', reason: 'expired' });
    // Refused: the session is over and nobody is read.
    backend.calls.meFails = false;
    const again = await signedIn();
    again.backend.answers.push(() => Promise.reject(new ConvexError({ code: 'InvalidRefreshToken' })));
    await again.session.onUnauthenticated();
    expect([again.backend.calls.me, again.session.current()]).toEqual([1, { status: 'signedOut', reason: 'expired' }]);
  });

  test('a refresh without a sealed token, or answered without tokens, ends the session', async () => {
    const { store, session } = await signedIn();
    await store.save(null);
    expect(await session.refresh()).toBe(false);
    expect(session.current()).toEqual({ status: 'signedOut', reason: 'expired' });
    const other = await signedIn();
    other.backend.answers.push(async () => ({ tokens: null }));
    expect(await other.session.refresh()).toBe(false);
    expect(other.session.current()).toEqual({ status: 'signedOut', reason: 'expired' });
    expect(other.backend.log.at(-1)).toBe('clearAuth');
  });

  test('an unreachable backend: a refresh says whether a token is still held; the retries keep the last delay and stop at sign-out', async () => {
    const { clock, backend, session } = await signedIn();
    const offline = () => Promise.reject(new TypeError('fetch failed'));
    backend.answers.push(offline);
    expect(await session.refresh()).toBe(true); // still signed in with the current token
    // The client gave the token up; every retry fails.
    for (let i = 0; i < 6; i++) backend.answers.push(offline);
    backend.clientAuth(false);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      delays.push(...clock.pending());
      await clock.advance(clock.pending()[0]!);
    }
    expect(delays).toEqual([...RETRY_DELAYS_MS, RETRY_DELAYS_MS.at(-1), RETRY_DELAYS_MS.at(-1)]);
    // The same verdict again changes nothing (the token is already given up): one timer, same delay.
    backend.clientAuth(false);
    expect(clock.pending()).toEqual([RETRY_DELAYS_MS.at(-1)]);
    await session.signOut();
    expect(clock.pending()).toEqual([]);

    // At start, nothing held yet: false, and it tries again.
    const backend2 = scriptedBackend(clock);
    const store2 = recordingStore(backend2.log);
    await store2.save('r0');
    const cold = new AuthSession(backend2.gateway, store2, clock);
    backend2.answers.push(offline);
    expect(await cold.refresh()).toBe(false);
    expect(clock.pending()).toEqual([RETRY_DELAYS_MS[0]]);
  });

  test('the client accepting its token changes nothing: no exchange, no timer, still handed over', async () => {
    const { clock, backend } = await signedIn();
    const log = backend.log.length;
    backend.clientAuth(true);
    expect(clock.pending()).toEqual([]);
    await clock.advance(2 * HOUR);
    expect(backend.log.slice(log)).toEqual([]);
    // Still the client's: a later verdict against it is acted on, once (the same verdict again is no second retry).
    backend.clientAuth(false);
    expect(clock.pending()).toEqual([RETRY_DELAYS_MS[0]]);
    backend.clientAuth(false);
    expect(clock.pending()).toEqual([RETRY_DELAYS_MS[0]]);
  });

  test('an exchange that outlived a sign-out answers for the session now: false when nobody is signed in, true when someone else is', async () => {
    for (const outcome of ['refused', 'offline', 'fresh'] as const) {
      const { clock, backend, session } = await signedIn();
      const held = async () => {
        let release!: () => void;
        backend.answers.push(
          () =>
            new Promise((resolve, reject) => {
              release = () =>
                outcome === 'refused'
                  ? reject(new ConvexError({ code: 'InvalidRefreshToken' }))
                  : outcome === 'offline'
                    ? reject(new TypeError('fetch failed'))
                    : resolve({ tokens: { token: 'old-person', refreshToken: 'r-old' } });
            }),
        );
        const stale = session.refresh();
        await settle();
        return { stale, release: () => release() };
      };
      const first = await held();
      await session.signOut();
      first.release();
      expect(await first.stale).toBe(false);
      await session.signIn('mehmet@example.org', 'uzun-bir-şifre-12');
      const second = await held();
      await session.signOut();
      await session.signIn('ayse@example.org', 'uzun-bir-şifre-12');
      second.release();
      expect(await second.stale).toBe(true);
      expect(session.current().status).toBe('signedIn');
      expect(clock.pending()).toEqual([]);
    }
  });

  test('restore: nothing sealed, or already signed in, exchanges nothing; a refused token at start is not an "expired" session; the deadline timer is cleared', async () => {
    const clock = new FakeClock();
    const backend = scriptedBackend(clock);
    const store = recordingStore(backend.log);
    const empty = new AuthSession(backend.gateway, store, clock);
    expect(await empty.restore()).toEqual({ status: 'signedOut', reason: 'none' });
    expect(backend.calls.signIn).toEqual([]);
    expect(backend.log).toEqual([]); // not even a sign-out of nothing
    expect(clock.pending()).toEqual([]);

    const { backend: b2, session } = await signedIn();
    expect(await session.restore()).toMatchObject({ status: 'signedIn' });
    expect(b2.log.filter((l) => l.startsWith('exchange'))).toEqual([]);

    await store.save('r0');
    const revoked = new AuthSession(backend.gateway, store, clock);
    backend.answers.push(() => Promise.reject(new ConvexError({ code: 'InvalidRefreshToken' })));
    expect(await revoked.restore()).toEqual({ status: 'signedOut', reason: 'none' });
    expect(store.value()).toBeNull();

    // A restored token whose person cannot be read yet: not signed in, and a verdict of the client then starts no retry.
    await store.save('r0');
    backend.calls.meFails = true;
    const unread = new AuthSession(backend.gateway, store, clock);
    expect(await unread.restore()).toEqual({ status: 'signedOut', reason: 'none' });
    backend.clientAuth(false);
    expect(clock.pending()).toEqual([]);
  });

  test('without a clock of its own the session uses the system timers, and clears the deadline once restored', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const backend = scriptedBackend(new FakeClock());
      const store = recordingStore(backend.log);
      await store.save('r0');
      const session = new AuthSession(backend.gateway, store);
      expect(await session.restore(60_000)).toMatchObject({ status: 'signedIn' });
      expect(vi.getTimerCount()).toBe(0);
      // A restore the server does not answer ends at the deadline.
      const store2 = recordingStore([]);
      await store2.save('r0');
      backend.answers.push(() => new Promise(() => undefined));
      const waiting = new AuthSession(backend.gateway, store2).restore(20);
      await vi.advanceTimersByTimeAsync(20);
      expect(await waiting).toEqual({ status: 'signedOut', reason: 'none' });
    } finally {
      vi.useRealTimers();
    }
  });
});
