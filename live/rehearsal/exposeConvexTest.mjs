// A module-loader hook for the rehearsal backend's own process only: convex-test keeps its
// database, scheduler and call context module-private, and the rehearsal backend needs them to
// persist documents, re-arm scheduled functions after a restart, journal read and write sets and
// index its tables. The hook appends an export of those bindings to convex-test's module text.
//
// It changes convex-test's validator check in two ways:
// - `v.record(keys, values)` is checked as the real backend checks it (crates/common/src/schemas/
//   validator.rs: an object whose every key matches `keys` and every value `values`); convex-test
//   lets any value through, so a wrong argument or document passed here and failed on a real one.
// - For speed: convex-test checks a value against a union by trying each member and catching the
//   error it throws, and an Error captures a stack trace. An import's arguments and documents are
//   full of unions (optional cells, statuses): those throws took about a third of the backend's
//   CPU in a 10,000-row import. Members the value plainly cannot match (another primitive type,
//   another literal) are skipped before the try; every member that could match is checked as
//   before, and a value matching none gets the same error.
const OBJECT_CASE = `        case "object": {
            if (typeof value !== "object") {`;
const RECORD_CASE = `        case "record": {
            if (typeof value !== "object" || value === null || !isSimpleObject(value)) {
                throw new Error(\`Validator error: Expected a record, got \\\`\${value}\\\`\`);
            }
            for (const [k, field] of Object.entries(value)) {
                // The wire never carries an undefined field (convexToJson drops it).
                if (field === undefined) continue;
                validateValidator(validator.keys, k);
                validateValidator(validator.values.fieldType, field);
            }
            return;
        }
`;
const UNION_TRY = `        case "union": {
            let isValid = false;
            for (const v of validator.value) {
                try {`;

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (!/\/node_modules\/convex-test\/dist\/index\.js$/.test(url)) return result;
  const text = String(result.source);
  // A convex-test whose validator check reads otherwise must be looked at, not silently left as it was.
  if (!text.includes(UNION_TRY) || !text.includes(OBJECT_CASE)) throw new Error('exposeConvexTest.mjs: convex-test validateValidator changed; update the hook');
  const checked = text
    .replace(UNION_TRY, UNION_TRY.replace('                try {', '                if (__cannotMatch(v, value)) continue;\n                try {'))
    .replace(OBJECT_CASE, RECORD_CASE + OBJECT_CASE);
  const source = `${checked}
/** True only when validateValidator(validator, value) would throw at its first check. */
function __cannotMatch(validator, value) {
    switch (validator.type) {
        case "null": return value !== null;
        case "number": case "bigint": case "boolean": case "string": return typeof value !== validator.type;
        case "literal": return value !== validator.value;
        case "id": return typeof value !== "string";
        case "array": return !Array.isArray(value);
        case "object": case "record": return typeof value !== "object" || value === null || Array.isArray(value);
        default: return false;
    }
}
export { convexGlobalStorage as __convexGlobalStorage, executionContextStorage as __executionContextStorage, runScheduledFunction as __runScheduledFunction, evaluateFilter as __evaluateFilter, evaluateFieldPath as __evaluateFieldPath };
`;
  return { ...result, source };
}
