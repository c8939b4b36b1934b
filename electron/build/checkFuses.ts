// `npm run check:fuses [APP...]`: reads the Electron fuses back from built apps (by default every
// app under out/ that electron-builder left there) and fails when one differs from
// electron-builder.yml. Exit 0 all as configured, 1 a fuse differs, 2 nothing to check.
import { fileURLToPath } from 'node:url';
import { builtApps, checkBuiltApp, loadBuilderConfig, REQUIRED_FUSES, wireFor } from './fuses';

const root = fileURLToPath(new URL('../..', import.meta.url));
const config = await loadBuilderConfig(root);
for (const [fuse, value] of Object.entries(REQUIRED_FUSES)) {
  if (config.electronFuses?.[fuse] !== value) {
    console.error(`electron-builder.yml: electronFuses.${fuse} must be ${value}`);
    process.exit(1);
  }
}
const expected = await wireFor(config);
const apps = process.argv.length > 2 ? process.argv.slice(2) : builtApps(`${root}out`, config.productName ?? 'Kafkasder Panel', 'kafkasder-panel');
if (apps.length === 0) {
  console.error('No built app under out/. Build one first: npm run build && npx electron-builder --dir (downloads Electron).');
  process.exit(2);
}
let failed = false;
for (const app of apps) {
  const mismatches = await checkBuiltApp(app, expected);
  console.log(mismatches.length === 0 ? `ok      ${app}` : `WRONG   ${app}`);
  for (const m of mismatches) console.log(`        ${m.fuse}: expected ${m.expected}, found ${m.actual}`);
  failed ||= mismatches.length > 0;
}
process.exit(failed ? 1 : 0);
