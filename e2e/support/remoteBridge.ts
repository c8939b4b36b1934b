// For e2e/connection.spec.ts: the web bridge over a core whose backend is a Convex deployment URL
// (ConvexGateway), as the desktop app runs it, instead of the demo's in-memory backend.
// Usage: tsx e2e/support/remoteBridge.ts --backend URL --data-dir DIR; prints the bridge's one-time link.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConvexGateway } from '../../electron/services/backend/convexGateway';
import { createCore } from '../../electron/services/core/createCore';
import { SettingsStore } from '../../electron/services/settings/settingsStore';
import { startBridge } from '../../electron/web/bridgeServer';
import { UploadStore } from '../../electron/web/uploadStore';

const { values } = parseArgs({ options: { backend: { type: 'string' }, 'data-dir': { type: 'string' } } });
const url = values.backend!;
const dataDir = values['data-dir']!;
const uploads = new UploadStore(`${dataDir}/web-uploads`);
const core = createCore({
  host: 'web',
  version: '0.0.0-e2e',
  backend: { kind: 'convex', url, source: 'env' },
  gateway: new ConvexGateway(url, { timeoutMs: 60_000 }),
  settings: new SettingsStore(dataDir),
  dataDir,
  files: uploads,
});
const bridge = await startBridge({ core, rendererDir: fileURLToPath(new URL('../../dist/renderer', import.meta.url)), uploads, port: 0 });
console.log(`bridge ${bridge.link()}`);
const stop = async () => {
  await bridge.close();
  await core.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
