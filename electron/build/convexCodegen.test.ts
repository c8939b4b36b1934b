// The committed convex/_generated and convex/tsconfig.json are what the real Convex CLI writes
// (run here, offline, in a copy of the project): a first `npm start` leaves the tree clean.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runConvexCodegen } from './convexCodegen';

const root = fileURLToPath(new URL('../..', import.meta.url));

it('the committed generated code is what the real Convex CLI writes', { timeout: 180_000 }, () => {
  const copy = mkdtempSync(join(tmpdir(), 'codegen-'));
  try {
    cpSync(join(root, 'convex'), join(copy, 'convex'), { recursive: true, filter: (src) => !src.endsWith('tsconfig.json') && !src.includes('_generated') });
    cpSync(join(root, 'shared'), join(copy, 'shared'), { recursive: true });
    writeFileSync(join(copy, 'package.json'), readFileSync(join(root, 'package.json')));
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'junction');
    runConvexCodegen(copy);
    const files = ['tsconfig.json', ...readdirSync(join(copy, 'convex', '_generated')).map((f) => `_generated/${f}`)];
    expect(files.sort()).toEqual(['tsconfig.json', ...readdirSync(join(root, 'convex', '_generated')).map((f) => `_generated/${f}`)].sort());
    for (const f of files) expect(readFileSync(join(copy, 'convex', f), 'utf8'), f).toBe(readFileSync(join(root, 'convex', f), 'utf8'));
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
