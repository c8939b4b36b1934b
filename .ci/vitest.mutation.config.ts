import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// The unit config for one mutation group: only that group's tests (KAFKASDER_MUTATION_TESTS, set
// by .ci/stryker.config.mjs), without the CLI build (no group runs the CLI bundle).
const tests = JSON.parse(process.env.KAFKASDER_MUTATION_TESTS ?? '[]') as string[];
const projects = base.test!.projects as { test: { include: string[] } }[];

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    globalSetup: [],
    projects: projects.map((p) => ({ ...p, test: { ...p.test, include: tests.filter((t) => matches(p.test.include, t)) } })),
  },
});

function matches(globs: string[], file: string): boolean {
  const toRegExp = (glob: string) =>
    new RegExp(`^${glob.split('**/').map((part) => part.split('*').map((t) => t.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')).join('(?:.*/)?')}$`);
  return globs.some((g) => toRegExp(g).test(file));
}
