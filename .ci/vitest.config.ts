import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Unit and integration tests run under Node; Convex functions run under convex-test in the
// edge-runtime, as Convex's own docs set it up.
export default defineConfig({
  root,
  test: {
    // Two test files at a time on two cores (Vitest's default would be one: cores − 1). Many files
    // spend most of their time waiting on processes of their own (rehearsal backends, office PCs,
    // the CLI); while one waits, the other's tests use the core.
    maxWorkers: 2,
    // The CLI tests run the command as a user does, from its bundle: built from the current code first.
    globalSetup: ['electron/build/buildCli.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['electron/**/*.test.ts', 'renderer/**/*.test.ts', '.ci/**/*.test.ts', 'bench/**/*.test.ts', 'live/rehearsal/**/*.test.ts', 'live/journeys/**/*.test.ts'],
          // electron/main is Electron-only except its pure rules (senderPolicy); those tests never load electron.
          // Core tests talk to a rehearsal backend process over the real client: slower than in-process.
          testTimeout: 60_000,
          // A hook may start a backend process: on two busy cores that can take longer than 10 s.
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Pure functions with no state of their own: one module graph per worker instead of one per
          // file (importing it again for each file cost more CPU than their tests).
          name: 'domain',
          environment: 'node',
          include: ['shared/**/*.test.ts'],
          isolate: false,
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'convex',
          // Each file builds its own convexTest(schema, modules) deployment, so files need no fresh
          // module graph each: without one per file the project takes about a third less CPU.
          isolate: false,
          environment: 'edge-runtime',
          include: ['convex/**/*.test.ts'],
          server: { deps: { inline: ['convex-test'] } },
          testTimeout: 30_000,
        },
      },
    ],
  },
});
