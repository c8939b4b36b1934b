// The loopback web bridge: serves the built renderer and the same dispatch the Electron IPC uses.
// It binds 127.0.0.1 only and refuses requests from foreign Origins or Hosts (so other sites and
// DNS rebinding cannot reach it). Any local process can fetch a loopback page, so no secret is
// ever in one: the bridge prints a one-time link with a random key in its fragment (never sent in
// a request line, so not in logs); the opening page posts the key once and gets an HttpOnly
// SameSite=Strict cookie, which every page, file and API call then needs. A used link is spent;
// the bridge hands out the next one (printed in the terminal that started it).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { Core } from '../features/createCore';
import { BridgeError, internalError, sendBridgeError, sendJson } from './bridgeError';
import type { UploadStore } from './uploadStore';

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
  /** Called with the next one-time link each time one is used (the CLI prints it). */
  onNextLink?: (link: string) => void;
}

export interface RunningBridge {
  server: Server;
  url: string;
  /** The one-time link not yet used: `url` with `#k=<key>`. */
  link(): string;
  close(): Promise<void>;
}

/** The opening page's path: the only ones served without the cookie are it and `/api/session`. */
const OPEN_SCRIPT = '/__open.js';
const LINK_KEY = 'k';

export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const newSecret = () => randomBytes(32).toString('base64url');
  let linkKey = newSecret();
  /** Cookie values handed out by this launch; they end with it. */
  const sessions = new Set<string>();
  const indexHtml = readIndex(options.rendererDir);
  const sseClients = new Set<ServerResponse>();
  let origin = '';
  // Cookies are per host, not per port: two bridges on 127.0.0.1 must not overwrite each other's.
  let cookieName = '';

  const unsubscribe = options.core.bus.subscribe((name, payload) => {
    const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const res of sseClients) res.write(frame);
  });

  const sameSecret = (given: unknown, secret: string) => {
    if (typeof given !== 'string' || !given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(secret);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const hasSession = (req: IncomingMessage) => {
    const value = cookieValue(req.headers.cookie, cookieName);
    return [...sessions].some((s) => sameSecret(value, s));
  };
  const link = () => `${origin}/#${LINK_KEY}=${linkKey}`;

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!(err instanceof BridgeError)) console.error('web bridge:', err);
      // A refusal sent before its body was read closes the connection: the rest is not wanted.
      if (!res.headersSent) sendBridgeError(res, err instanceof BridgeError ? err : internalError(), !req.complete);
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    const [hostName] = host.split(':');
    if (hostName !== '127.0.0.1' && hostName !== 'localhost') throw new BridgeError(421, 'wrong_host', 'Wrong host', 'Yanlış sunucu adı');
    const reqOrigin = req.headers.origin;
    const allowedOrigins = [origin, origin.replace('127.0.0.1', 'localhost')];
    if (reqOrigin !== undefined && !allowedOrigins.includes(reqOrigin)) throw new BridgeError(403, 'foreign_origin', 'Foreign origin', 'Yabancı kaynak');

    const url = parseUrl(req.url ?? '/', origin);
    if (url.pathname === '/api/session') {
      res.setHeader('Cache-Control', 'no-store');
      if (req.method !== 'POST') throw new BridgeError(405, 'method_not_allowed', 'POST only', 'Yalnızca POST');
      const body = await readJson(req);
      if (!sameSecret((body as { key?: unknown } | null)?.key, linkKey)) throw badKey();
      linkKey = newSecret();
      const session = newSecret();
      sessions.add(session);
      res.setHeader('Set-Cookie', `${cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/`);
      sendJson(res, 200, { ok: true, value: {} });
      options.onNextLink?.(link());
      return;
    }
    if (url.pathname === OPEN_SCRIPT && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'Content-Type': MIME['.js'], 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      res.end(OPEN_JS);
      return;
    }
    const signedIn = hasSession(req);
    if (url.pathname.startsWith('/api/')) {
      res.setHeader('Cache-Control', 'no-store');
      if (!signedIn) throw badCookie();
      const download = /^\/api\/download\/([\w-]+)$/.exec(url.pathname);
      if (req.method === 'GET' && (url.pathname === '/api/events' || download)) {
        if (download?.[1]) return options.uploads.sendDownload(download[1], res);
        res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        sseClients.add(res);
        req.on('close', () => sseClients.delete(res));
        return;
      }
      if (req.method !== 'POST') throw new BridgeError(405, 'method_not_allowed', 'POST only', 'Yalnızca POST');
      if (url.pathname === '/api/upload') {
        const name = url.searchParams.get('name') ?? '';
        const id = await options.uploads.receive(req, name);
        return sendJson(res, 200, { ok: true, value: { uploadId: id } });
      }
      const call = /^\/api\/call\/(\w+)$/.exec(url.pathname);
      if (!call?.[1]) throw new BridgeError(404, 'no_route', 'No such route', 'Böyle bir yol yok');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new BridgeError(415, 'json_only', 'JSON only', 'Yalnızca JSON');
      const body = await readJson(req);
      return sendJson(res, 200, await options.core.dispatch(call[1], body));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new BridgeError(405, 'method_not_allowed', 'GET only', 'Yalnızca GET');
    if (!signedIn) {
      // Not the app: the page that trades the link's key for the cookie (or says the link is spent).
      res.writeHead(401, { 'Content-Type': MIME['.html'], 'Cache-Control': 'no-store', 'Content-Security-Policy': WEB_CSP, 'Referrer-Policy': 'no-referrer' });
      res.end(OPEN_HTML);
      return;
    }
    serveStatic(url.pathname, res);
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    res.setHeader('Content-Security-Policy', WEB_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const rel = normalize(decodePath(pathname)).replace(/^([/\\])+/, '');
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
  cookieName = `kafkasder_bridge_${port}`;

  return {
    server,
    url: `${origin}/`,
    link,
    close: async () => {
      unsubscribe();
      for (const res of sseClients) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readIndex(rendererDir: string): string {
  const file = join(rendererDir, 'index.html');
  if (!existsSync(file)) {
    throw new Error(`The renderer is not built (${file} is missing). Run "npm run build:renderer" first.`);
  }
  return readFileSync(file, 'utf8');
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

const OPEN_HTML = `<!doctype html>
<html lang="tr"><head><meta charset="utf-8"><title>Kafkasder Panel</title><script src="${OPEN_SCRIPT}" defer></script></head>
<body style="font-family: sans-serif; margin: 2rem"><p id="status">Kafkasder Panel açılıyor… / Opening Kafkasder Panel…</p></body></html>
`;

// Trades the link's key for the cookie, then loads the app without the key in the address bar or history.
const OPEN_JS = `(() => {
  const status = document.getElementById('status');
  const spent = 'Bu bağlantı kullanılmış ya da geçersiz: "npm run web" penceresinde yazan yeni bağlantıyı açın. / This link was used or is not valid: open the new link shown where "npm run web" runs.';
  const key = new URLSearchParams(location.hash.slice(1)).get('${LINK_KEY}');
  history.replaceState(null, '', '/');
  if (!key) { status.textContent = spent; return; }
  fetch('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key }) })
    .then((res) => { if (res.ok) location.replace('/'); else status.textContent = spent; }, () => { status.textContent = spent; });
})();
`;

const badKey = () => new BridgeError(401, 'link_used', 'This link was used or is not valid', 'Bu bağlantı kullanılmış ya da geçersiz');
const badCookie = () => new BridgeError(401, 'not_opened', 'Open the app from the link the bridge printed', 'Uygulamayı köprünün yazdığı bağlantıdan açın');

const badPath = () => new BridgeError(400, 'bad_path', 'Malformed request path', 'Geçersiz istek yolu');

function parseUrl(raw: string, origin: string): URL {
  try {
    return new URL(raw, origin);
  } catch {
    throw badPath();
  }
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    throw badPath();
  }
}

const jsonTooLarge = () =>
  new BridgeError(413, 'request_too_large', `A request may carry at most ${MAX_JSON_BYTES / 1024 / 1024} MiB`, `Bir istek en çok ${MAX_JSON_BYTES / 1024 / 1024} MiB taşıyabilir`);

/** The JSON body of a call: an over-size body is refused before (or as soon as) it is read. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  if (Number(req.headers['content-length']) > MAX_JSON_BYTES) throw jsonTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Keep draining (not destroying) so the 413 can still be sent on this connection.
    if (size > MAX_JSON_BYTES) over = true;
    else chunks.push(chunk as Buffer);
  }
  if (over) throw jsonTooLarge();
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BridgeError(400, 'bad_json', 'The request body is not valid JSON', 'İstek gövdesi geçerli JSON değil');
  }
}
