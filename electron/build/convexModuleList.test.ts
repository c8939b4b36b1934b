import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { convexModulePaths, renderConvexModules } from './convexModuleList';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('convexModules.ts', () => {
  it('lists every Convex module (run `npm run convex:codegen` when this fails)', () => {
    const committed = readFileSync(`${root}/live/rehearsal/convexModules.ts`, 'utf8');
    expect(committed).toBe(renderConvexModules(convexModulePaths(root)));
    expect(committed).toContain("'./convex/_generated/api.js'");
  });
});
