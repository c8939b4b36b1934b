// The one way a bench judges its figures: every target is printed (ok or MISS, with the figure),
// the machine's load is printed beside them (a shared 2-core machine slows whole-process timings),
// and the bench exits 1 when any target was missed or a measurement could not run, so a missed
// target cannot pass unnoticed. The figures are printed before the verdict, never instead of it.
import { cpus, loadavg } from 'node:os';

/** The load averages (1, 5, 15 min) and the core count, as `uptime` prints them. */
export function loadText(): string {
  return `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')} on ${cpus().length} cores`;
}

export class Targets {
  private readonly results: { ok: boolean; text: string }[] = [];

  /** A target: `ok` when the figure meets it; `text` names the goal and the figure. */
  check(ok: boolean, text: string): boolean {
    this.results.push({ ok, text });
    return ok;
  }

  /** A measurement that could not run: the bench cannot pass. */
  failed(text: string): void {
    this.results.push({ ok: false, text: `did not run: ${text}` });
  }

  get missed(): number {
    return this.results.filter((r) => !r.ok).length;
  }

  /** Prints the verdicts and the load, and sets the exit status (1 on any miss). */
  report(out: (line: string) => void = console.log): void {
    out('\ntargets');
    for (const r of this.results) out(`${r.ok ? 'ok  ' : 'MISS'} ${r.text}`);
    out(`(${loadText()})`);
    if (this.missed > 0) {
      out(`${this.missed} of ${this.results.length} targets missed`);
      process.exitCode = 1;
    }
  }
}
