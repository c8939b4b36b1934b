// `npm run web`: the app in a browser over the loopback bridge, with in-memory demo data.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDemoCore } from './demoCore';
import { startBridge } from './bridgeServer';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '4321' }, 'data-dir': { type: 'string' } },
  allowPositionals: false,
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Geçersiz port / invalid port: ${values.port}`);
  process.exit(2);
}

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const { core, uploads } = await startDemoCore({ host: 'web', dataDir: values['data-dir'] });
const bridge = await startBridge({ core, rendererDir, uploads, port });

console.log(`Kafkasder Panel (web) → ${bridge.url}`);
console.log('Demo verisi yalnızca bellekte tutulur; kapatınca silinir. / Demo data lives in memory only.');

const stop = async () => {
  await bridge.close();
  await core.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
