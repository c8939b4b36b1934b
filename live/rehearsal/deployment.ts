// One deployment of this project's convex/ functions, run by convex-test with a real
// deployment's per-transaction limits, plus what convex-test leaves out and a backend has:
//   - calls by path with a caller (a verified user, the admin key, or nobody), public functions
//     only unless the caller holds the admin key;
//   - a deployment environment the functions see as process.env;
//   - a commit timestamp per committed transaction, and an event per commit (subscriptions);
//   - search as the real backend does it (search.ts), indexed equality lookups (convex-test scans
//     a whole table per lookup), the write-set journal (journal.ts);
//   - persistence to a folder (snapshot + append-only log of commits), scheduled functions
//     re-armed after a restart, crons on real time.
// convex-test's module-private database and scheduler come from exposeConvexTest.mjs's hook.
import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as convexTestModule from 'convex-test';
import { compareValues, convexToJson, jsonToConvex, type JSONValue, type Value } from 'convex/values';
import schema from '../../convex/schema';
import { convexModules } from './convexModules';
import { Journal, MIN_WINDOW_MS, tableOfId } from './journal';
import { checkDocument, checkValue } from './limits';
import { MAX_CANDIDATE_REVISIONS, rankBySearch, SearchQueryScannedTooManyDocumentsError } from './search';

type Doc = Record<string, Value> & { _id: string; _creationTime: number };
type RangeFilter = { type: 'Eq' | 'Gt' | 'Gte' | 'Lt' | 'Lte'; fieldPath: string; value: JSONValue };
type SearchFilter = { type: 'Search'; fieldPath: string; value: string } | { type: 'Eq'; fieldPath: string; value: JSONValue };
type QuerySource =
  | { type: 'FullTableScan'; tableName: string; order?: 'asc' | 'desc' }
  | { type: 'IndexRange'; indexName: string; range: RangeFilter[]; order?: 'asc' | 'desc' }
  | { type: 'Search'; indexName: string; filters: SearchFilter[] };
type Query = { source: QuerySource; operators: ({ filter: unknown } | { limit: number })[] };
type Resolved = { sortedDocs: Doc[]; filterFn: (d: Doc) => boolean; limit: number | null; fieldPathsToSortBy: string[]; order: 'asc' | 'desc' };

interface DatabaseFake {
  _documents: Record<string, Doc>;
  _writes: Record<string, Doc | null>[];
  _nextDocId: number;
  _lastCreationTime: number;
  _schema: { tables: Map<string, { indexes: { indexDescriptor: string; fields: string[] }[] }> } | null;
  startTransaction(): void;
  get(table: string | undefined, id: string): Doc | null;
  _addWrite(id: string, value: Doc | null): void;
  commit(ts?: bigint | null): void;
  rollbackWrites(): void;
  queryNext(queryId: number): { value: Doc | null; done: boolean };
  _iterateDocs(table: string, cb: (doc: Doc) => void): void;
  _resolveQuerySource(query: Query): Resolved;
  _evaluateQuery(query: Query): Doc[];
}
interface ConvexGlobal {
  components: Record<string, { db: DatabaseFake }>;
  transactionManager: { begin(isNested: boolean, limits?: unknown): Promise<void> };
  scheduler: {
    timerScheduled(): void;
    timerFired(): void;
    add(p: Promise<void>): void;
    finish(p: Promise<void>): void;
    anyFunctionsRunning(): boolean;
    finishInProgressScheduledFunctions(): Promise<void>;
  };
}
interface Internals {
  __convexGlobalStorage: AsyncLocalStorage<ConvexGlobal>;
  __executionContextStorage: AsyncLocalStorage<{ udfPath: string }>;
  __runScheduledFunction(args: { db: DatabaseFake; jobId: string; componentPath: string; functionPath: { udfPath: string; componentPath: string }; args: Value; name: string }): Promise<void>;
  __evaluateFilter(doc: Doc, filter: unknown): unknown;
  __evaluateFieldPath(fieldPath: string, doc: Doc): Value | undefined;
}
type FunctionPath = { udfPath: string; componentPath: string };
interface Accessor {
  queryFromPath(path: FunctionPath, args: Value): Promise<Value>;
  mutationFromPath(path: FunctionPath, args: Value): Promise<Value>;
  actionFromPath(path: FunctionPath, args: Value): Promise<Value>;
  fun(path: FunctionPath, args: Value): Promise<Value>;
  run(handler: (ctx: unknown) => Promise<unknown>): Promise<unknown>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  withIdentity(identity: Record<string, unknown>): Accessor;
}

export type UdfKind = 'query' | 'mutation' | 'action';

/** Who calls: a user whose token was verified, the holder of the admin key, or nobody. */
export type Caller =
  | { kind: 'user'; subject: string; issuer: string; tokenIdentifier: string; claims: Record<string, unknown> }
  | { kind: 'admin'; impersonating?: Record<string, unknown> }
  | null;

