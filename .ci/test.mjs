// `npm test`: the type check, the lint and the build side by side (two cores), then the unit
// tests, then the e2e suite over that build; stops at the first failure with its exit code.
// Portable (no shell operators), so it runs the same on Windows.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (script) =>
  new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const failed = (codes) => codes.find((code) => code !== 0);
const first = failed(await Promise.all([run('typecheck'), run('lint'), run('build')]));
if (first !== undefined) process.exit(first);
for (const script of ['test:unit', 'test:e2e:built']) {
  const code = await run(script);
  if (code !== 0) process.exit(code);
}
