// The WebSocket sync protocol, one SyncSession per connection, as convex/src/browser/sync
// (protocol.ts, client.ts, remote_query_set.ts, authentication_manager.ts) expects it and
// crates/sync/src/worker.rs serves it:
//   - ModifyQuerySet (versions checked) and Authenticate change the session; an update then runs
//     the queries whose results may have changed and sends one Transition from the version the
//     client holds to the new one {querySet, identity, ts}, with only the changed results;
//   - after every commit a session re-runs the queries that read a changed table;
//   - Mutation → MutationResponse with the commit's ts (a mutation the client sends again after a
//     reconnect, by its session and request id, gets its first result: it never runs twice), and a
//     Transition reaching that ts after it (the client resolves the mutation only then);
//     Action → ActionResponse;
//   - a token that does not verify → AuthError {authUpdateAttempted: true}, one that expired in
//     use → AuthError {authUpdateAttempted: false}; then the connection closes, as the real
//     backend does, and the client reconnects and asks for a fresh token;
//   - every Transition carries clientClockSkew (Connect's clientTs minus the server's clock, as
//     worker.rs computes it) and serverTs (ns at sending, as local_backend's subs/mod.rs adds it);
//   - a Ping every 15 s (the client gives up on a silent server after 60 s).
import { convexToJson, jsonToConvex, type JSONValue, type Value } from 'convex/values';
import { AuthenticationError, verifyUserToken } from './auth';
import { UdfError, type Caller, type Deployment } from './deployment';

export const HEARTBEAT_MS = 15_000;

interface Socket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', cb: (data: Buffer) => void): void;
  on(event: 'close', cb: () => void): void;
}

type ClientMessage =
  | { type: 'Connect'; sessionId: string; connectionCount: number; maxObservedTimestamp?: string; clientTs?: number }
  | { type: 'ModifyQuerySet'; baseVersion: number; newVersion: number; modifications: ({ type: 'Add'; queryId: number; udfPath: string; args: JSONValue[] } | { type: 'Remove'; queryId: number })[] }
  | { type: 'Mutation' | 'Action'; requestId: number; udfPath: string; args: JSONValue[] }
  | { type: 'Authenticate'; tokenType: 'User'; value: string; baseVersion: number }
  | { type: 'Authenticate'; tokenType: 'Admin'; value: string; baseVersion: number; impersonating?: Record<string, unknown> }
  | { type: 'Authenticate'; tokenType: 'None'; baseVersion: number }
  | { type: 'Event' };

interface Subscription {
  udfPath: string;
  args: Value;
  /** The last result sent (serialized), or null before the first. */
  last: string | null;
  /** The commit timestamp its result reflects, and the tables it read. */
  ranAt: bigint;
  tables: Set<string>;
}

export function encodeTs(ts: bigint): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(ts);
  return bytes.toString('base64');
}
function decodeTs(encoded: string): bigint {
  return Buffer.from(encoded, 'base64').readBigUInt64LE();
}

export interface SyncContext {
  deployment: Deployment;
  providers: () => { domain?: string; applicationID?: string }[];
  /** Tables written by commits after `ts` (null when too old to tell: re-run everything). */
  tablesWrittenSince(ts: bigint): Set<string> | null;
  /** The backend's own `_system/...` queries (the CLI's). */
  systemQuery(udfPath: string, args: Value, caller: Caller): Value;
}

let sessions = 0;

export class SyncSession {
  private readonly id = `ws:${++sessions}`;
  private readonly queries = new Map<number, Subscription>();
  private removed: number[] = [];
  /** The version the client holds (the last Transition's end) and the one it asked for. */
  private sent = { querySet: 0, identity: 0, ts: 0n };
  private querySet = 0;
  private identity = 0;
  private caller: Caller = null;
  /** The client's sessionId (Connect): the same across its reconnects. */
  private clientSession: string | null = null;
  /** Connect's clientTs minus this server's clock, sent with every Transition as the real backend does (the client times a reused token's refresh by it). */
  private clientClockSkew: number | null = null;
  private expiresAt: number | null = null;
  private updating = false;
  private dirty = false;
  private closed = false;
  /** Messages are handled in order (an Authenticate before a Mutation decides its caller). */
  private inbox: Promise<void> = Promise.resolve();
  /** A session's mutations run one after another, in the order sent. */
  private mutations: Promise<void> = Promise.resolve();
  private forceTransition = false;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly onCommit = () => setImmediate(() => this.scheduleUpdate());

  constructor(
    private readonly socket: Socket,
    private readonly ctx: SyncContext,
  ) {
    socket.on('message', (data) => {
      this.inbox = this.inbox.then(() => this.onMessage(data.toString()));
    });
    socket.on('close', () => this.dispose());
    ctx.deployment.on('commit', this.onCommit);
    this.heartbeat = setInterval(() => this.send({ type: 'Ping' }), HEARTBEAT_MS);
  }

