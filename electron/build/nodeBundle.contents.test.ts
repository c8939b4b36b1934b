// What the bundles hold, read from esbuild's metafile: the desktop app's main process needs only
// production dependencies (electron-builder ships nothing else) and carries no test or renderer
// package; the CLI starts `--help` and `inspect` without the backend client or the core, and the
// core without the messaging packages.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { cliBundle, nodeCjsBundle } from './nodeBundle';

const root = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** The package a bare specifier or a node_modules path names ('@scope/name' or 'name'). */
function packageOf(specifier: string): string {
  const parts = specifier.split('node_modules/').at(-1)!.split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

async function metafileOf(options: Parameters<typeof build>[0]): Promise<Metafile> {
  return (await build({ ...options, absWorkingDir: root, write: false, metafile: true })).metafile!;
}

/** Packages a bundle requires at run time and packages bundled into it. */
function packagesIn(meta: Metafile) {
  const outputs = Object.values(meta.outputs);
  const required = new Set(outputs.flatMap((o) => o.imports.filter((i) => i.external && !i.path.startsWith('node:')).map((i) => packageOf(i.path))));
  const bundled = new Set(outputs.flatMap((o) => Object.keys(o.inputs)).filter((p) => p.includes('node_modules/')).map(packageOf));
  return { required, bundled };
}

/** Inputs and packages loaded by an output and everything it imports statically (what runs before any dynamic import). */
function staticClosure(meta: Metafile, output: string) {
  const inputs = new Set<string>();
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (out: string) => {
    if (seen.has(out)) return;
    seen.add(out);
    const o = meta.outputs[out]!;
    for (const input of Object.keys(o.inputs)) inputs.add(input);
    for (const i of o.imports) {
      if (i.kind !== 'import-statement') continue;
      if (i.external) {
        if (!i.path.startsWith('node:')) packages.add(packageOf(i.path));
      } else visit(i.path);
    }
  };
  visit(output);
  return { inputs: [...inputs], packages: [...packages] };
}

// Test and tooling packages, and the renderer's (Vite bundles those into dist/renderer).
const DEV_ONLY = ['convex-test', '@edge-runtime/vm', 'tsx', 'antd', '@ant-design/icons', 'react', 'react-dom', 'react-i18next', 'i18next', '@tanstack/react-virtual'];

describe('the desktop main process bundle', () => {
  it('requires only production dependencies and holds no test, tooling or renderer package', async () => {
    for (const entry of ['electron/main/main.ts', 'electron/features/imports/checking/checkWorker.ts']) {
      const { required, bundled } = packagesIn(await metafileOf(nodeCjsBundle(entry, 'dist/electron/out.cjs')));
      required.delete('electron');
      // A package required at run time must be installed in the packaged app: a production
      // dependency, or one of theirs.
      for (const name of required) expect(pkg.devDependencies[name], `${entry} requires ${name}`).toBeUndefined();
      for (const name of DEV_ONLY) {
        expect(pkg.dependencies[name], `${name} is a dependency`).toBeUndefined();
        expect(required.has(name), `${entry} requires ${name}`).toBe(false);
        expect(bundled.has(name), `${entry} bundles ${name}`).toBe(false);
      }
    }
  });

  it('loads every package it requires without the packages the installer leaves out (electron-builder.yml)', async () => {
    const left = /"!node_modules\/\{([^}]+)\}\/\*\*"/.exec(readFileSync(join(root, 'electron-builder.yml'), 'utf8'))?.[1]?.split(',');
    expect(left).toContain('esbuild');
    const meta = await metafileOf(nodeCjsBundle('electron/main/main.ts', 'dist/electron/main.cjs'));
    const specifiers = [...new Set(Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external && !i.path.startsWith('node:') && i.path !== 'electron').map((i) => i.path)))];
    // The packaged app's require() as main.cjs makes it, refusing any file of a left-out package.
    const script = `
const Module = require('node:module');
const resolve = Module._resolveFilename;
const left = ${JSON.stringify(left)};
Module._resolveFilename = function (request, ...rest) {
  const file = resolve.call(this, request, ...rest);
  const hit = left.find((p) => file.replaceAll('\\\\', '/').includes('/node_modules/' + p + '/'));
  if (hit) throw new Error(request + ' loads ' + hit);
  return file;
};
for (const s of ${JSON.stringify(specifiers)}) require(s);
console.log('ok');`;
    expect(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }).trim()).toBe('ok');
  });
});

describe('the CLI bundle', () => {
  it('keeps every package outside, help and inspect load neither the backend client nor the core, and the core loads no messaging package', async () => {
    const meta = await metafileOf(cliBundle('electron/cli/main.ts', 'dist/cli'));
    expect([...packagesIn(meta).bundled]).toEqual([]);
    const entryOf = (input: string) => Object.keys(meta.outputs).find((k) => meta.outputs[k]!.entryPoint === input)!;
    const heavy = /electron\/(core\/backend\/|features\/createCore|core\/jobRunner|features\/imports\/importEngine)|convex\/_generated/;
    for (const entry of ['electron/cli/main.ts', 'electron/cli/inspect.ts']) {
      const { inputs, packages } = staticClosure(meta, entryOf(entry));
      expect(inputs.filter((i) => heavy.test(i)), entry).toEqual([]);
      expect(packages.filter((p) => p === 'convex' || p === 'exceljs' || p === 'libphonenumber-js'), entry).toEqual([]);
    }
    // The commands that need them do load them.
    const core = staticClosure(meta, entryOf('electron/cli/importCommands.ts'));
    expect(core.inputs).toContain('electron/features/createCore.ts');
    expect(core.inputs).toContain('electron/features/messaging/messaging.ts');
    // But not the messaging packages: they load at the first send (every core start paid ~0.7 s of CPU for them).
    expect(core.packages.filter((p) => ['twilio', 'nodemailer', 'handlebars'].includes(p))).toEqual([]);
  });
});
