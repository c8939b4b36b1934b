// A Stryker reporter that writes each mutant's result as it is known, one JSON line each, to
// reports/mutation/progress/<group>.jsonl. Stryker's own reports are written only at the end of a
// run: on the shared two-core machine a group can be stopped before that, and what it measured
// until then stays readable here.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin';

class MutantLog {
  file = `reports/mutation/progress/${process.env.MUTATION_GROUP}.jsonl`;
  constructor() {
    mkdirSync('reports/mutation/progress', { recursive: true });
    writeFileSync(this.file, '');
  }
  onMutantTested(m) {
    const line = { at: new Date().toISOString(), file: m.fileName, line: m.location.start.line, column: m.location.start.column, mutator: m.mutatorName, replacement: m.replacement, status: m.status };
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'mutant-log', MutantLog)];