  private dispose() {
    this.closed = true;
    clearInterval(this.heartbeat);
    this.ctx.deployment.off('commit', this.onCommit);
  }

  private send(message: object) {
    if (!this.closed) this.socket.send(JSON.stringify(message));
  }

  /** An AuthError as the real backend sends it before closing the connection. */
  private authError(error: string, authUpdateAttempted: boolean) {
    this.send({ type: 'AuthError', error, baseVersion: this.identity, authUpdateAttempted });
    this.socket.close(1000, 'AuthError');
    this.dispose();
  }

  private fatal(error: string) {
    this.send({ type: 'FatalError', error });
    this.socket.close(1011, 'FatalError');
    this.dispose();
  }

  /** The caller for the next function, or null after an AuthError (the identity expired). */
  private liveCaller(): Caller | undefined {
    if (this.expiresAt !== null && this.expiresAt * 1000 <= Date.now()) {
      this.authError('Convex token identity expired', false);
      return undefined;
    }
    return this.caller;
  }

  private async onMessage(raw: string) {
    let msg: ClientMessage;
    try {
      msg = JSON.parse(raw) as ClientMessage;
    } catch {
      return this.fatal('Received Invalid JSON on websocket');
    }
    switch (msg.type) {
      case 'Connect':
        if (msg.maxObservedTimestamp && decodeTs(msg.maxObservedTimestamp) > this.ctx.deployment.latestTs) {
          // The client saw writes this backend does not have (its data was reset): as the real
          // backend, refuse; the client reconnects and starts over.
          return this.fatal('Client has observed a timestamp ahead of the backend latest known timestamp');
        }
        this.clientSession = msg.sessionId;
        if (typeof msg.clientTs === 'number') this.clientClockSkew = msg.clientTs - Date.now();
        return;
      case 'ModifyQuerySet': {
        if (msg.baseVersion !== this.querySet) return this.fatal(`Base version ${msg.baseVersion} passed up doesn't match the current version ${this.querySet}`);
        for (const m of msg.modifications) {
          if (m.type === 'Add') this.queries.set(m.queryId, { udfPath: m.udfPath, args: jsonToConvex(m.args[0] ?? {}), last: null, ranAt: -1n, tables: new Set() });
          else if (this.queries.delete(m.queryId)) this.removed.push(m.queryId);
        }
        this.querySet = msg.newVersion;
        return this.scheduleUpdate();
      }
      case 'Authenticate':
        return this.authenticate(msg);
      case 'Mutation': {
        const caller = this.liveCaller();
        if (caller === undefined) return;
        const arrivedAt = Date.now();
        this.mutations = this.mutations.then(() => this.request(msg, caller, arrivedAt));
        return;
      }
      case 'Action': {
        const caller = this.liveCaller();
        if (caller !== undefined) void this.request(msg, caller, Date.now());
        return;
      }
      default:
        return; // Event: client metrics
    }
  }

  private async authenticate(msg: Extract<ClientMessage, { type: 'Authenticate' }>) {
    if (msg.baseVersion !== this.identity) return this.fatal(`Base identity version ${msg.baseVersion} doesn't match ${this.identity}`);
    if (msg.tokenType === 'User') {
      try {
        const user = await verifyUserToken(msg.value, this.ctx.deployment.env, this.ctx.providers());
        this.caller = user.caller;
        this.expiresAt = user.expiresAt;
        if (this.expiresAt !== null && this.expiresAt * 1000 <= Date.now()) throw new AuthenticationError('"exp" claim timestamp check failed');
      } catch (err) {
        return this.authError(err instanceof Error ? err.message : String(err), true);
      }
    } else if (msg.tokenType === 'Admin') {
      if (msg.value !== this.ctx.deployment.adminKey) return this.authError('The provided admin key was invalid for this instance', true);
      this.caller = { kind: 'admin', ...(msg.impersonating ? { impersonating: msg.impersonating } : {}) };
      this.expiresAt = null;
    } else {
      this.caller = null;
      this.expiresAt = null;
    }
    this.identity = msg.baseVersion + 1;
    // A new identity: every query runs again under it.
    for (const q of this.queries.values()) q.ranAt = -1n;
    this.scheduleUpdate();
  }

