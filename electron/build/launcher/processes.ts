// Finding and stopping processes by what they run. The Convex CLI starts its backend as a
// separate process and stops it only from its SIGINT/crash cleanup, so the launcher must be able
// to find that backend by its command line (which names this project's state folder).
import { spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  command: string;
}

/**
 * Windows PowerShell 5.1 writes redirected output in the console's code page (CP857 on Turkish
 * Windows): it is told to write UTF-8, so a project under C:\Users\Gülşen\… matches.
 */
export const WINDOWS_PROCESS_LIST =
  '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8; Get-CimInstance Win32_Process | ForEach-Object { "$($_.ProcessId)`t$($_.CommandLine)" }';

/** Every process the user may see, with its full command line. */
export function listProcesses(platform: NodeJS.Platform = process.platform): ProcessInfo[] {
  if (platform === 'linux') {
    const out: ProcessInfo[] = [];
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
        if (command) out.push({ pid: Number(name), command });
      } catch {
        // Gone meanwhile, or not ours to read.
      }
    }
    return out;
  }
  if (platform === 'win32') {
    const result = spawnSync('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_PROCESS_LIST], { encoding: 'utf8', windowsHide: true });
    return parseLines(result.stdout ?? '', /^(\d+)\t(.*)$/);
  }
  const result = spawnSync('ps', ['-A', '-o', 'pid=,command='], { encoding: 'utf8' });
  return parseLines(result.stdout ?? '', /^\s*(\d+)\s+(.*)$/);
}

function parseLines(text: string, pattern: RegExp): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = pattern.exec(line);
    if (m?.[1] && m[2]) out.push({ pid: Number(m[1]), command: m[2].trim() });
  }
  return out;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 100): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= end) return false;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** Ends a process (and on Windows its tree, where signals do not exist) and waits for it. */
export async function terminate(pid: number, platform: NodeJS.Platform = process.platform, timeoutMs = 5000): Promise<boolean> {
  if (platform === 'win32') {
    spawnSync('taskkill', ['/PID', String(pid), '/T', '/F'], { windowsHide: true });
  } else {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return true;
    }
  }
  if (await waitUntil(() => !isAlive(pid), timeoutMs)) return true;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  return waitUntil(() => !isAlive(pid), 2000);
}

/**
 * Stops the Convex CLI the way its own cleanup runs: SIGINT on macOS/Linux (src/bundler/context.ts
 * stops the backend only then); on Windows, where Node cannot deliver SIGINT to another process,
 * the whole process tree with taskkill /T.
 */
export async function stopCli(child: ChildProcess, platform: NodeJS.Platform = process.platform, timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (platform === 'win32') spawnSync('taskkill', ['/PID', String(child.pid), '/T', '/F'], { windowsHide: true });
  else child.kill('SIGINT');
  const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), timeoutMs).unref());
  if ((await Promise.race([exited, timer])) === 'late') {
    child.kill('SIGKILL');
    await exited;
  }
}