export interface CallResult {
  value: Value;
  /** The commit's timestamp when the call (or what it ran) committed. */
  commitTs: bigint | null;
  /** Tables the call read: a subscription re-runs only when one of them changes. */
  tables: Set<string>;
}

export interface CommitEvent {
  ts: bigint;
  tables: Set<string>;
}

/** A failure as the protocol carries it: the message the real backend formats, and ConvexError data. */
export class UdfError extends Error {
  constructor(
    message: string,
    readonly errorData?: JSONValue,
  ) {
    super(message);
  }
}

interface CallScope {
  tables: Set<string>;
  commitTs: bigint | null;
  kind: UdfKind;
  arrivedAt: number;
  session: string;
}

interface Entry {
  start: number;
  session: string;
  fn: string | null;
  reads: Set<string>;
  writes: Set<string>;
  tables: Set<string>;
}

const callScope = new AsyncLocalStorage<CallScope>();
const beginScope = new AsyncLocalStorage<{ requestedAt: number }>();
const internals = convexTestModule as unknown as Internals;
const BUILT_IN_ENV = ['CONVEX_CLOUD_URL', 'CONVEX_SITE_URL'];
const MAX_SESSION_REQUESTS = 100_000;
let requestCounter = 0;
let internalRuns = 0;

let clockOffset = 0;
let shifted = false;
function installShiftedDate() {
  if (shifted) return;
  shifted = true;
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + clockOffset);
      else super(...(args as [string]));
    }
    static override now() {
      return RealDate.now() + clockOffset;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}

function queryValue(value: JSONValue): Value | undefined {
  return value !== null && typeof value === 'object' && '$undefined' in value ? undefined : jsonToConvex(value);
}
function keyOf(value: Value | undefined): string {
  return value === undefined ? 'u' : JSON.stringify(convexToJson(value));
}

