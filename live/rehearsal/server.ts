// The rehearsal backend's servers: the deployment origin (HTTP API of convex/src/browser/
// http_client.ts, the WebSocket sync protocol at /api/<version>/sync, the admin endpoints the
// Convex CLI's `env` commands call) and the site origin (HTTP actions, convex/http.ts).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { convexToJson, jsonToConvex, type JSONValue, type Value } from 'convex/values';
import { AuthenticationError, verifyUserToken } from './auth';
import { canonicalPath, Deployment, UdfError, type Caller, type CommitEvent } from './deployment';
import { hotDocuments } from './journal';
import { SyncSession } from './sync';

interface WsServer {
  handleUpgrade(req: IncomingMessage, socket: unknown, head: Buffer, cb: (ws: WsSocket) => void): void;
  close(): void;
}
interface WsSocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: 'message', cb: (data: Buffer) => void): void;
  on(event: 'close', cb: () => void): void;
}
const { WebSocketServer } = createRequire(import.meta.url)('ws') as { WebSocketServer: new (options: { noServer: true }) => WsServer };

export interface RehearsalOptions {
  port: number;
  sitePort?: number;
  dataDir?: string;
  /** Seed the demo data and one account per role (implies authKeys). */
  demo?: boolean;
  /** What GET /instance_name answers (the real backend's --instance-name); default "rehearsal". */
  instanceName?: string;
  /** Set Convex Auth's keys (JWT_PRIVATE_KEY, JWKS) when the deployment has none. */
  authKeys?: boolean;
}

export interface Rehearsal {
  url: string;
  siteUrl: string;
  adminKey: string;
  demoAccounts: { role: string; email: string; password: string }[];
  deployment: Deployment;
  close(): Promise<void>;
}

/** How many commits back a subscription can tell which tables changed (older: it re-runs). */
const COMMIT_HISTORY = 10_000;

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Holds what reaches a server before its handlers exist. The ports are bound before the deployment
 * opens (a deployment on port 0 needs its address first), and a Node server with no 'request' or
 * 'upgrade' listener leaves the connection unanswered: a PC reconnecting while a restarted
 * backend loads its data would wait for the Convex client's 60-second inactivity timeout.
 * Returns the release, called once the real handlers are attached: they receive what was held.
 */
function holdUntilReady(servers: Server[]): () => void {
  const held: { server: Server; event: 'request' | 'upgrade'; args: unknown[] }[] = [];
  const holders = servers.flatMap((server) =>
    (['request', 'upgrade'] as const).map((event) => {
      const hold = (...args: unknown[]) => void held.push({ server, event, args });
      server.on(event, hold);
      return () => server.off(event, hold);
    }),
  );
  return () => {
    for (const stop of holders) stop();
    for (const { server, event, args } of held.splice(0)) server.emit(event, ...args);
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

/** The deployment's Convex Auth keys, as `npx @convex-dev/auth` would set them. */
function authKeys(): Record<string, string> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    JWT_PRIVATE_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString().trimEnd().replace(/\n/g, ' '),
    JWKS: JSON.stringify({ keys: [{ use: 'sig', alg: 'RS256', kty: jwk.kty, n: jwk.n, e: jwk.e }] }),
  };
}

