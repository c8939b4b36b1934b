// A module-loader hook for the rehearsal backend's own process only: convex-test keeps its
// database, scheduler and call context module-private, and the rehearsal backend needs them to
// persist documents, re-arm scheduled functions after a restart, journal read and write sets and
// index its tables. The hook appends an export of those bindings to convex-test's module text;
// nothing else of it changes.
export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (!/\/node_modules\/convex-test\/dist\/index\.js$/.test(url)) return result;
  const source = `${String(result.source)}
export { convexGlobalStorage as __convexGlobalStorage, executionContextStorage as __executionContextStorage, runScheduledFunction as __runScheduledFunction, evaluateFilter as __evaluateFilter, evaluateFieldPath as __evaluateFieldPath };
`;
  return { ...result, source };
}