  private async request(msg: Extract<ClientMessage, { type: 'Mutation' | 'Action' }>, caller: Caller, arrivedAt: number) {
    const kind = msg.type === 'Mutation' ? 'mutation' : 'action';
    const responseType = msg.type === 'Mutation' ? 'MutationResponse' : 'ActionResponse';
    const key = kind === 'mutation' && this.clientSession !== null ? `${this.clientSession}:${msg.requestId}` : null;
    const committed = key === null ? null : this.ctx.deployment.committedMutation(key);
    try {
      if (committed) {
        this.send({ type: responseType, requestId: msg.requestId, success: true, result: convexToJson(committed.value), ts: encodeTs(committed.ts), logLines: [] });
      } else {
        const result = await this.ctx.deployment.call(kind, msg.udfPath, jsonToConvex(msg.args[0] ?? {}), caller, { session: this.id, arrivedAt });
        const ts = kind === 'mutation' ? (result.commitTs ?? this.ctx.deployment.latestTs) : null;
        if (key !== null && ts !== null) this.ctx.deployment.recordMutation(key, result.value, ts);
        this.send({ type: responseType, requestId: msg.requestId, success: true, result: convexToJson(result.value), ...(ts === null ? {} : { ts: encodeTs(ts) }), logLines: [] });
      }
    } catch (err) {
      const e = err instanceof UdfError ? err : new UdfError(err instanceof Error ? err.message : String(err));
      this.send({ type: responseType, requestId: msg.requestId, success: false, result: e.message, logLines: [], ...(e.errorData === undefined ? {} : { errorData: e.errorData }) });
    }
    // The client completes a mutation at the first Transition reaching its ts: always send one.
    this.scheduleUpdate(true);
  }

  scheduleUpdate(force = false) {
    if (this.closed) return;
    if (force) this.forceTransition = true;
    if (this.updating) {
      this.dirty = true;
      return;
    }
    this.updating = true;
    void (async () => {
      try {
        do {
          this.dirty = false;
          await this.update();
        } while (this.dirty && !this.closed);
      } finally {
        this.updating = false;
      }
    })();
  }

  private async update() {
    const caller = this.liveCaller();
    if (caller === undefined) return;
    // The results below are at least as new as `ts`, taken before any query runs.
    const ts = this.ctx.deployment.latestTs;
    const target = { querySet: this.querySet, identity: this.identity, ts: ts < this.sent.ts ? this.sent.ts : ts };
    const writtenSince = new Map<bigint, Set<string> | null>();
    const written = (since: bigint) => {
      if (!writtenSince.has(since)) writtenSince.set(since, this.ctx.tablesWrittenSince(since));
      return writtenSince.get(since)!;
    };
    const modifications: object[] = this.removed.map((queryId) => ({ type: 'QueryRemoved', queryId }));
    this.removed = [];
    for (const [queryId, q] of [...this.queries]) {
      const tables = q.ranAt < 0n ? null : written(q.ranAt);
      const stale = q.last === null || tables === null || [...q.tables].some((t) => tables.has(t));
      if (!stale) continue;
      let serialized: string;
      let modification: object;
      try {
        const result = q.udfPath.startsWith('_system/')
          ? { value: this.ctx.systemQuery(q.udfPath, q.args, caller), tables: new Set<string>() }
          : await this.ctx.deployment.call('query', q.udfPath, q.args, caller);
        q.tables = result.tables;
        const value = convexToJson(result.value);
        serialized = `ok:${JSON.stringify(value)}`;
        modification = { type: 'QueryUpdated', queryId, value, logLines: [], journal: null };
      } catch (err) {
        const e = err instanceof UdfError ? err : new UdfError(err instanceof Error ? err.message : String(err));
        serialized = `error:${e.message}:${JSON.stringify(e.errorData ?? null)}`;
        modification = { type: 'QueryFailed', queryId, errorMessage: e.message, errorData: e.errorData ?? null, logLines: [], journal: null };
        q.tables = new Set();
      }
      q.ranAt = ts;
      if (!this.queries.has(queryId)) continue; // removed meanwhile: the next update says so
      if (serialized === q.last) continue;
      q.last = serialized;
      modifications.push(modification);
    }
    if (this.closed) return;
    const changed = modifications.length > 0 || target.querySet !== this.sent.querySet || target.identity !== this.sent.identity || target.ts !== this.sent.ts;
    if (!changed && !this.forceTransition) return;
    this.forceTransition = false;
    this.send({
      type: 'Transition',
      startVersion: { querySet: this.sent.querySet, identity: this.sent.identity, ts: encodeTs(this.sent.ts) },
      endVersion: { querySet: target.querySet, identity: target.identity, ts: encodeTs(target.ts) },
      modifications,
      clientClockSkew: this.clientClockSkew,
      // Nanoseconds since the epoch at sending, as local_backend's subs/mod.rs injects it.
      serverTs: Date.now() * 1_000_000,
    });
    this.sent = target;
  }
}
