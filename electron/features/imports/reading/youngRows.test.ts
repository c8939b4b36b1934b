import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NO_PRETENURING_FLAG } from './youngRows';

const root = fileURLToPath(new URL('../../../..', import.meta.url));

/** V8's cache tag of a fresh Node process: it changes with every V8 flag that is set. */
function tagOf(args: string[], script: string): string {
  const run = spawnSync(process.execPath, [...args, '--input-type=module', '-e', `${script}\nconsole.log((await import('node:v8')).cachedDataVersionTag());`], {
    cwd: root,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout.trim().split('\n').at(-1)!;
}

describe('reading a file keeps its rows young', () => {
  it('turns off allocation-site pretenuring for the process before the first chunk, as the flag on the command line would', () => {
    const plain = tagOf([], '');
    const flagged = tagOf([NO_PRETENURING_FLAG], '');
    expect(flagged).not.toBe(plain); // the tag does tell the flag
    const read = tagOf(
      ['--import', 'tsx'],
      `import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { csvChunks } from './electron/features/imports/reading/csvChunks';
const file = join(mkdtempSync(join(tmpdir(), 'young-')), 'a.csv');
writeFileSync(file, 'Ad;TC\\nAyşe;10000000146\\n');
for await (const chunk of csvChunks(file, { encoding: 'utf-8', delimiter: ';' })) if (chunk.records < 1) throw new Error('no rows');`,
    );
    expect(read).toBe(flagged);
  });
});
