// Lists exports nothing uses, not even their own module, with the TypeScript compiler's own parser and module
// resolution (no dependency beyond typescript). Run: `npx tsx .ci/unusedExports.ts`.
//
// An export counts as used when another file imports it by name, re-exports it, or imports its
// module whole (`import * as`, `import()`). Convex functions are called by reference instead
// (`api.records.list`, `internal.outbox.claim`), so an export of a convex/ module counts as used
// when its reference appears. Uses from tests are reported separately: an export or a public
// Convex endpoint only tests reach is dead code the tests keep alive.
// Class members (methods, properties, accessors) are checked by name: a member whose name appears
// nowhere but in its own declaration (no `x.name`, `{ name }`, 'name' anywhere) is unused; one
// whose name only tests mention is kept alive by them. By name, so a use of another thing of the
// same name keeps it: this finds members that are certainly unused, not all of them.
// It also refuses import cycles in electron/ and renderer/src/ product code, between files and
// between folders (issue #26: the layers run one way, hosts → createCore → features → core; the
// lint's layers/zones refuses an import up a layer, this the cycles within one).
// Exits 1 when it finds anything, so it can gate the lint.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const config = ts.getParsedCommandLineOfConfigFile(resolve(root, 'tsconfig.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
})!;

const rel = (file: string): string => relative(root, file).split('\\').join('/');
const isTest = (file: string): boolean =>
  /\.(test|spec|test-util)\.tsx?$/.test(file) || /^(e2e|live|bench|\.ci)\//.test(file);
// Files something outside TypeScript loads: entry points, configs, generated code.
const isEntry = (file: string): boolean =>
  /^convex\/(_generated\/|schema\.ts|http\.ts|auth\.config\.ts)/.test(file) ||
  /(^|\/)(vite|vitest|playwright)\.config\.ts$/.test(file) ||
  /^electron\/(main\/main|preload\/preload|web\/main|cli\/(bin|main)|build\/)/.test(file) ||
  file === 'renderer/src/main.tsx' ||
  /\.d\.ts$/.test(file);
const convexModule = (file: string): string | null => /^convex\/(?!_generated\/)(.+)\.ts$/.exec(file)?.[1] ?? null;

const files = config.fileNames.map((f) => resolve(f)).filter((f) => !f.includes('/node_modules/'));
const host = ts.createCompilerHost(config.options);

function resolveFrom(spec: string, from: string): string | null {
  const found = ts.resolveModuleName(spec, from, config.options, host).resolvedModule;
  return found && !found.isExternalLibraryImport ? resolve(found.resolvedFileName) : null;
}

interface Use {
  names: Set<string>;
  whole: boolean;
}
// Per exporting file: names used from production code, and from tests.
const used = new Map<string, { prod: Use; test: Use }>();
const useOf = (file: string, test: boolean): Use => {
  let u = used.get(file);
  if (!u) used.set(file, (u = { prod: { names: new Set(), whole: false }, test: { names: new Set(), whole: false } }));
  return test ? u.test : u.prod;
};
// fn: a Convex function; internal: one only the deployment itself (and tests) may call.
const exportsOf = new Map<string, { name: string; line: number; fn?: boolean; internal?: boolean }[]>();
const convexRefs = { prod: new Set<string>(), test: new Set<string>() };
// How often each name appears outside class members' own declarations, in product code and tests.
const nameUses = { prod: new Map<string, number>(), test: new Map<string, number>() };
const members: { file: string; line: number; className: string; name: string }[] = [];
// Product code's imports between files of the layered trees, for the cycle check.
const layered = (file: string): boolean => /^(electron|renderer\/src)\//.test(file) && !isTest(file);
const imports = new Map<string, Set<string>>();
const addImport = (from: string, target: string): void => {
  const [a, b] = [rel(from), rel(target)];
  if (!layered(a) || !layered(b)) return;
  if (!imports.has(a)) imports.set(a, new Set());
  imports.get(a)!.add(b);
};
const PARAMETER_PROPERTY = [ts.SyntaxKind.PublicKeyword, ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.ReadonlyKeyword];
/** A method, property or accessor of a class, or a constructor parameter that declares one. */
function isMember(node: ts.Node): node is ts.ClassElement | ts.ParameterDeclaration {
  if (ts.isParameter(node)) return ts.isConstructorDeclaration(node.parent) && (ts.getModifiers(node) ?? []).some((m) => PARAMETER_PROPERTY.includes(m.kind));
  return ts.isClassElement(node) && !ts.isConstructorDeclaration(node) && ts.isClassLike(node.parent);
}

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const name = rel(file);
  const test = isTest(name);
  const refs = test ? convexRefs.test : convexRefs.prod;
  for (const m of text.matchAll(/\b(?:api|internal)\.((?:\w+\.)+\w+)/g)) refs.add(m[1]!);
  // makeFunctionReference('users:caller') and HTTP paths name a function as 'module:name'.
  for (const m of text.matchAll(/['"`]([\w/]+):(\w+)['"`]/g)) refs.add(`${m[1]!.split('/').join('.')}.${m[2]!}`);

  const exported: { name: string; line: number; fn?: boolean; internal?: boolean }[] = [];
  const lineOf = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const target = resolveFrom(node.moduleSpecifier.text, file);
      if (target) {
        addImport(file, target);
        const use = useOf(target, test);
        if (ts.isImportDeclaration(node)) {
          const clause = node.importClause;
          if (!clause) use.whole = true; // a side-effect import
          else {
            if (clause.name) use.names.add('default');
            const bindings = clause.namedBindings;
            if (bindings && ts.isNamespaceImport(bindings)) use.whole = true;
            else if (bindings) for (const el of bindings.elements) use.names.add((el.propertyName ?? el.name).text);
          }
        } else if (!node.exportClause || ts.isNamespaceExport(node.exportClause)) use.whole = true;
        else for (const el of node.exportClause.elements) use.names.add((el.propertyName ?? el.name).text);
      }
    }
    if (isMember(node) && node.name && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name))) {
      const cls = ts.isParameter(node) ? node.parent.parent : node.parent;
      members.push({ file: name, line: lineOf(node), className: (ts.isClassLike(cls) && cls.name?.text) || '(class)', name: node.name.text.replace(/^#/, '') });
    }
    if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node) || ts.isStringLiteralLike(node)) && !(node.parent && isMember(node.parent) && node.parent.name === node)) {
      const uses = test ? nameUses.test : nameUses.prod;
      const key = node.text.replace(/^#/, '');
      uses.set(key, (uses.get(key) ?? 0) + 1);
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      const target = arg && ts.isStringLiteral(arg) ? resolveFrom(arg.text, file) : null;
      if (target) {
        addImport(file, target);
        useOf(target, test).whole = true;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  for (const stmt of source.statements) {
    const mods = ts.canHaveModifiers(stmt) ? ts.getModifiers(stmt) : undefined;
    if (!mods?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      if (ts.isExportDeclaration(stmt) && !stmt.moduleSpecifier && stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
        for (const el of stmt.exportClause.elements) exported.push({ name: el.name.text, line: lineOf(el) });
      }
      continue;
    }
    if (mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) exported.push({ name: 'default', line: lineOf(stmt) });
    else if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        // staffQuery({…}), internalMutation({…}): a Convex function, called by reference.
        const builder = d.initializer && ts.isCallExpression(d.initializer) ? d.initializer.expression.getText() : '';
        const fn = /(Query|Mutation|Action)$/.test(builder);
        if (ts.isIdentifier(d.name)) exported.push({ name: d.name.text, line: lineOf(d), fn, internal: builder.startsWith('internal') });
      }
    } else if ('name' in stmt && stmt.name && ts.isIdentifier(stmt.name as ts.Node)) {
      exported.push({ name: (stmt.name as ts.Identifier).text, line: lineOf(stmt) });
    }
  }
  exportsOf.set(file, exported);
}

