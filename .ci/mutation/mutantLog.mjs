// A Stryker reporter that keeps what a run measured before it ends. Stryker writes its reports,
// the incremental file included, only at the end of a run: on the shared two-core machine a group
// can be stopped before that. This reporter
// - writes each mutant's result as it is known, one JSON line each, to
//   reports/mutation/progress/<group>.jsonl (readable while the run goes on), and
// - after each mutant rewrites the group's incremental file (.ci/mutation/incremental/<group>.json)
//   with everything known so far, in the form Stryker reads back: a stopped run, started again,
//   re-tests only the mutants it had not reached (Stryker's own file replaces it at a run's end).
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { PluginKind, commonTokens, declareClassPlugin } from '@stryker-mutator/api/plugin';

class MutantLog {
  static inject = [commonTokens.options];
  file = `reports/mutation/progress/${process.env.MUTATION_GROUP}.jsonl`;
  /** Tests of the dry run, as the report's testFiles (by file, relative to the project). */
  testFiles = {};
  /** Mutant results so far, by file relative to the project. */
  results = new Map();
  sources = new Map();

  constructor(options) {
    this.incrementalFile = options.incremental ? options.incrementalFile : null;
    mkdirSync('reports/mutation/progress', { recursive: true });
    writeFileSync(this.file, '');
  }

  onDryRunCompleted({ result }) {
    for (const t of result.tests) {
      const file = t.fileName ? relative(process.cwd(), t.fileName) : '';
      const entry = (this.testFiles[file] ??= { source: file ? readFileSync(file, 'utf8') : undefined, tests: [] });
      // Stryker's positions are 0-based, the report's 1-based (as its own report writes them).
      const location = t.startPosition ? { start: { line: t.startPosition.line + 1, column: t.startPosition.column + 1 } } : undefined;
      entry.tests.push({ id: t.id, name: t.name, location });
    }
  }

  onMutantTested(m) {
    const line = {
      at: new Date().toISOString(),
      file: m.fileName,
      line: m.location.start.line,
      column: m.location.start.column,
      mutator: m.mutatorName,
      replacement: m.replacement,
      status: m.status,
      // How many tests ran (a survivor after none ran is the machine's, not the tests'), and why.
      tests: m.testsCompleted,
      ...(m.statusReason ? { reason: m.statusReason.slice(0, 300) } : {}),
    };
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
    if (!this.incrementalFile) return;
    const file = relative(process.cwd(), m.fileName);
    if (!this.results.has(file)) {
      this.results.set(file, []);
      this.sources.set(file, readFileSync(file, 'utf8'));
    }
    const { fileName: _f, ...result } = m;
    this.results.get(file).push(result);
    this.checkpoint();
  }

  checkpoint() {
    const files = {};
    for (const [file, mutants] of this.results) files[file] = { language: 'typescript', source: this.sources.get(file), mutants };
    const report = { schemaVersion: '1.0', thresholds: { high: 80, low: 60, break: null }, files, testFiles: this.testFiles, projectRoot: process.cwd() };
    mkdirSync(dirname(this.incrementalFile), { recursive: true });
    // Written whole, then renamed: a run stopped mid-write leaves the last complete checkpoint.
    writeFileSync(`${this.incrementalFile}.partial`, JSON.stringify(report));
    renameSync(`${this.incrementalFile}.partial`, this.incrementalFile);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'mutant-log', MutantLog)];
