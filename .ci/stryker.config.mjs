// StrykerJS over one group of promise-carrying modules (.ci/mutation/groups.mjs), chosen by
// MUTATION_GROUP; .ci/mutation/run.mjs runs every group in turn. The group's tests are handed to
// the vitest runner through KAFKASDER_MUTATION_TESTS (read by .ci/vitest.mutation.config.ts).
import { GROUPS, incrementalFile } from './mutation/groups.mjs';

const name = process.env.MUTATION_GROUP;
const group = GROUPS[name];
if (!group) throw new Error(`MUTATION_GROUP must be one of: ${Object.keys(GROUPS).join(', ')}`);
process.env.KAFKASDER_MUTATION_TESTS = JSON.stringify(group.tests);
if (group.rehearsalRig) process.env.KAFKASDER_MUTATION_RIG = '1';

export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: '.ci/vitest.mutation.config.ts', related: false },
  // MUTATION_TYPECHECK=1: mutants that do not type-check are left out before any test runs (a
  // whole-project tsc per batch of mutants: on two busy cores about a minute per mutant, so off
  // by default; without it such a mutant is run and mostly killed or listed as a survivor).
  ...(process.env.MUTATION_TYPECHECK === '1'
    ? { checkers: ['typescript'], tsconfigFile: 'tsconfig.json', typescriptChecker: { prioritizePerformanceOverAccuracy: true } }
    : {}),
  // MUTATION_MUTATE (run.mjs --survivors): only the lines where survivors were, the rest from the incremental file.
  mutate: process.env.MUTATION_MUTATE ? JSON.parse(process.env.MUTATION_MUTATE) : group.mutate,
  // Each mutant runs only the tests that reached it.
  coverageAnalysis: 'perTest',
  // The machine is shared: one test process at a time.
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 1),
  // Robust to a loaded machine (two cores shared by several sessions, Stryker at nice 19): a
  // mutant's time limit is its tests' dry-run time × 3 + 30 s (Stryker's default × 1.5 + 5 s read
  // slow tests as timeouts), and the dry run (every test once, with coverage) may take 30 min.
  // Vitest's own 60 s worker-start limit is fixed; the mutation config raises the test and hook limits.
  timeoutMS: 30_000,
  timeoutFactor: 3,
  dryRunTimeoutMinutes: 30,
  incremental: true,
  incrementalFile: incrementalFile(name),
  reporters: ['clear-text', 'json', 'progress', 'mutant-log'],
  appendPlugins: ['./.ci/mutation/mutantLog.mjs'],
  jsonReporter: { fileName: `reports/mutation/groups/${name}.json` },
  clearTextReporter: { allowColor: false, logTests: false },
  tempDirName: process.env.MUTATION_TMP ?? 'reports/.stryker-tmp',
  ignorePatterns: ['dist', 'out', 'reports', 'test-results', 'playwright-report', 'bench/.data', '.convex', 'assets', 'e2e'],
  cleanTempDir: 'always',
};
