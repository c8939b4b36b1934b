// The version of the Convex functions this build of the app expects. convex/meta.ts reports the
// version pushed to a deployment; the app compares the two at every start. Raise it with any change
// an older app or older functions cannot work with (a removed or renamed function, changed
// arguments or results, a schema change that needs new code on both sides).
export const FUNCTIONS_VERSION = 1;