/** Function modules by path without extension ("records", "lib/functions"). */
const modulesByPath = new Map(Object.entries(convexModules).map(([k, v]) => [k.replace(/^\.\/convex\//, '').replace(/\.[^.]+$/, ''), v]));

/** "records:list" / "records.js:list" / "records" → { module, export }. */
export function canonicalPath(udfPath: string): { modulePath: string; exportName: string; udfPath: string } {
  const [file, name] = udfPath.split(':') as [string, string | undefined];
  const modulePath = file.replace(/\.js$/, '');
  const exportName = name ?? 'default';
  return { modulePath, exportName, udfPath: `${modulePath}:${exportName}` };
}

export interface DeploymentOptions {
  /** Folder for persistence; absent: memory only. */
  dataDir?: string;
  cloudUrl: string;
  siteUrl: string;
  log?: (line: string) => void;
}

export class Deployment extends EventEmitter {
  readonly journal = new Journal();
  readonly env: Record<string, string> = {};
  private readonly t: Accessor;
  private global!: ConvexGlobal;
  private db!: DatabaseFake;
  private ts = 0n;
  private current: Entry | null = null;
  private readonly tableIds = new Map<string, Set<string>>();
  private readonly indexMaps = new Map<string, Map<string, Set<string>>>();
  /**
   * Ids written by the open transaction, by table and by "<table>.<index>\0<first field's key>".
   * A superset (a document patched away from a key, a nested rollback): harmless, each candidate
   * is read as it now stands and checked by convex-test's own range filter.
   */
  private readonly pendingIds = new Map<string, Set<string>>();
  private readonly pendingIndex = new Map<string, Set<string>>();

  private pendingSet(map: Map<string, Set<string>>, key: string): Set<string> {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    return set;
  }

  private clearPending() {
    this.pendingIds.clear();
    this.pendingIndex.clear();
  }
  private logFile: string | null = null;
  private logBytes = 0;
  private timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  /** What the deployment's functions see as process.env: the variables set plus the built-in URLs. */
  private readonly processEnv: Record<string, string>;
  private readonly log: (line: string) => void;
  private adminKeyValue = '';
  /**
   * Successful mutations by (client session, request id), as the real backend's
   * `_session_requests` (application_function_runner: check_mutation_status /
   * write_mutation_status): the client sends every unfinished mutation again after a reconnect,
   * and one that already committed returns its first result and ts instead of running twice.
   * The real backend writes the record in the mutation's own transaction; here it is logged right
   * after the commit, before the response leaves.
   */
  private readonly sessionRequests = new Map<string, { value: JSONValue; ts: string }>();

  private constructor(private readonly options: DeploymentOptions) {
    super();
    this.setMaxListeners(0);
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.t = convexTestModule.convexTest({ schema, modules: convexModules, transactionLimits: true }) as unknown as Accessor;
    this.processEnv = { CONVEX_CLOUD_URL: options.cloudUrl, CONVEX_SITE_URL: options.siteUrl };
  }

  static async open(options: DeploymentOptions & { newAdminKey: () => string }): Promise<Deployment> {
    const d = new Deployment(options);
    // A deployment's functions see only its variables; the host's environment is not theirs.
    process.env.TZ = 'UTC';
    process.env = d.processEnv as NodeJS.ProcessEnv;
    await d.capture();
    d.load(options.newAdminKey);
    d.install();
    d.rearmScheduled();
    await d.startCrons();
    return d;
  }

  get adminKey(): string {
    return this.adminKeyValue;
  }

  /** The latest commit's timestamp (nanoseconds); never goes back, also across restarts. */
  get latestTs(): bigint {
    return this.ts;
  }

  private async capture() {
    await this.t.run(async () => {
      this.global = internals.__convexGlobalStorage.getStore()!;
    });
    this.db = this.global.components['']!.db;
  }

  // ---------- calls ----------

  private accessorFor(caller: Caller): Accessor {
    if (caller === null) return this.t;
    if (caller.kind === 'user') {
      return this.t.withIdentity({ ...caller.claims, subject: caller.subject, issuer: caller.issuer, tokenIdentifier: caller.tokenIdentifier });
    }
    return caller.impersonating ? this.t.withIdentity(caller.impersonating) : this.t;
  }

  /** Checks that `udfPath` names a function of `kind` the caller may call; returns its canonical path. */
  async resolve(kind: UdfKind | 'any', udfPath: string, caller: Caller): Promise<{ udfPath: string; kind: UdfKind }> {
    const path = canonicalPath(udfPath);
    const loader = modulesByPath.get(path.modulePath);
    const fn = loader ? ((await loader()) as Record<string, Record<string, unknown> | undefined>)[path.exportName] : undefined;
    const actual: UdfKind | null = fn?.isQuery ? 'query' : fn?.isMutation ? 'mutation' : fn?.isAction ? 'action' : null;
    const visible = fn !== undefined && (fn.isPublic === true || caller?.kind === 'admin');
    if (!actual || !visible || (kind !== 'any' && actual !== kind)) {
      const what = caller?.kind === 'admin' ? 'function' : 'public function';
      throw new UdfError(`Could not find ${what} for '${udfPath}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`);
    }
    return { udfPath: path.udfPath, kind: actual };
  }

  /**
   * Runs a function as a client call would; failures come back as UdfError in the backend's own
   * format. `from`: the connection that sent it and when it arrived (the journal's window).
   */
  async call(kind: UdfKind, udfPath: string, args: Value, caller: Caller, from?: { session: string; arrivedAt: number }): Promise<CallResult> {
    const requestId = `rehearsal-${(++requestCounter).toString(16).padStart(8, '0')}`;
    const arrivedAt = from?.arrivedAt ?? Date.now();
    const resolved = await this.resolve(kind, udfPath, caller);
    const hold = this.batchHold;
    // A function without batches (no batchIndex argument) is held as batch 0: every call of it.
    const batchIndex = hold?.udfPath === resolved.udfPath ? ((args as { batchIndex?: unknown } | null)?.batchIndex ?? 0) : undefined;
    const held = hold !== null && typeof batchIndex === 'number' && batchIndex >= hold.from;
    if (held) {
      hold.waiting++;
      await hold.released;
    }
    try {
      return await this.run(kind, resolved.udfPath, args, caller, requestId, arrivedAt, from);
    } finally {
      if (hold !== null && typeof batchIndex === 'number' && !held) hold.doneBefore++;
    }
  }

  /**
   * Tests: calls of `udfPath` whose batchIndex is `from` or later (a call without one counts as
   * batch 0) wait until `releaseBatches()`, so a test can act (cancel an import) while a run is held at a known batch, not by racing it.
   */
  holdBatches(udfPath: string, from: number): void {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    this.batchHold = { udfPath: canonicalPath(udfPath).udfPath, from, waiting: 0, doneBefore: 0, released, release };
  }

  /** How many calls wait at the hold, and how many before it have finished. */
  batchHoldState(): { waiting: number; doneBefore: number } | null {
    return this.batchHold ? { waiting: this.batchHold.waiting, doneBefore: this.batchHold.doneBefore } : null;
  }

  releaseBatches(): void {
    this.batchHold?.release();
    this.batchHold = null;
  }

  private batchHold: { udfPath: string; from: number; waiting: number; doneBefore: number; released: Promise<void>; release: () => void } | null = null;

  private async run(kind: UdfKind, udfPath: string, args: Value, caller: Caller, requestId: string, arrivedAt: number, from?: { session: string }): Promise<CallResult> {
    const scope: CallScope = { tables: new Set(), commitTs: null, kind, arrivedAt, session: from?.session ?? `call:${requestId}` };
    const accessor = this.accessorFor(caller);
    const path = { udfPath, componentPath: '' };
    try {
      checkValue(args);
      const value = await callScope.run(scope, () =>
        kind === 'query' ? accessor.queryFromPath(path, args) : kind === 'mutation' ? accessor.mutationFromPath(path, args) : accessor.actionFromPath(path, args),
      );
      // (A real backend refuses a mutation's oversized result before it commits; here the writes
      // stay, but the caller sees the same failure.)
      checkValue(value);
      return { value: value === undefined ? null : value, commitTs: scope.commitTs, tables: scope.tables };
    } catch (err) {
      throw this.toUdfError(err, requestId);
    }
  }

  /** The first result of a mutation this client session already ran, if any. */
  committedMutation(key: string): { value: Value; ts: bigint } | null {
    const record = this.sessionRequests.get(key);
    return record ? { value: jsonToConvex(record.value), ts: BigInt(record.ts) } : null;
  }

  recordMutation(key: string, value: Value, ts: bigint): void {
    this.rememberMutation(key, { value: convexToJson(value), ts: ts.toString() });
    this.appendLog({ sr: [key, this.sessionRequests.get(key)] });
  }

  private rememberMutation(key: string, record: { value: JSONValue; ts: string }) {
    this.sessionRequests.set(key, record);
    // Bounded: a client resends only what was in flight when its connection dropped.
    if (this.sessionRequests.size > MAX_SESSION_REQUESTS) this.sessionRequests.delete(this.sessionRequests.keys().next().value!);
  }

  /** An HTTP action (convex/http.ts) for a request to the site origin. */
  async httpAction(path: string, init: RequestInit): Promise<Response> {
    return this.t.fetch(path, init);
  }

  /** Internal use by the host (seeding): runs any function with no identity. */
  async runInternal(udfPath: string, args: Value): Promise<Value> {
    return (await this.call((await this.resolve('any', udfPath, { kind: 'admin' })).kind, udfPath, args, { kind: 'admin' })).value;
  }

  private toUdfError(err: unknown, requestId: string): UdfError {
    if (err instanceof UdfError) return err;
    const e = err instanceof Error ? err : new Error(String(err));
    const isConvexError = typeof err === 'object' && err !== null && (Symbol.for('ConvexError') in err || e.name === 'ConvexError');
    const name = isConvexError ? 'ConvexError' : e.name || 'Error';
    // As a self-hosted (not production) deployment formats it (crates/application/src/redaction.rs).
    const message = `[Request ID: ${requestId}] Server Error\nUncaught ${name}: ${e.message}`;
    if (!isConvexError) return new UdfError(message);
    const data = (err as { data?: Value }).data;
    return new UdfError(message, convexToJson(data === undefined ? null : data));
  }

  // ---------- environment ----------

  setEnv(changes: { name: string; value?: string | null }[]): void {
    for (const { name, value } of changes) {
      if (value === undefined || value === null) delete this.env[name];
      else this.env[name] = value;
    }
    this.syncProcessEnv();
    this.appendLog({ env: this.env });
  }

  private syncProcessEnv() {
    for (const key of Object.keys(this.processEnv)) if (!BUILT_IN_ENV.includes(key)) delete this.processEnv[key];
    Object.assign(this.processEnv, this.env);
  }

  // ---------- hooks into convex-test's database ----------

  private install() {
    const db = this.db;
    const tm = this.global.transactionManager;
    const origBegin = tm.begin.bind(tm);
    tm.begin = (isNested, limits) => (isNested ? origBegin(isNested, limits) : beginScope.run({ requestedAt: Date.now() }, () => origBegin(isNested, limits)));

    const origStart = db.startTransaction.bind(db);
    db.startTransaction = () => {
      if (db._writes.length === 0) {
        // A client's mutation counts from its arrival; one run by an action or the scheduler from
        // when it asked to run.
        const scope = callScope.getStore();
        const requestedAt = beginScope.getStore()?.requestedAt ?? Date.now();
        const start = scope?.kind === 'mutation' ? scope.arrivedAt : requestedAt;
        const session = scope?.kind === 'mutation' ? scope.session : `internal:${++internalRuns}`;
        this.current = { start, session, fn: null, reads: new Set(), writes: new Set(), tables: new Set() };
      }
      origStart();
    };
    const origGet = db.get.bind(db);
    db.get = (table, id) => {
      const doc = origGet(table, id);
      if (this.current && doc) this.noteRead(doc._id);
      return doc;
    };
    const origQueryNext = db.queryNext.bind(db);
    db.queryNext = (queryId) => {
      const next = origQueryNext(queryId);
      if (this.current && next.value) this.noteRead(next.value._id);
      return next;
    };
    const origAddWrite = db._addWrite.bind(db);
    db._addWrite = (id, value) => {
      const table = tableOfId(id);
      if (value !== null && !table.startsWith('_')) checkDocument(table, value);
      this.pendingSet(this.pendingIds, table).add(id);
      for (const index of value === null ? [] : (this.db._schema?.tables.get(table)?.indexes ?? [])) {
        const key = keyOf(internals.__evaluateFieldPath(index.fields[0]!, value!));
        this.pendingSet(this.pendingIndex, `${table}.${index.indexDescriptor}\u0000${key}`).add(id);
      }
      if (this.current) {
        this.current.writes.add(id);
        this.current.tables.add(tableOfId(id));
        this.current.fn ??= internals.__executionContextStorage.getStore()?.udfPath ?? null;
      }
      origAddWrite(id, value);
    };
    const origCommit = db.commit.bind(db);
    db.commit = (commitTs) => {
      if (db._writes.length !== 1) return origCommit(commitTs);
      const writes = db._writes[0]!;
      const before = new Map(Object.keys(writes).map((id) => [id, db._documents[id] ?? null]));
      origCommit(commitTs);
      this.clearPending();
      this.afterCommit(before);
    };
    const origRollback = db.rollbackWrites.bind(db);
    db.rollbackWrites = () => {
      origRollback();
      if (db._writes.length === 0) this.clearPending();
      if (db._writes.length === 0 && this.current) {
        const scope = callScope.getStore();
        if (scope) for (const table of this.current.tables) scope.tables.add(table);
        this.current = null;
      }
    };

    // Lookups: a table's own ids instead of every document's, and an index's equality prefix
    // through a map kept up to date at each commit. The same candidates reach convex-test's own
    // range check and sort, so results are the same.
    let source: QuerySource | null = null;
    db._iterateDocs = (tableName, cb) => {
      const ids = this.candidates(tableName, source);
      for (const id of ids) {
        const doc = origGet(tableName, id);
        if (doc !== null) cb(doc);
      }
    };
    const origResolve = db._resolveQuerySource.bind(db);
    db._resolveQuerySource = (query) => {
      const table = query.source.type === 'FullTableScan' ? query.source.tableName : query.source.indexName.split('.')[0]!;
      this.current?.tables.add(table);
      if (query.source.type === 'Search') return this.searchSource(query, table);
      source = query.source;
      try {
        return origResolve(query);
      } finally {
        source = null;
      }
    };
    const origEvaluate = db._evaluateQuery.bind(db);
    db._evaluateQuery = (query) => {
      if (query.source.type !== 'Search') return origEvaluate(query);
      const { sortedDocs, filterFn, limit } = this.searchSource(query, query.source.indexName.split('.')[0]!);
      const results: Doc[] = [];
      for (let i = 0; i < sortedDocs.length && (limit === null || results.length < limit); i++) {
        if (filterFn(sortedDocs[i]!)) results.push(sortedDocs[i]!);
      }
      // At most 1,024 candidates are fetched: a query that still wants more after them fails.
      const wantsMore = limit === null || results.length < limit;
      if (wantsMore && sortedDocs.length >= MAX_CANDIDATE_REVISIONS) throw new SearchQueryScannedTooManyDocumentsError();
      return results;
    };
    this.rebuildTableIds();
  }

  private searchSource(query: Query, table: string): Resolved {
    const source = query.source as Extract<QuerySource, { type: 'Search' }>;
    const textFilter = source.filters.find((f) => f.type === 'Search') as Extract<SearchFilter, { type: 'Search' }>;
    const eqFilters = source.filters.filter((f): f is Extract<SearchFilter, { type: 'Eq' }> => f.type === 'Eq');
    const docs: Doc[] = [];
    this.db._iterateDocs(table, (doc) => {
      if (eqFilters.every((f) => compareValues(internals.__evaluateFieldPath(f.fieldPath, doc) as Value, queryValue(f.value) as Value) === 0)) docs.push(doc);
    });
    docs.sort((a, b) => a._creationTime - b._creationTime);
    const ranked = rankBySearch(docs, (doc) => String(internals.__evaluateFieldPath(textFilter.fieldPath, doc) ?? ''), textFilter.value);
    const filters = query.operators.filter((op): op is { filter: unknown } => 'filter' in op).map((op) => op.filter);
    const limitOp = query.operators.find((op): op is { limit: number } => 'limit' in op);
    return {
      sortedDocs: ranked.slice(0, MAX_CANDIDATE_REVISIONS).map((r) => r.doc),
      filterFn: (doc) => filters.every((f) => internals.__evaluateFilter(doc, f)),
      limit: limitOp?.limit ?? null,
      fieldPathsToSortBy: [],
      order: 'asc',
    };
  }

  private noteRead(id: string) {
    this.current!.reads.add(id);
    this.current!.tables.add(tableOfId(id));
  }

  /** The documents (committed, and written by the open transaction) a lookup may return. */
  private candidates(tableName: string, source: QuerySource | null): Set<string> {
    if (source?.type === 'IndexRange' && source.range[0]?.type === 'Eq') {
      const [, indexName] = source.indexName.split('.') as [string, string];
      const first = source.range[0];
      if (indexName === 'by_id') return new Set([String(queryValue(first.value))]);
      if (indexName !== 'by_creation_time') {
        const index = this.indexMap(tableName, indexName);
        if (index) {
          const key = keyOf(queryValue(first.value));
          const ids = new Set(index.get(key) ?? []);
          for (const id of this.pendingIndex.get(`${tableName}.${indexName}\u0000${key}`) ?? []) ids.add(id);
          return ids;
        }
      }
    }
    const ids = new Set(this.tableIds.get(tableName) ?? []);
    for (const id of this.pendingIds.get(tableName) ?? []) ids.add(id);
    return ids;
  }

  private indexFields(table: string, indexName: string): string[] | null {
    return this.db._schema?.tables.get(table)?.indexes.find((i) => i.indexDescriptor === indexName)?.fields ?? null;
  }

  private indexMap(table: string, indexName: string): Map<string, Set<string>> | null {
    const name = `${table}.${indexName}`;
    let map = this.indexMaps.get(name);
    if (map) return map;
    const fields = this.indexFields(table, indexName);
    if (!fields) return null;
    map = new Map();
    for (const id of this.tableIds.get(table) ?? []) {
      const doc = this.db._documents[id];
      if (doc) this.addToIndex(map, fields[0]!, doc);
    }
    this.indexMaps.set(name, map);
    return map;
  }

  private addToIndex(map: Map<string, Set<string>>, field: string, doc: Doc) {
    const key = keyOf(internals.__evaluateFieldPath(field, doc));
    let ids = map.get(key);
    if (!ids) map.set(key, (ids = new Set()));
    ids.add(doc._id);
  }

  private rebuildTableIds() {
    this.tableIds.clear();
    this.indexMaps.clear();
    for (const id of Object.keys(this.db._documents)) this.tableSet(tableOfId(id)).add(id);
  }

  private tableSet(table: string): Set<string> {
    let set = this.tableIds.get(table);
    if (!set) this.tableIds.set(table, (set = new Set()));
    return set;
  }

  private afterCommit(before: Map<string, Doc | null>) {
    const entry = this.current;
    this.current = null;
    const tables = new Set<string>();
    const changed: [string, JSONValue | null][] = [];
    for (const [id, old] of before) {
      const table = tableOfId(id);
      tables.add(table);
      const doc = this.db._documents[id] ?? null;
      if (doc) this.tableSet(table).add(id);
      else this.tableIds.get(table)?.delete(id);
      for (const [name, map] of this.indexMaps) {
        if (!name.startsWith(`${table}.`)) continue;
        const field = this.indexFields(table, name.slice(table.length + 1))![0]!;
        if (old) map.get(keyOf(internals.__evaluateFieldPath(field, old)))?.delete(id);
        if (doc) this.addToIndex(map, field, doc);
      }
      if (this.logFile) changed.push([id, doc ? convexToJson(doc) : null]);
    }
    const now = BigInt(Date.now()) * 1_000_000n;
    this.ts = now > this.ts ? now : this.ts + 1n;
    const scope = callScope.getStore();
    if (scope) scope.commitTs = this.ts;
    if (entry && entry.writes.size > 0) {
      if (scope) for (const table of entry.tables) scope.tables.add(table);
      this.journal.add({
        fn: entry.fn ?? 'unknown',
        session: entry.session,
        start: entry.start,
        end: Math.max(Date.now(), entry.start + MIN_WINDOW_MS),
        reads: [...entry.reads],
        writes: [...entry.writes],
      });
    }
    if (changed.length > 0) this.appendLog({ w: changed, n: this.db._nextDocId, c: this.db._lastCreationTime, ts: this.ts.toString() });
    if (before.size > 0) this.emit('commit', { ts: this.ts, tables } satisfies CommitEvent);
  }

  // ---------- persistence ----------

  private load(newAdminKey: () => string) {
    const dir = this.options.dataDir;
    if (!dir) {
      this.adminKeyValue = newAdminKey();
      return;
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const snapshotFile = join(dir, 'snapshot.json');
    this.logFile = join(dir, 'commits.jsonl');
    let adminKey: string | null = null;
    if (existsSync(snapshotFile)) {
      const snap = JSON.parse(readFileSync(snapshotFile, 'utf8')) as {
        adminKey: string;
        env: Record<string, string>;
        ts: string;
        nextDocId: number;
        lastCreationTime: number;
        documents: [string, JSONValue][];
        sessionRequests?: [string, { value: JSONValue; ts: string }][];
      };
      adminKey = snap.adminKey;
      Object.assign(this.env, snap.env);
      this.ts = BigInt(snap.ts);
      this.db._nextDocId = snap.nextDocId;
      this.db._lastCreationTime = snap.lastCreationTime;
      for (const [id, doc] of snap.documents) this.db._documents[id] = jsonToConvex(doc) as Doc;
      for (const [key, record] of snap.sessionRequests ?? []) this.rememberMutation(key, record);
    }
    if (existsSync(this.logFile)) {
      const text = readFileSync(this.logFile, 'utf8');
      for (const line of text.split('\n')) {
        if (!line) continue;
        let record: { env?: Record<string, string>; w?: [string, JSONValue | null][]; n?: number; c?: number; ts?: string; reset?: boolean; sr?: [string, { value: JSONValue; ts: string }] };
        try {
          record = JSON.parse(line);
        } catch {
          break; // a line cut short by a crash: everything before it is whole
        }
        if (record.reset) {
          for (const id of Object.keys(this.db._documents)) delete this.db._documents[id];
          this.sessionRequests.clear();
        }
        if (record.env) {
          for (const key of Object.keys(this.env)) delete this.env[key];
          Object.assign(this.env, record.env);
        }
        for (const [id, doc] of record.w ?? []) {
          if (doc === null) delete this.db._documents[id];
          else this.db._documents[id] = jsonToConvex(doc) as Doc;
        }
        if (record.n !== undefined) this.db._nextDocId = record.n;
        if (record.c !== undefined) this.db._lastCreationTime = record.c;
        if (record.ts !== undefined) this.ts = BigInt(record.ts);
        if (record.sr) this.rememberMutation(...record.sr);
      }
    }
    this.adminKeyValue = adminKey ?? newAdminKey();
    this.syncProcessEnv();
    this.writeSnapshot();
  }

  private appendLog(record: object) {
    if (!this.logFile || this.stopped) return;
    const line = `${JSON.stringify(record)}\n`;
    appendFileSync(this.logFile, line, { mode: 0o600 });
    this.logBytes += line.length;
    if (this.logBytes > 64 * 1024 * 1024) this.writeSnapshot();
  }

  /** Writes everything to the snapshot and empties the log (start, shutdown, a long log). */
  writeSnapshot() {
    const dir = this.options.dataDir;
    if (!dir || !this.logFile) return;
    const snapshot = {
      format: 1,
      adminKey: this.adminKeyValue,
      env: this.env,
      ts: this.ts.toString(),
      nextDocId: this.db._nextDocId,
      lastCreationTime: this.db._lastCreationTime,
      documents: Object.entries(this.db._documents).map(([id, doc]) => [id, convexToJson(doc)]),
      sessionRequests: [...this.sessionRequests],
    };
    const tmp = join(dir, 'snapshot.json.tmp');
    writeFileSync(tmp, JSON.stringify(snapshot), { mode: 0o600 });
    renameSync(tmp, join(dir, 'snapshot.json'));
    writeFileSync(this.logFile, '', { mode: 0o600 });
    this.logBytes = 0;
  }

  // ---------- scheduled functions and crons ----------

  /** After a restart: the pending jobs of the stored `_scheduled_functions` run at their time again. */
  private rearmScheduled() {
    for (const [id, doc] of Object.entries(this.db._documents)) {
      if (tableOfId(id) !== '_scheduled_functions') continue;
      const job = doc as unknown as { name: string; args: Value[]; scheduledTime: number; state: { kind: string } };
      // A job cut off by the stop runs again (its transaction never committed).
      if (job.state.kind === 'inProgress') this.db._documents[id] = { ...doc, state: { kind: 'pending' } } as Doc;
      else if (job.state.kind !== 'pending') continue;
      const { scheduler } = this.global;
      scheduler.timerScheduled();
      this.later(Math.max(0, job.scheduledTime - Date.now()), () => {
        scheduler.timerFired();
        const run = internals.__convexGlobalStorage.run(this.global, () =>
          internals.__runScheduledFunction({
            db: this.db,
            jobId: id,
            componentPath: '',
            functionPath: { udfPath: job.name, componentPath: '' },
            args: job.args[0] ?? {},
            name: job.name,
          }),
        );
        scheduler.add(run);
        void run.finally(() => scheduler.finish(run));
      });
    }
  }

  private later(ms: number, fn: () => void) {
    // setTimeout holds at most ~24.8 days; longer waits are re-armed.
    const step = Math.min(ms, 2 ** 31 - 1);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopped) return;
      if (step < ms) this.later(ms - step, fn);
      else fn();
    }, step);
    this.timers.add(timer);
  }

  private async startCrons() {
    const loader = modulesByPath.get('crons');
    if (!loader) return;
    const crons = ((await loader()) as { default?: { crons?: Record<string, { name: string; args: JSONValue[]; schedule: CronSchedule }> } }).default?.crons ?? {};
    for (const [label, job] of Object.entries(crons)) {
      const arm = () => {
        const next = nextCronTime(job.schedule, Date.now());
        this.later(next - Date.now(), () => {
          void this.t
            .fun({ udfPath: canonicalPath(job.name).udfPath, componentPath: '' }, jsonToConvex(job.args[0] ?? {}))
            .catch((err: unknown) => this.log(`cron "${label}" failed: ${err instanceof Error ? err.message : String(err)}`))
            .finally(arm);
        });
      };
      arm();
    }
  }

  /**
   * Waits until no scheduled function is due or running (tests: what a mutation scheduled with
   * runAfter(0) has happened). Jobs due later are left for their time.
   */
  async settle(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      await new Promise((r) => setTimeout(r, 5));
      const due = Object.entries(this.db._documents).some(
        ([id, doc]) => tableOfId(id) === '_scheduled_functions' && (doc as unknown as { state: { kind: string }; scheduledTime: number }).state.kind === 'pending' && (doc as unknown as { scheduledTime: number }).scheduledTime <= Date.now(),
      );
      if (!due && !this.global.scheduler.anyFunctionsRunning()) return;
      await this.global.scheduler.finishInProgressScheduledFunctions();
    }
  }

  /**
   * Empties the database and sets the clock back, keeping the environment (tests: a fresh
   * deployment per test, one process per file). Jobs still scheduled find their documents gone and do nothing.
   */
  async reset(): Promise<void> {
    clockOffset = 0;
    await this.t.run(async () => {
      for (const id of Object.keys(this.db._documents)) delete this.db._documents[id];
    });
    this.sessionRequests.clear();
    this.rebuildTableIds();
    this.appendLog({ reset: true });
    this.emit('commit', { ts: (this.ts += 1n), tables: new Set(this.tableIds.keys()) } satisfies CommitEvent);
  }

  /**
   * Moves this deployment's clock ahead (tests that move their own clock past a backoff or a
   * lease: the server's time must move with it). Date and Date.now are shifted for every function.
   */
  advanceClock(ms: number): void {
    installShiftedDate();
    clockOffset += ms;
  }

  /** Stops timers and writes the snapshot. */
  close() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.writeSnapshot();
    this.stopped = true;
  }
}

