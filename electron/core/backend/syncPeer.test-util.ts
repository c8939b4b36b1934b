// A loopback WebSocket peer speaking enough of Convex's sync protocol (convex/src/browser/sync/
// protocol.ts) for the real ConvexClient to connect, subscribe, and run mutations and actions:
// Transition (with versions the client checks), MutationResponse (then a Transition reaching its
// ts, which the client waits for), ActionResponse, and failures with or without ConvexError data;
// Authenticate (answered with a Transition that moves the identity version, which the client's
// authentication manager takes as the token's confirmation); and ConvexHttpClient's
// POST /api/query|mutation|action on the same port (convex/src/browser/http_client.ts), which
// sign-in and the version handshake use.
// Served with the `ws` package that the convex package ships for Node.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';

interface PeerSocket {
  send(data: string): void;
  on(event: 'message', cb: (data: Buffer) => void): void;
  terminate(): void;
}
interface PeerServer {
  on(event: 'connection', cb: (socket: PeerSocket) => void): void;
  on(event: 'listening', cb: () => void): void;
  clients: Set<PeerSocket>;
  close(cb?: () => void): void;
  address(): AddressInfo;
}
const { WebSocketServer } = createRequire(import.meta.url)('ws') as {
  WebSocketServer: new (options: { port: number; host: string } | { server: Server }) => PeerServer;
};

/** What a function answers: a value, a failure (with ConvexError data or a server message), or nothing. */
export type PeerAnswer =
  | { value: unknown }
  | { error: string; data?: unknown }
  | { hang: true }
  /** Closes the connection instead of answering, as a backend restart or a network drop would. */
  | { drop: true };

export type PeerHandler = (udfPath: string, args: unknown) => PeerAnswer;

const encodeTs = (ts: number) => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(BigInt(ts));
  return bytes.toString('base64');
};

export interface SyncPeer {
  url: string;
  port: number;
  /** Function paths in the order the peer received them (HTTP actions too). */
  received: string[];
  /** The tokens clients authenticated with over the WebSocket, in order. */
  tokens: string[];
  connections: number;
  /** Drops every open connection (the client reconnects). */
  dropAll(): void;
  close(): Promise<void>;
}

export async function startSyncPeer(handler: PeerHandler, port = 0): Promise<SyncPeer> {
  const http = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || !/^\/api\/(query|mutation|action)$/.test(req.url ?? '')) {
        res.writeHead(404).end();
        return;
      }
      const { path, args } = JSON.parse(body) as { path: string; args: unknown[] };
      peer.received.push(path);
      const answer = handler(path, args[0]);
      if ('drop' in answer) return void req.socket.destroy();
      if ('hang' in answer) return;
      // 560: a function failure the client reads from the body (STATUS_CODE_UDF_FAILED).
      const [status, reply] =
        'value' in answer
          ? [200, { status: 'success', value: answer.value ?? null, logLines: [] }]
          : [560, { status: 'error', errorMessage: answer.error, errorData: answer.data, logLines: [] }];
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const server = new WebSocketServer({ server: http });
  const { port: bound } = http.address() as AddressInfo;
  const peer: SyncPeer = {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    received: [],
    tokens: [],
    connections: 0,
    dropAll: () => {
      for (const socket of server.clients) socket.terminate();
    },
    close: () =>
      new Promise<void>((resolve) => {
        peer.dropAll();
        server.close(() => {
          http.closeAllConnections();
          http.close(() => resolve());
        });
      }),
  };
  server.on('connection', (socket) => {
    peer.connections++;
    // Each connection starts from the empty state version, as on a real backend.
    let querySet = 0;
    let ts = 0;
    let identity = 0;
    const version = (q: number, t: number, i = identity) => ({ querySet: q, ts: encodeTs(t), identity: i });
    const send = (message: object) => socket.send(JSON.stringify(message));
    socket.on('message', (raw) => {
      const msg = JSON.parse(raw.toString()) as {
        type: string;
        requestId?: number;
        udfPath?: string;
        args?: unknown[];
        baseVersion?: number;
        newVersion?: number;
        value?: string;
        modifications?: { type: string; queryId: number; udfPath?: string; args?: unknown[] }[];
      };
      if (msg.type === 'ModifyQuerySet') {
        const modifications: object[] = [];
        for (const m of msg.modifications ?? []) {
          if (m.type === 'Remove') {
            modifications.push({ type: 'QueryRemoved', queryId: m.queryId });
            continue;
          }
          peer.received.push(m.udfPath!);
          const answer = handler(m.udfPath!, m.args?.[0]);
          if ('drop' in answer) return socket.terminate();
          if ('hang' in answer) return;
          modifications.push(
            'value' in answer
              ? { type: 'QueryUpdated', queryId: m.queryId, value: answer.value ?? null, logLines: [], journal: null }
              : { type: 'QueryFailed', queryId: m.queryId, errorMessage: answer.error, errorData: answer.data, logLines: [], journal: null },
          );
        }
        send({ type: 'Transition', startVersion: version(querySet, ts), endVersion: version(msg.newVersion!, ts), modifications });
        querySet = msg.newVersion!;
        return;
      }
      if (msg.type === 'Authenticate') {
        peer.tokens.push(msg.value ?? '');
        const next = msg.baseVersion! + 1;
        send({ type: 'Transition', startVersion: version(querySet, ts), endVersion: version(querySet, ts, next), modifications: [] });
        identity = next;
        return;
      }
      if (msg.type !== 'Mutation' && msg.type !== 'Action') return; // Connect, Event: nothing to answer
      peer.received.push(msg.udfPath!);
      const answer = handler(msg.udfPath!, msg.args?.[0]);
      if ('drop' in answer) return socket.terminate();
      if ('hang' in answer) return;
      const responseType = msg.type === 'Mutation' ? 'MutationResponse' : 'ActionResponse';
      if ('error' in answer) {
        send({ type: responseType, requestId: msg.requestId, success: false, result: answer.error, logLines: [], ...(answer.data === undefined ? {} : { errorData: answer.data }) });
        return;
      }
      if (msg.type === 'Action') {
        send({ type: responseType, requestId: msg.requestId, success: true, result: answer.value ?? null, logLines: [] });
        return;
      }
      // A mutation resolves once the client has seen a transition past the mutation's timestamp.
      ts++;
      send({ type: responseType, requestId: msg.requestId, success: true, result: answer.value ?? null, ts: encodeTs(ts), logLines: [] });
      send({ type: 'Transition', startVersion: version(querySet, ts - 1), endVersion: version(querySet, ts), modifications: [] });
    });
  });
  return peer;
}
