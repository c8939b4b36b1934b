// Writes live/rehearsal/convexModules.ts: the explicit module map convex-test needs
// outside Vite (where import.meta.glob does not exist). Run by `npm run convex:codegen`; a unit
// test fails when the map and the convex/ folder disagree.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { convexModulePaths, renderConvexModules } from './convexModuleList';

const root = fileURLToPath(new URL('../..', import.meta.url));
const target = `${root}/live/rehearsal/convexModules.ts`;
writeFileSync(target, renderConvexModules(convexModulePaths(root)));
console.log(`wrote ${target}`);
