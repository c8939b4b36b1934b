// The launcher's stop step on its own: the Convex CLI stops its backend only from its SIGINT
// cleanup, so stopCli must send SIGINT first, and SIGKILL only to a CLI that does not end in time.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { stopCli, terminate } from './processes';

/** A node process that reports the signals it gets on stdout; `ignore` keeps it running after SIGINT. */
async function child(onSigint: 'exit' | 'ignore'): Promise<{ proc: ChildProcess; heard: () => Promise<string> }> {
  const script = `
    process.on('SIGINT', () => { process.stdout.write('SIGINT\\n'); ${onSigint === 'exit' ? 'process.exit(0);' : ''} });
    process.on('SIGTERM', () => { process.stdout.write('SIGTERM\\n'); process.exit(0); });
    process.stdout.write('ready\\n');
    setInterval(() => {}, 60_000);`;
  const proc = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  // 'close' comes after the last output, once the process has exited.
  const closed = once(proc, 'close');
  while (!out.includes('ready')) await once(proc.stdout!, 'data');
  return { proc, heard: async () => (await closed, out.replace('ready\n', '')) };
}

describe('stopping the Convex CLI', () => {
  it('sends SIGINT (its cleanup stops the backend) and waits for the CLI to exit', async () => {
    const { proc, heard } = await child('exit');
    await stopCli(proc, 'linux', 10_000);
    expect(await heard()).toBe('SIGINT\n');
    expect(proc.exitCode).toBe(0);
    expect(proc.signalCode).toBeNull();
  });

  it('kills a CLI that has not ended by the deadline, after asking with SIGINT first', async () => {
    const { proc, heard } = await child('ignore');
    await stopCli(proc, 'linux', 300);
    expect(await heard()).toBe('SIGINT\n');
    expect(proc.signalCode).toBe('SIGKILL');
  });

  it('does nothing to a CLI that has already exited', async () => {
    const { proc, heard } = await child('exit');
    proc.kill('SIGTERM');
    await once(proc, 'exit');
    await stopCli(proc, 'linux', 300);
    expect(await heard()).toBe('SIGTERM\n');
  });

  it('terminate ends a process with SIGTERM and reports it gone', async () => {
    const { proc, heard } = await child('exit');
    expect(await terminate(proc.pid!, 'linux', 5_000)).toBe(true);
    expect(await heard()).toBe('SIGTERM\n');
  });
});
