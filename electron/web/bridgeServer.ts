// The loopback web bridge: serves the built renderer and the same dispatch the Electron IPC uses.
// It binds 127.0.0.1 only, requires a random per-launch token on every API call, and refuses
// requests from foreign Origins or Hosts (so other sites and DNS rebinding cannot reach it).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { Core } from '../services/core/createCore';
import type { UploadStore } from './uploadStore';

export const TOKEN_HEADER = 'x-kafkasder-token';
const MAX_JSON_BYTES = 8 * 1024 * 1024;

/** Same policy as the Electron window, minus what only Electron needs. */
export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface BridgeOptions {
  core: Core;
  rendererDir: string;
  uploads: UploadStore;
  port: number;
  token?: string;
}

export interface RunningBridge {
  server: Server;
  url: string;
  token: string;
  close(): Promise<void>;
}

export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const indexHtml = readIndex(options.rendererDir, token);
  const sseClients = new Set<ServerResponse>();
  let origin = '';

  const unsubscribe = options.core.bus.subscribe((name, payload) => {
    const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const res of sseClients) res.write(frame);
  });

  const tokenOk = (given: string | null | undefined) => {
    if (!given) return false;
    const b = Buffer.from(given);
    return b.length === tokenBytes.length && timingSafeEqual(b, tokenBytes);
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: String(err) } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    const [hostName] = host.split(':');
    if (hostName !== '127.0.0.1' && hostName !== 'localhost') return refuse(res, 421, 'wrong host');
    const reqOrigin = req.headers.origin;
    const allowedOrigins = [origin, origin.replace('127.0.0.1', 'localhost')];
    if (reqOrigin !== undefined && !allowedOrigins.includes(reqOrigin)) return refuse(res, 403, 'foreign origin');

    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/api/')) {
      res.setHeader('Cache-Control', 'no-store');
      const download = /^\/api\/download\/([\w-]+)$/.exec(url.pathname);
      if (req.method === 'GET' && (url.pathname === '/api/events' || download)) {
        // EventSource and plain download links cannot send headers: these GET routes take the
        // token as a query parameter.
        if (!tokenOk(url.searchParams.get('token'))) return refuse(res, 401, 'bad token');
        if (download?.[1]) return options.uploads.sendDownload(download[1], res);
        res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        sseClients.add(res);
        req.on('close', () => sseClients.delete(res));
        return;
      }
      if (!tokenOk(req.headers[TOKEN_HEADER] as string | undefined)) return refuse(res, 401, 'bad token');
      if (req.method !== 'POST') return refuse(res, 405, 'POST only');
      if (url.pathname === '/api/upload') {
        const name = url.searchParams.get('name') ?? 'upload';
        const id = await options.uploads.receive(req, name);
        return sendJson(res, 200, { ok: true, value: { uploadId: id } });
      }
      const call = /^\/api\/call\/(\w+)$/.exec(url.pathname);
      if (!call?.[1]) return refuse(res, 404, 'no such route');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'JSON only');
      const body = await readJson(req);
      return sendJson(res, 200, await options.core.dispatch(call[1], body));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'GET only');
    serveStatic(url.pathname, res);
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    res.setHeader('Content-Security-Policy', WEB_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    const file = join(options.rendererDir, rel);
    const inside = file.startsWith(options.rendererDir + sep);
    if (rel === '' || rel === 'index.html' || !inside || !existsSync(file) || !statSync(file).isFile()) {
      // Unknown paths get the app shell: the renderer routes on the client.
      res.writeHead(200, { 'Content-Type': MIME['.html'], 'Cache-Control': 'no-store' });
      res.end(indexHtml);
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  origin = `http://127.0.0.1:${port}`;

  return {
    server,
    url: `${origin}/`,
    token,
    close: async () => {
      unsubscribe();
      for (const res of sseClients) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readIndex(rendererDir: string, token: string): string {
  const file = join(rendererDir, 'index.html');
  if (!existsSync(file)) {
    throw new Error(`The renderer is not built (${file} is missing). Run "npm run build:renderer" first.`);
  }
  const meta = `<meta name="kafkasder-bridge-token" content="${token}">`;
  return readFileSync(file, 'utf8').replace('</head>', `${meta}\n</head>`);
}

function refuse(res: ServerResponse, status: number, reason: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(reason);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) throw new Error('request too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}
