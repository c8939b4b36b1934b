// Test stand-in for the Convex local backend binary (the real one cannot be downloaded here). It
// answers what the CLI and the launcher ask of it: GET /instance_name, and deployment environment
// variables (kept in its storage folder, as the real backend keeps them in its database). Like the
// real binary it stops on SIGTERM; it is named like the real binary so it can be found by its
// command line.
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const arg = (name) => process.argv[process.argv.indexOf(name) + 1];
const name = arg('--instance-name');
const storage = arg('--local-storage');
mkdirSync(storage, { recursive: true });

if (process.argv.includes('--rehearsal')) {
  // The rehearsal backend in this process (so the command line still names convex-local-backend,
  // as the launcher's leftover sweep looks for): its data in the storage folder, as the real one's.
  const main = fileURLToPath(new URL('../../../../live/rehearsal/main.ts', import.meta.url));
  process.argv = [process.argv[0], main, '--port', arg('--port'), '--site-port', arg('--site-proxy-port'), '--data', storage, '--instance-name', name];
  await import(pathToFileURL(main).href);
} else {
  serveStandIn();
}

function serveStandIn() {
const envFile = join(storage, 'env.json');
const load = () => {
  try {
    return JSON.parse(readFileSync(envFile, 'utf8'));
  } catch {
    return {};
  }
};

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/instance_name') return res.end(name);
  const m = /^\/env\/([A-Z0-9_]+)$/.exec(url.pathname);
  if (m && req.method === 'GET') {
    const env = load();
    if (!(m[1] in env)) return res.writeHead(404).end();
    return res.end(env[m[1]]);
  }
  if (m && req.method === 'POST') {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      writeFileSync(envFile, JSON.stringify({ ...load(), [m[1]]: body }));
      res.end('ok');
    });
    return;
  }
  res.writeHead(404).end();
});
server.listen(Number(arg('--port')), '127.0.0.1');
createServer((_req, res) => res.end('site')).listen(Number(arg('--site-proxy-port')), '127.0.0.1');
}
