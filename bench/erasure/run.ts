// The erasure acceptance at its full size (issue #25 item 4): convex/erasures.test.ts with
// 40,000 stored beneficiaries and 100,000 deliveries under convex-test's transaction limits. It
// takes minutes (convex-test scans a whole table per index lookup), so the suite runs the same
// file at a twentieth of the stored data; this prints the batches, the reads per batch and the times.
// ERASURE_SIZE=N runs it at N beneficiaries and 2.5 N deliveries instead.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const vitest = `${root}/node_modules/vitest/vitest.mjs`;
const result = spawnSync(process.execPath, [vitest, 'run', '-c', '.ci/vitest.config.ts', 'convex/erasures.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ERASURE_SIZE: process.env.ERASURE_SIZE ?? 'full' },
});
process.exit(result.status ?? 1);
