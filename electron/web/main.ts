// `npm run web [-- --backend URL] [--port N]`: the app in a browser over the loopback bridge, with
// the demo data on a rehearsal backend it starts (and stops) itself on ports N+1 and N+2 (free ones with --port 0), or over an existing deployment
// given by URL (two web hosts on one deployment are two office PCs). It is a sandbox: its files
// (settings, secrets, uploads, exports, checks) live in a folder of its own, removed when it
// stops, so nothing it does reaches the desktop app's settings or secrets.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDemoCore } from './demoCore';
import { startBridge } from './bridgeServer';
import { createSessionDir } from './sessionDir';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '4321' }, 'data-dir': { type: 'string' }, 'link-file': { type: 'string' }, backend: { type: 'string' } },
  allowPositionals: false,
});
const port = Number(values.port);
// The demo deployment takes the next two ports (its API and site): a session given a port range stays in it.
if (!Number.isInteger(port) || port < 0 || port > 65533) {
  console.error(`Geçersiz port / invalid port: ${values.port}`);
  process.exit(2);
}

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
// --data-dir (tests) names a folder the caller owns and removes.
const session = values['data-dir'] ? null : createSessionDir();
process.on('exit', () => session?.remove());
const { core, uploads, rehearsal } = await startDemoCore({ host: 'web', dataDir: values['data-dir'] ?? session!.dir, ...(values.backend ? { backendUrl: values.backend } : { backendPort: port === 0 ? 0 : port + 1 }) });
const bridge = await startBridge({
  core,
  rendererDir,
  uploads,
  port,
  onNextLink: (link) => console.log(`Bağlantı kullanıldı; başka bir tarayıcı için / Link used; for another browser: ${link}`),
});

// The link opens the app once (its key becomes this browser's cookie); only this terminal sees it.
console.log(`Kafkasder Panel (web) → ${bridge.link()}`);
// --link-file (tests): the first link, readable by this user only.
if (values['link-file']) {
  writeFileSync(values['link-file'], bridge.link(), { mode: 0o600 });
  // Beside it, the demo deployment's address and admin key: a test holds an import at a known
  // batch through the rehearsal backend's admin endpoints (e2e/support/rehearsalHold.ts).
  if (rehearsal) writeFileSync(`${values['link-file']}.backend.json`, JSON.stringify({ url: rehearsal.url, adminKey: rehearsal.adminKey }), { mode: 0o600 });
}
console.log(
  values.backend
    ? `Sunucu / Backend: ${values.backend}. Bu oturumun dosyaları kapatınca silinir. / This session’s files are deleted when it stops.`
    : 'Demo verisi ve bu oturumun dosyaları kapatınca silinir. / Demo data and this session’s files are deleted when it stops.',
);

const stop = async () => {
  await bridge.close();
  await core.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
