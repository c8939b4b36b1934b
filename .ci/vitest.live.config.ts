import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// `npm run test:live`: the live suite against the deployment in CONVEX_URL (see README). Its
// files end in .live.ts, so `npm test` (vitest.config.ts) never picks them up.
export default defineConfig({
  root,
  test: {
    environment: 'node',
    include: ['live/**/*.live.ts'],
    testTimeout: 30 * 60_000,
    hookTimeout: 5 * 60_000,
    // One scenario at a time: they share the deployment.
    fileParallelism: false,
  },
});
