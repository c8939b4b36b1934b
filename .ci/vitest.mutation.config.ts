import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// The unit config for one mutation group: only that group's tests (KAFKASDER_MUTATION_TESTS, set
// by .ci/stryker.config.mjs), without the CLI build (no group runs the CLI bundle). A group whose
// tests start a rehearsal backend gets it from the rig instead, once for all its mutants.
const tests = JSON.parse(process.env.KAFKASDER_MUTATION_TESTS ?? '[]') as string[];
const rig = process.env.KAFKASDER_MUTATION_RIG === '1' ? ['.ci/mutation/rehearsalRig.ts'] : [];
const projects = base.test!.projects as { test: { name: string; include: string[] } }[];

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    globalSetup: [],
    projects: projects.map((p) => ({
      ...p,
      test: {
        ...p.test,
        include: tests.filter((t) => matches(p.test.include, t)),
        // Stryker runs at nice 19 beside other sessions' suites: a test or hook past the unit
        // config's 30-60 s there is the machine, not the mutant (Stryker's own limit catches an endless one).
        testTimeout: 180_000,
        hookTimeout: 180_000,
        ...(p.test.name === 'node' ? { globalSetup: rig } : {}),
      },
    })),
  },
});

function matches(globs: string[], file: string): boolean {
  const toRegExp = (glob: string) =>
    new RegExp(`^${glob.split('**/').map((part) => part.split('*').map((t) => t.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')).join('(?:.*/)?')}$`);
  return globs.some((g) => toRegExp(g).test(file));
}
