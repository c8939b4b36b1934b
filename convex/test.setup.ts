/// <reference types="vite/client" />
// Shared by the convex-test suites: the schema plus every module, including ./_generated, which
// convex-test needs to find the functions folder.
import { convexTest } from 'convex-test';
import schema from './schema';

export const modules = import.meta.glob('./**/*.ts');

export function newTest() {
  return convexTest(schema, modules);
}
