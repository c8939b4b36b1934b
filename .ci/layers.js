// The layers of electron/ as a lint rule: hosts (main, preload, web, cli, build) assemble
// features/createCore.ts (or use a feature's standalone.ts: what a host may run without a core,
// like `kafkasder inspect`, which must start at once); createCore joins the features; each
// feature (features/<name>/, one per shared/contract/<name>.ts) uses core/ and shared/ and its
// own files; core/ is the kernel. An import is checked by the file it resolves to, so `../x` and
// `../../features/x` are judged alike.
// Tests and test utilities may reach across (a test of the CLI starts a core and its test peers).
// The renderer is layered the same way: app/ (the shell) → features/ → client/ (the one way to
// the core, host differences included), ui/ (shared widgets) and i18n/ (the hub each feature adds
// its messages to by declaration merging); a renderer feature never imports another.
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HOSTS = /^electron\/(main|preload|web|cli|build)\//;

/** What a file may not import, by where the file is: a message, or null when allowed. */
function refusal(from, to) {
  const feature = (p) => /^electron\/features\/([^/]+)\//.exec(p)?.[1];
  const inCore = from.startsWith('electron/core/');
  const inFeature = feature(from) !== undefined;
  // convex/_generated (the typed api) is the contract with the backend; function modules are the backend's own.
  if ((inCore || inFeature) && /^convex\/(?!_generated\/)/.test(to)) {
    return 'core/ and features/ reach Convex through convex/_generated only, never a function module (demo accounts live in shared/ or the demo host).';
  }
  if (inCore && (to.startsWith('electron/features/') || HOSTS.test(to))) {
    return 'core/ is the kernel: it never imports features/ or a host.';
  }
  if (inFeature && (HOSTS.test(to) || to === 'electron/features/createCore.ts' || (feature(to) !== undefined && feature(to) !== feature(from)))) {
    return `A feature imports only shared/, core/ and its own files (features/${feature(from)}/); not another feature's, createCore or a host.`;
  }
  if (HOSTS.test(from) && to.startsWith('electron/features/') && to !== 'electron/features/createCore.ts' && !/^electron\/features\/[^/]+\/standalone\.ts$/.test(to)) {
    return "Hosts import only features/createCore.ts, a feature's standalone.ts and core/: a feature's modules are reached through its channels.";
  }
  if (/^renderer\/src\/(client|ui|i18n)\//.test(from) && /^renderer\/src\/(features|app)\//.test(to)) {
    return 'renderer client/, ui/ and i18n/ sit below the features: they never import features/ or app/ (a feature adds its messages by declaration merging).';
  }
  if (from.startsWith('renderer/src/features/') && to.startsWith('renderer/src/app/')) {
    return 'A renderer feature never imports the shell (app/): the shell assembles the features.';
  }
  const page = (p) => /^renderer\/src\/features\/([^/]+)\//.exec(p)?.[1];
  if (page(from) !== undefined && page(to) !== undefined && page(to) !== page(from)) {
    return `A renderer feature imports only client/, ui/, i18n/ and its own files (features/${page(from)}/): what features share lives in ui/ or client/, or the shell (app/) hands it in.`;
  }
  return null;
}

const rule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const from = relative(root, context.filename).split('\\').join('/');
    if (/\.(test|test-util)\.ts$/.test(from)) return {};
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      let to = relative(root, resolve(dirname(context.filename), spec)).split('\\').join('/');
      if (!/\.[cm]?[jt]sx?$/.test(to)) to += '.ts';
      const message = refusal(from, to);
      if (message) context.report({ node: node.source, message });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

// Tests are found beside what they test: `x.test.ts` tests the module `x` in the same folder (a
// second file on one aspect of it: `x.<aspect>.test.ts`). A test that crosses modules (a journey
// through the app, access by role over every function) is a scenario: `<name>.scenario.test.ts`.
const MODULE_EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.cjs'];
const testNames = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const name = basename(context.filename);
    const test = /^(.+)\.test\.tsx?$/.exec(name);
    if (!test || name.endsWith('.scenario.test.ts')) return {};
    const dir = dirname(context.filename);
    const stem = test[1];
    const candidates = [stem, stem.replace(/\.[^.]+$/, '')];
    const found = candidates.some((base) => MODULE_EXTENSIONS.some((ext) => existsSync(join(dir, base + ext))));
    return {
      Program(node) {
        if (!found) {
          context.report({
            node,
            message: `${name} tests no module beside it: name a unit test after its module (${stem.replace(/\.[^.]+$/, '')}.test.ts, or x.<aspect>.test.ts beside x.ts), or a test across modules <name>.scenario.test.ts.`,
          });
        }
      },
    };
  },
};

export const layers = { rules: { zones: rule, 'test-names': testNames } };
