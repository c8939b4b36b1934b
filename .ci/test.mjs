// `npm test`: the type check and the lint side by side (two cores), then the unit tests, then
// the e2e suite; stops at the first failure with its exit code. Portable (no shell operators), so
// it runs the same on Windows.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (script) =>
  new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const failed = (codes) => codes.find((code) => code !== 0);
const first = failed(await Promise.all([run('typecheck'), run('lint')]));
if (first !== undefined) process.exit(first);
for (const script of ['test:unit', 'test:e2e']) {
  const code = await run(script);
  if (code !== 0) process.exit(code);
}
