// `npm run convex:codegen`: writes convex/_generated and convex/tsconfig.json exactly as the real
// Convex CLI writes them under `npm start` (`convex dev` creates the tsconfig once and its push
// writes the component-aware api.js), so the first start leaves the working tree clean. Offline:
// `codegen --init --system-udfs` makes the tsconfig, and `deploy --debug-bundle-path` runs the
// push's own codegen and stops before sending anything (the URL it names is never called).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function runConvexCodegen(root: string): void {
  const cli = join(root, 'node_modules', 'convex', 'bin', 'main.js');
  const bundle = mkdtempSync(join(tmpdir(), 'convex-codegen-'));
  // A deployment named here wins over one in .env.local (dotenv never overrides), and empty
  // values keep .env.local's from counting.
  const env = { ...process.env, CONVEX_DEPLOYMENT: '', CONVEX_DEPLOY_KEY: '', CONVEX_SELF_HOSTED_URL: 'http://127.0.0.1:9', CONVEX_SELF_HOSTED_ADMIN_KEY: 'offline-codegen' };
  try {
    for (const args of [
      ['codegen', '--init', '--system-udfs', '--typecheck=disable'],
      ['deploy', '--debug-bundle-path', bundle, '-y', '--typecheck', 'disable'],
    ]) {
      const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`convex ${args[0]} exited ${r.status}:\n${r.stderr}`);
    }
  } finally {
    rmSync(bundle, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) runConvexCodegen(fileURLToPath(new URL('../..', import.meta.url)));