// As convex/server's cronJobs() stores them (convex/src/server/cron.ts).
export type CronSchedule =
  | { type: 'interval'; seconds?: number; minutes?: number; hours?: number }
  | { type: 'hourly'; minuteUTC?: number }
  | { type: 'daily'; hourUTC: number; minuteUTC?: number }
  | { type: 'weekly'; dayOfWeek: string; hourUTC: number; minuteUTC?: number }
  | { type: 'monthly'; day: number; hourUTC: number; minuteUTC?: number }
  | { type: 'cron'; cron: string };

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The next time (ms) after `now` a cron schedule fires. */
export function nextCronTime(schedule: CronSchedule, now: number): number {
  if (schedule.type === 'interval') return now + ((schedule.hours ?? 0) * 3600 + (schedule.minutes ?? 0) * 60 + (schedule.seconds ?? 0)) * 1000;
  const d = new Date(now);
  d.setUTCSeconds(0, 0);
  const step = (): void => void d.setUTCMinutes(d.getUTCMinutes() + 1);
  const at = (hour: number | null, minute: number | undefined) => (hour === null || d.getUTCHours() === hour) && d.getUTCMinutes() === (minute ?? 0);
  const matches = (): boolean => {
    switch (schedule.type) {
      case 'hourly':
        return at(null, schedule.minuteUTC);
      case 'daily':
        return at(schedule.hourUTC, schedule.minuteUTC);
      case 'weekly':
        return DAYS[d.getUTCDay()] === schedule.dayOfWeek && at(schedule.hourUTC, schedule.minuteUTC);
      case 'monthly':
        return d.getUTCDate() === schedule.day && at(schedule.hourUTC, schedule.minuteUTC);
      case 'cron':
        return cronMatches(schedule.cron, d);
    }
  };
  step();
  // At most one year of minutes: every valid schedule fires within it.
  for (let i = 0; i < 366 * 24 * 60 && !matches(); i++) step();
  return d.getTime();
}

function cronMatches(expr: string, d: Date): boolean {
  const [min, hour, dom, mon, dow] = expr.trim().split(/\s+/);
  const field = (spec: string | undefined, value: number): boolean =>
    spec === undefined ||
    spec.split(',').some((part) => {
      const [range, stepText] = part.split('/');
      const stepN = stepText ? Number(stepText) : 1;
      if (range === '*') return value % stepN === 0;
      const [lo, hi] = range!.split('-').map(Number) as [number, number | undefined];
      return value >= lo && value <= (hi ?? (stepText ? Infinity : lo)) && (value - lo) % stepN === 0;
    });
  return field(min, d.getUTCMinutes()) && field(hour, d.getUTCHours()) && field(dom, d.getUTCDate()) && field(mon, d.getUTCMonth() + 1) && field(dow, d.getUTCDay());
}
