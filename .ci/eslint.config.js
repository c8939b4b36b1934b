// Lint rules, including the zones that say where code runs and what it may import:
// - electron is imported only by electron/main and electron/preload (the thin Electron host);
// - renderer/ and shared/ run in the sandboxed page too: no Node built-ins, no application core;
// - convex/ defines public functions only through the builders in convex/lib/functions.ts, which
//   check identity and role; other modules may not import the raw query/mutation/action builders;
// - electron/ is layered (layers.js): hosts import only features/createCore.ts and core/, a
//   feature only core/, shared/ and its own files, core/ never features/, and neither core/ nor
//   features/ a Convex function module; the renderer likewise: app/ → features/ → client/, ui/, i18n/;
// - the preload stays tiny: no zod (the core checks every input; the preload only forwards);
// - product code (electron/core, electron/features, electron/main, renderer, shared, convex) never imports live/
//   (the rehearsal backend and the live suite are development and test tools); tests and test
//   utilities may;
// - a test file is named after the module beside it (x.ts → x.test.ts), or is a scenario across
//   modules (x.scenario.test.ts).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layers } from './layers.js';

const noElectron = {
  paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron.' }],
  patterns: [{ group: ['electron/*'], message: 'Only electron/main and electron/preload may import electron.' }],
};

const noRehearsalPattern = {
  group: ['**/live/**'],
  message: 'Product code never imports live/ (the rehearsal backend and the live suite are dev/test tools); tests and test utilities may.',
};
const productNoElectron = { paths: noElectron.paths, patterns: [...noElectron.patterns, noRehearsalPattern] };
const testFiles = ['**/*.test.ts', '**/*.test-util.ts'];

const pageSafe = {
  paths: noElectron.paths,
  patterns: [
    ...noElectron.patterns,
    { group: ['node:*'], message: 'renderer/ and shared/ also run in the sandboxed page: no Node built-ins.' },
    { group: ['**/electron/core/**', '**/electron/features/**', '**/electron/main/**', '**/electron/web/**', '**/electron/cli/**'], message: 'renderer/ and shared/ may not import the application core or a host; go through the contract.' },
    noRehearsalPattern,
  ],
};

const rawConvexBuilders = {
  paths: [
    ...noElectron.paths,
    ...['./_generated/server', '../_generated/server'].map((name) => ({
      name,
      importNames: ['query', 'mutation', 'action'],
      message: 'Build public functions with convex/lib/functions.ts (identity and role checks), not the raw builders.',
    })),
  ],
  patterns: [...noElectron.patterns, noRehearsalPattern],
};

const noZodInPreload = {
  paths: [{ name: 'zod', message: 'The preload only forwards; the core checks inputs against the contract.' }],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'convex/_generated/', 'bench/.data/', 'test-results/', 'playwright-report/', 'reports/', '**/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['electron/core/**', 'electron/features/**', 'electron/web/**', 'electron/cli/**', 'electron/build/**', 'bench/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['electron/core/**', 'electron/features/**'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', productNoElectron] },
  },
  {
    files: ['electron/main/**'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [noRehearsalPattern] }] },
  },
  {
    files: ['renderer/**', 'shared/**'],
    ignores: ['renderer/vite.config.ts', '**/*.test.ts', '**/*.test-util.ts'],
    rules: { 'no-restricted-imports': ['error', pageSafe] },
  },
  {
    files: ['renderer/**/*.test.ts', 'shared/**/*.test.ts', 'shared/**/*.test-util.ts'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['convex/**'],
    ignores: ['convex/lib/functions.ts'],
    rules: { 'no-restricted-imports': ['error', rawConvexBuilders] },
  },
  {
    files: ['convex/lib/functions.ts'],
    rules: { 'no-restricted-imports': ['error', productNoElectron] },
  },
  {
    // The layers of electron/ (see layers.js): hosts → createCore → features → core.
    files: ['electron/**/*.ts', 'renderer/src/**/*.{ts,tsx}'],
    plugins: { layers },
    rules: { 'layers/zones': 'error' },
  },
  {
    // A test sits beside the module it tests and has its name, or is a scenario (layers.js).
    files: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { layers },
    rules: { 'layers/test-names': 'error' },
  },
  {
    files: ['electron/preload/**'],
    rules: { 'no-restricted-imports': ['error', noZodInPreload] },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "Identifier[name='ipcRenderer']", message: 'The renderer talks to the core only through DesktopApi.' }],
    },
  },
);