export async function startRehearsal(options: RehearsalOptions): Promise<Rehearsal> {
  const api = createServer();
  const site = createServer();
  const release = holdUntilReady([api, site]);
  const port = await listen(api, options.port);
  const sitePort = await listen(site, options.sitePort ?? (options.port === 0 ? 0 : options.port + 1));
  const url = `http://127.0.0.1:${port}`;
  const siteUrl = `http://127.0.0.1:${sitePort}`;
  const deployment = await Deployment.open({
    dataDir: options.dataDir,
    cloudUrl: url,
    siteUrl,
    newAdminKey: () => `rehearsal|${randomBytes(32).toString('hex')}`,
  });

  const commits: CommitEvent[] = [];
  deployment.on('commit', (event: CommitEvent) => {
    commits.push(event);
    if (commits.length > COMMIT_HISTORY) commits.splice(0, commits.length - COMMIT_HISTORY);
  });
  const tablesWrittenSince = (ts: bigint): Set<string> | null => {
    if (commits.length === COMMIT_HISTORY && commits[0]!.ts > ts) return null;
    const tables = new Set<string>();
    for (let i = commits.length - 1; i >= 0 && commits[i]!.ts > ts; i--) for (const t of commits[i]!.tables) tables.add(t);
    return tables;
  };
  const authConfig = ((await import('../../convex/auth.config')) as { default: { providers: { domain?: string; applicationID?: string }[] } }).default;
  const providers = () => authConfig.providers.map((p) => ({ ...p, domain: p.domain ?? siteUrl }));

  const demoAccounts: Rehearsal['demoAccounts'] = [];
  if ((options.demo || options.authKeys) && (!deployment.env.JWT_PRIVATE_KEY || !deployment.env.JWKS)) {
    deployment.setEnv(Object.entries(authKeys()).map(([name, value]) => ({ name, value })));
  }
  if (options.demo) {
    await deployment.runInternal('demo:seedAll', {});
    const { DEMO_ACCOUNTS } = await import('../../convex/demo');
    for (const a of DEMO_ACCOUNTS) demoAccounts.push({ role: a.role, email: a.email, password: a.password });
  }

  const callerFrom = async (header: string | undefined): Promise<Caller> => {
    if (!header) return null;
    const [scheme, value = ''] = header.split(' ', 2) as [string, string | undefined];
    if (scheme === 'Convex') {
      if (value !== deployment.adminKey) throw new HttpError(401, 'BadAdminKey', 'The provided admin key was invalid for this instance');
      return { kind: 'admin' };
    }
    if (scheme === 'Bearer') {
      try {
        return (await verifyUserToken(value, deployment.env, providers())).caller;
      } catch (err) {
        throw new HttpError(401, 'Unauthenticated', err instanceof AuthenticationError ? err.message : String(err));
      }
    }
    throw new HttpError(401, 'InvalidAuthHeader', 'The Authorization header is neither "Bearer <token>" nor "Convex <admin key>"');
  };

  /** The system queries the Convex CLI runs with the admin key (convex/src/cli/lib/env.ts). */
  const systemQuery = (udfPath: string, args: Record<string, unknown>, caller: Caller): Value => {
    if (caller?.kind !== 'admin') throw new UdfError(`Could not find public function for '${udfPath}'.`);
    const path = canonicalPath(udfPath).udfPath;
    if (path === '_system/cli/queryEnvironmentVariables:default') {
      return Object.entries(deployment.env)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => ({ name, value }));
    }
    if (path === '_system/cli/queryEnvironmentVariables:get') {
      const name = String(args.name);
      return name in deployment.env ? { name, value: deployment.env[name]! } : null;
    }
    throw new UdfError(`Could not find function for '${udfPath}'.`);
  };

  const runUdf = async (kind: 'query' | 'mutation' | 'action', udfPath: string, args: Value, caller: Caller): Promise<Value> => {
    if (udfPath.startsWith('_system/')) {
      if (kind !== 'query') throw new UdfError(`Could not find function for '${udfPath}'.`);
      return systemQuery(udfPath, args as Record<string, unknown>, caller);
    }
    return (await deployment.call(kind, udfPath, args, caller)).value;
  };

  api.on('request', (req, res) => {
    void handleApi(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) return json(res, err.status, { code: err.code, message: err.message });
      json(res, 500, { code: 'InternalServerError', message: err instanceof Error ? err.message : String(err) });
    });
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', url).pathname;
    // The CLI and the launcher ask which backend answers on a port before starting or stopping one.
    if (req.method === 'GET' && path === '/instance_name') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(options.instanceName ?? 'rehearsal');
      return;
    }
    if (req.method === 'GET' && (path === '/version' || path === '/')) {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('rehearsal');
      return;
    }
    if (req.method !== 'POST' && req.method !== 'GET') throw new HttpError(405, 'MethodNotAllowed', `${req.method} ${path}`);
    const body = await readBody(req);
    const caller = await callerFrom(req.headers.authorization);
    const kind = { '/api/query': 'query', '/api/query_at_ts': 'query', '/api/mutation': 'mutation', '/api/action': 'action' }[path] as
      | 'query'
      | 'mutation'
      | 'action'
      | undefined;
    if (kind || path === '/api/function') {
      const request = JSON.parse(body.toString() || '{}') as { path: string; args?: JSONValue[] | JSONValue; format?: string };
      const rawArgs = Array.isArray(request.args) ? (request.args[0] ?? {}) : (request.args ?? {});
      try {
        const resolvedKind = kind ?? (request.path.startsWith('_system/') ? 'query' : (await deployment.resolve('any', request.path, caller)).kind);
        const value = await runUdf(resolvedKind, request.path, jsonToConvex(rawArgs), caller);
        json(res, 200, { status: 'success', value: convexToJson(value), logLines: [] });
      } catch (err) {
        const e = err instanceof UdfError ? err : new UdfError(err instanceof Error ? err.message : String(err));
        // 560: the function failed (STATUS_CODE_UDF_FAILED in http_client.ts).
        json(res, 560, { status: 'error', errorMessage: e.message, ...(e.errorData === undefined ? {} : { errorData: e.errorData }), logLines: [] });
      }
      return;
    }
    if (path === '/api/query_ts') return json(res, 200, { ts: deployment.latestTs.toString() });
    const admin = () => {
      if (caller?.kind !== 'admin') throw new HttpError(401, 'BadAdminKey', 'This endpoint needs the admin key');
    };
    if (path === '/api/update_environment_variables') {
      admin();
      const { changes } = JSON.parse(body.toString()) as { changes: { name: string; value?: string | null }[] };
      deployment.setEnv(changes);
      return json(res, 200, {});
    }
    // The rehearsal's own: the write-set journal for tests (journal.ts).
    if (path === '/rehearsal/journal') {
      admin();
      const since = Number(new URL(req.url ?? '/', url).searchParams.get('since') ?? '1');
      const entries = deployment.journal.since(since);
      return json(res, 200, { mark: deployment.journal.mark(), entries, hot: hotDocuments(entries, { ignoreTables: ['_scheduled_functions'] }) });
    }
    // Tests: run what is due now (scheduled with runAfter(0)), or start from an empty database.
    if (path === '/rehearsal/settle') {
      admin();
      await deployment.settle();
      return json(res, 200, {});
    }
    if (path === '/rehearsal/advance-clock') {
      admin();
      deployment.advanceClock(Number(new URL(req.url ?? '/', url).searchParams.get('ms') ?? '0'));
      return json(res, 200, {});
    }
    // Tests: hold a function's calls from a batch index on (an import held at a known batch), see
    // how many wait and how many before it finished, release them.
    if (path === '/rehearsal/hold-batches') {
      admin();
      if (req.method === 'POST') {
        const params = new URL(req.url ?? '/', url).searchParams;
        deployment.holdBatches(params.get('path') ?? '', Number(params.get('from') ?? '0'));
      }
      return json(res, 200, { hold: deployment.batchHoldState() });
    }
    if (path === '/rehearsal/release-batches') {
      admin();
      deployment.releaseBatches();
      return json(res, 200, {});
    }
    if (path === '/rehearsal/reset') {
      admin();
      await deployment.reset();
      return json(res, 200, {});
    }
    throw new HttpError(404, 'NotFound', `No route for ${req.method} ${path}`);
  }

  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WsSocket>();
  api.on('upgrade', (req: IncomingMessage, socket: { destroy(): void }, head: Buffer) => {
    const path = new URL(req.url ?? '/', url).pathname;
    if (!/^\/api\/[^/]+\/sync$/.test(path)) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      new SyncSession(ws, {
        deployment,
        providers,
        tablesWrittenSince,
        systemQuery: (udfPath, args, caller) => systemQuery(udfPath, args as Record<string, unknown>, caller),
      });
    });
  });

  site.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = await readBody(req);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const response = await deployment.httpAction(req.url ?? '/', {
        method: req.method,
        headers,
        ...(body.length > 0 && req.method !== 'GET' && req.method !== 'HEAD' ? { body: new Uint8Array(body) } : {}),
      });
      const out: Record<string, string> = {};
      response.headers.forEach((v, k) => (out[k] = v));
      res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
    })().catch((err: unknown) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(err instanceof Error ? err.message : String(err));
    });
  });

  release();
  let closing: Promise<void> | null = null;
  return {
    url,
    siteUrl,
    adminKey: deployment.adminKey,
    demoAccounts,
    deployment,
    close: () =>
      (closing ??= (async () => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        await Promise.all([api, site].map((s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())))));
        deployment.close();
      })()),
  };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
