// npm run test:mutation [group ...] [--report|--survivors|--force]: Stryker on each group in turn (all of
// them by default; each group's incremental file is kept in the repository, so a run re-tests only
// the mutants whose code or tests changed since it was recorded), then the groups' reports joined
// into reports/mutation/mutation.json and the score per module printed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { GROUPS, incrementalFile } from './groups.mjs';
import { REASONS } from './reasons.mjs';

// `--report`: run nothing, only join and print what the groups measured last.
// `--survivors`: mutate only the lines where the group's last report left a mutant alive; the
// incremental file carries every other mutant's result over (a re-run after new tests: Vitest's
// tests have no location for Stryker, so any change to a test file re-runs all it covers).
// `--force`: re-test every mutant (Stryker's --force), ignoring the recorded results.
const reportOnly = process.argv.includes('--report');
const force = process.argv.includes('--force');
const survivorsOnly = process.argv.includes('--survivors');
const asked = process.argv.slice(2).filter((a) => !a.startsWith('--'));
for (const name of asked) if (!GROUPS[name]) throw new Error(`no mutation group ${name}: ${Object.keys(GROUPS).join(', ')}`);
const groups = reportOnly ? [] : asked.length ? asked : Object.keys(GROUPS);

let failed = false;
for (const name of groups) {
  const mutate = survivorsOnly ? survivorLines(name) : GROUPS[name].mutate;
  if (mutate.length === 0) {
    console.log(`\n== mutation group ${name}: no survivors to run again`);
    continue;
  }
  console.log(`\n== mutation group ${name}: ${mutate.join(', ')}`);
  const env = { ...process.env, MUTATION_GROUP: name, ...(survivorsOnly ? { MUTATION_MUTATE: JSON.stringify(mutate) } : {}) };
  const recorded = existsSync(incrementalFile(name)) ? readFileSync(incrementalFile(name), 'utf8') : null;
  const run = spawnSync('npx', ['stryker', 'run', '.ci/stryker.config.mjs', ...(force ? ['--force'] : [])], { stdio: 'inherit', env });
  if (run.status !== 0) failed = true;
  // Stryker rewrites the file on every run (its paths, config, test ids): when the results and the
  // sources they were measured on are the same, the recorded file stays as it was (no change to commit).
  if (recorded !== null && existsSync(incrementalFile(name)) && sameResults(recorded, readFileSync(incrementalFile(name), 'utf8'))) {
    writeFileSync(incrementalFile(name), recorded);
  }
}

/** Whether two incremental files hold the same mutants with the same outcomes, on the same sources and tests. */
function sameResults(a, b) {
  const essence = (text) => {
    const report = JSON.parse(text);
    const files = Object.entries(report.files)
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([path, f]) => [path, f.source, f.mutants.map((m) => [m.mutatorName, m.replacement, JSON.stringify(m.location), m.status].join('|')).sort()]);
    const tests = Object.entries(report.testFiles ?? {})
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([path, f]) => [path, f.source, f.tests.map((t) => t.name).sort()]);
    return JSON.stringify([files, tests]);
  };
  return essence(a) === essence(b);
}

