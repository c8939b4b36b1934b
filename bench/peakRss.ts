// A process's peak resident memory, in MB, as Linux keeps it for the program now running: VmHWM
// in /proc/PID/status. process.resourceUsage().maxRSS is no good in a bench child: Linux keeps
// ru_maxrss across fork and exec, so a child spawned by a parent that once held 733 MB (making a
// million-row workbook) reported 733 MB for every measurement. Elsewhere, maxRSS is the fallback.
import { readFileSync } from 'node:fs';

/** The peak RSS of `pid` (default this process); null when that process is gone or unreadable. */
export function peakRssMb(pid: number | 'self' = 'self'): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux, or the process is gone
  }
  return pid === 'self' ? process.resourceUsage().maxRSS / 1024 : null;
}