// Names a barrel re-exports whole (`export * from`) count as used when the barrel's name is.
let grew = true;
while (grew) {
  grew = false;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^export \* from '([^']+)';/gm)) {
      const target = resolveFrom(m[1]!, file);
      const barrel = used.get(file);
      if (!target || !barrel) continue;
      for (const test of [false, true]) {
        const from = test ? barrel.test : barrel.prod;
        const to = useOf(target, test);
        for (const n of from.names) {
          if (to.names.has(n)) continue;
          to.names.add(n);
          grew = true;
        }
        if (from.whole && !to.whole) {
          to.whole = true;
          grew = true;
        }
      }
    }
  }
}

const unused: string[] = [];
const testOnly: string[] = [];
for (const file of files) {
  const name = rel(file);
  if (isEntry(name) || isTest(name)) continue;
  const u = used.get(file);
  const mod = convexModule(name);
  const text = readFileSync(file, 'utf8');
  for (const e of exportsOf.get(file) ?? []) {
    // Used in its own module: only the `export` is superfluous, which this check leaves alone.
    if (!e.fn && (text.match(new RegExp(`\\b${e.name}\\b`, 'g'))?.length ?? 0) > 1) continue;
    // A Convex function module is loaded whole by the runtime (and convexModules.ts): only references count.
    const ref = mod && e.fn ? `${mod.split('/').join('.')}.${e.name}` : null;
    const prod = (ref === null && u?.prod.whole) || u?.prod.names.has(e.name) || (ref !== null && convexRefs.prod.has(ref));
    if (prod) continue;
    const inTests = (ref === null && u?.test.whole) || u?.test.names.has(e.name) || (ref !== null && convexRefs.test.has(ref));
    if (inTests && e.internal) continue; // tests may drive the deployment's internal functions
    (inTests ? testOnly : unused).push(`${name}:${e.line} ${e.name}`);
  }
}

for (const m of members) {
  if (isEntry(m.file) || isTest(m.file)) continue;
  if ((nameUses.prod.get(m.name) ?? 0) > 0) continue;
  ((nameUses.test.get(m.name) ?? 0) > 0 ? testOnly : unused).push(`${m.file}:${m.line} ${m.className}.${m.name}`);
}

/** Strongly connected groups of more than one node (Tarjan): each is a cycle. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do group.push((w = stack.pop()!));
    while (w !== v);
    if (group.length > 1) out.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return out;
}
const folders = new Map<string, Set<string>>();
for (const [from, targets] of imports) {
  for (const to of targets) {
    const [a, b] = [dirname(from), dirname(to)];
    if (a === b) continue;
    if (!folders.has(a)) folders.set(a, new Set());
    folders.get(a)!.add(b);
  }
}
const circles = [...cycles(folders).map((c) => `folders ${c.join(' ↔ ')}`), ...cycles(imports).map((c) => `files ${c.join(' ↔ ')}`)];

if (circles.length > 0) console.log(`Import cycles in electron/ or renderer/src/ (${circles.length}):\n  ${circles.join('\n  ')}`);
if (unused.length > 0) console.log(`Exported, used nowhere else (${unused.length}):\n  ${unused.join('\n  ')}`);
if (testOnly.length > 0) console.log(`Exported, used only by tests (${testOnly.length}):\n  ${testOnly.join('\n  ')}`);
process.exitCode = unused.length + testOnly.length + circles.length > 0 ? 1 : 0;