// The standard report over every group that has run (mutation-testing-report-schema: files by path).
const joined = { schemaVersion: '2', thresholds: { high: 80, low: 60 }, files: {}, testFiles: {}, projectRoot: process.cwd() };
const rows = [];
const left = [];
for (const name of Object.keys(GROUPS)) {
  // Stryker's report of the group's last finished run here; or the incremental file when that is
  // newer (a run stopped before its end: what it measured so far, said to be partial) or when the
  // group has not run here (the results recorded in the repository, said to be recorded).
  const finished = `reports/mutation/groups/${name}.json`;
  const incremental = incrementalFile(name);
  const mtime = (f) => (existsSync(f) ? statSync(f).mtimeMs : -1);
  const recorded = !existsSync(finished);
  const partial = !recorded && mtime(incremental) > mtime(finished) + 60_000;
  const file = recorded || partial ? incremental : finished;
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const changed = recorded ? changedSince(report) : 0;
  const label = recorded ? `${name}, recorded: not run here${changed ? `, ${changed} of its files changed since: run the group` : ''}` : partial ? `${name}, stopped: partial` : name;
  Object.assign(joined.files, report.files);
  Object.assign(joined.testFiles, report.testFiles ?? {});
  for (const [path, { mutants, source }] of Object.entries(report.files)) {
    rows.push({ group: label, path, ...score(mutants) });
    for (const m of mutants.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage')) left.push(leftOver(name, path, source, m));
  }
}
mkdirSync('reports/mutation', { recursive: true });
writeFileSync('reports/mutation/mutation.json', JSON.stringify(joined));

/** How many of the sources and test files a recorded report was measured on differ from the files now. */
function changedSince(report) {
  const sources = [...Object.entries(report.files), ...Object.entries(report.testFiles ?? {})];
  return sources.filter(([path, { source }]) => source !== undefined && (!existsSync(path) || readFileSync(path, 'utf8') !== source)).length;
}

/** `file:L-L` for each line of the group's recorded results that holds a survivor or a mutant without coverage. */
function survivorLines(name) {
  const file = incrementalFile(name);
  if (!existsSync(file)) throw new Error(`--survivors: group ${name} has no incremental file; run it whole first`);
  const ranges = new Set();
  for (const [path, { mutants }] of Object.entries(JSON.parse(readFileSync(file, 'utf8')).files)) {
    for (const m of mutants) if (m.status === 'Survived' || m.status === 'NoCoverage') ranges.add(`${path}:${m.location.start.line}-${m.location.end.line}`);
  }
  return [...ranges];
}

/** A mutant no test killed, where it is (the report's 1-based line and column) and the reason it may stay. */
function leftOver(group, path, source, m) {
  const lines = source.split('\n');
  const { start, end } = m.location;
  const line = lines[start.line - 1] ?? '';
  const code = start.line === end.line ? line.slice(start.column - 1, end.column - 1) : `${line.slice(start.column - 1)}…`;
  const why = REASONS.find(
    (r) => r.file === path && r.code === code && (r.replacement === undefined || r.replacement === m.replacement) && (!r.near || r.near.some((n) => line.includes(n))),
  );
  return { group, at: `${path}:${start.line}:${start.column}`, status: m.status, what: `${m.mutatorName} ${code.length > 60 ? `${code.slice(0, 57)}...` : code} → ${m.replacement.length > 60 ? `${m.replacement.slice(0, 57)}...` : m.replacement}`, why };
}

/** Stryker's score: killed and timed-out mutants over those that ran (compile errors and ignored ones left out). */
function score(mutants) {
  const count = (...statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
  const detected = count('Killed', 'Timeout');
  const valid = detected + count('Survived', 'NoCoverage');
  return { detected, survived: count('Survived'), noCoverage: count('NoCoverage'), valid, score: valid ? (100 * detected) / valid : 100 };
}

const all = rows.reduce((a, r) => ({ detected: a.detected + r.detected, valid: a.valid + r.valid }), { detected: 0, valid: 0 });
console.log('\nMutation score per module (killed + timeout / valid mutants):');
for (const r of rows) console.log(`  ${r.score.toFixed(1).padStart(5)} %  ${String(r.detected).padStart(4)}/${String(r.valid).padEnd(4)} survived ${String(r.survived).padStart(3)}, no coverage ${String(r.noCoverage).padStart(3)}  [${r.group}] ${r.path}`);
console.log(`  ${(all.valid ? (100 * all.detected) / all.valid : 100).toFixed(1).padStart(5)} %  ${all.detected}/${all.valid} over all modules; report: reports/mutation/mutation.json`);
const unexplained = left.filter((l) => !l.why);
console.log(`\nMutants left (survived or without coverage): ${left.length}, ${left.length - unexplained.length} with a reason in .ci/mutation/reasons.mjs:`);
for (const l of left) console.log(`  [${l.group}] ${l.at} ${l.status}: ${l.what}\n      ${l.why ? `${l.why.kind}: ${l.why.reason}` : 'NO REASON: a missing test, or add one to .ci/mutation/reasons.mjs'}`);
process.exitCode = failed ? 1 : 0;
