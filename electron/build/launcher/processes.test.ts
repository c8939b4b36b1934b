// The launcher's stop step on its own: the Convex CLI stops its backend only from its SIGINT
// cleanup, so stopCli must send SIGINT first, and SIGKILL only to a CLI that does not end in time.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isAlive, stopCli, terminate, waitUntil } from './processes';

/** A node process that reports the signals it gets on stdout; `ignore` keeps it running after SIGINT. */
async function child(onSigint: 'exit' | 'ignore', onSigterm: 'exit' | 'ignore' = 'exit'): Promise<{ proc: ChildProcess; heard: () => Promise<string> }> {
  const script = `
    process.on('SIGINT', () => { process.stdout.write('SIGINT\\n'); ${onSigint === 'exit' ? 'process.exit(0);' : ''} });
    process.on('SIGTERM', () => { process.stdout.write('SIGTERM\\n'); ${onSigterm === 'exit' ? 'process.exit(0);' : ''} });
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

  it('terminate ends a process with SIGTERM and reports it gone as soon as it is', async () => {
    const { proc, heard } = await child('exit');
    // A wait as long as the test's own time: returning only when it ran out would fail the test.
    expect(await terminate(proc.pid!, 'linux', 60_000)).toBe(true);
    expect(await heard()).toBe('SIGTERM\n');
  });

  it('terminate kills a process that ignores SIGTERM once the wait is over; a process already gone counts as ended', async () => {
    const { proc, heard } = await child('exit', 'ignore');
    expect(await terminate(proc.pid!, 'linux', 300)).toBe(true);
    // Gone when terminate says so, not only once this test has seen it close.
    expect(isAlive(proc.pid!)).toBe(false);
    expect(await heard()).toBe('SIGTERM\n');
    expect(proc.signalCode).toBe('SIGKILL');
    expect(await terminate(proc.pid!, 'linux', 60_000)).toBe(true);
  });

  it('does nothing to a CLI that was killed by a signal', async () => {
    const { proc, heard } = await child('ignore', 'ignore');
    proc.kill('SIGKILL');
    await once(proc, 'exit');
    // A second stop must not wait for an exit that already happened.
    await stopCli(proc, 'linux', 60_000);
    expect(await heard()).toBe('');
  });

  it('does nothing to a CLI that never started (its spawn failed: no pid, and no exit will come)', async () => {
    const proc = spawn('/nonexistent/kafkasder-convex-cli');
    const failed = once(proc, 'error');
    await stopCli(proc, 'linux', 60_000);
    expect((await failed)[0]).toMatchObject({ code: 'ENOENT' });
  });

  it('isAlive: this process is, an ended one is not', async () => {
    expect(isAlive(process.pid)).toBe(true);
    const { proc } = await child('exit');
    proc.kill('SIGINT');
    await once(proc, 'exit');
    expect(isAlive(proc.pid!)).toBe(false);
  });

  it('waitUntil asks until the check holds, or until the time is up', async () => {
    let asked = 0;
    expect(await waitUntil(async () => ++asked === 3, 60_000, 1)).toBe(true);
    expect(asked).toBe(3);
    asked = 0;
    const started = Date.now();
    expect(await waitUntil(() => (asked++, false), 30, 5)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(30);
    expect(asked).toBeGreaterThanOrEqual(2);
  });
});
