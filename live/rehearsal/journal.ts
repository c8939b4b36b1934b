// The write-set journal: for every committed mutation (called by a client, from an action, by the
// scheduler or a cron), the function, the documents it read and wrote, who sent it, and its time
// window from its arrival to its commit. The rehearsal backend runs one transaction at a time, so
// conflicts never happen here; on a real backend, mutations in flight at the same time run in
// parallel, and two of them writing one document is an OCC conflict (a retry, and after four a
// failure). `hotDocuments` lists exactly those documents for a scenario.
//
// Two modelling choices (README, "Rehearsal backend"): a window lasts at least
// MIN_WINDOW_MS, because the rehearsal often runs a mutation in under a millisecond where a real
// deployment takes tens (round trip, commit); and mutations of one connection never overlap each
// other, because a client sends them one at a time and a backend runs a connection's mutations in
// order.

export const MIN_WINDOW_MS = 50;

export interface JournalEntry {
  /** Increasing from 1 for the life of the process; a scenario starts at a mark. */
  seq: number;
  fn: string;
  /** The connection (or HTTP client request) that sent it; each internal run is its own. */
  session: string;
  /** Milliseconds since the epoch: when the transaction asked to run, and when it committed. */
  start: number;
  end: number;
  reads: string[];
  writes: string[];
}

export interface HotDocument {
  id: string;
  table: string;
  /** The overlapping writers, each once. */
  writers: { seq: number; fn: string; start: number; end: number }[];
}

export function tableOfId(id: string): string {
  return id.replace(/^[0-9]+/, '');
}

/**
 * Every document written by two or more mutations whose windows overlapped in time. Documents of
 * the tables in `ignoreTables` are left out (e.g. `_scheduled_functions`, whose job states the
 * scheduler itself moves).
 */
export function hotDocuments(entries: readonly JournalEntry[], options: { ignoreTables?: readonly string[] } = {}): HotDocument[] {
  const ignore = new Set(options.ignoreTables ?? []);
  const byDoc = new Map<string, JournalEntry[]>();
  for (const entry of entries) {
    for (const id of entry.writes) {
      if (ignore.has(tableOfId(id))) continue;
      const list = byDoc.get(id) ?? [];
      list.push(entry);
      byDoc.set(id, list);
    }
  }
  const hot: HotDocument[] = [];
  for (const [id, writers] of byDoc) {
    if (writers.length < 2) continue;
    const overlapping = new Set<JournalEntry>();
    const sorted = [...writers].sort((a, b) => a.start - b.start);
    // Sweep by start time: an entry overlaps every earlier one still running at its start.
    for (let i = 0; i < sorted.length; i++) {
      for (let j = 0; j < i; j++) {
        if (sorted[j]!.session !== sorted[i]!.session && sorted[j]!.end > sorted[i]!.start) {
          overlapping.add(sorted[j]!);
          overlapping.add(sorted[i]!);
        }
      }
    }
    if (overlapping.size === 0) continue;
    hot.push({
      id,
      table: tableOfId(id),
      writers: [...overlapping].sort((a, b) => a.seq - b.seq).map(({ seq, fn, start, end }) => ({ seq, fn, start, end })),
    });
  }
  return hot.sort((a, b) => a.id.localeCompare(b.id));
}

/** A bounded in-memory journal; the oldest entries go first when it is full. */
export class Journal {
  private readonly entries: JournalEntry[] = [];
  private nextSeq = 1;

  constructor(private readonly capacity = 20_000) {}

  add(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const full = { seq: this.nextSeq++, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return full;
  }

  /** The sequence number the next entry will get: a scenario's start. */
  mark(): number {
    return this.nextSeq;
  }

  since(seq: number): JournalEntry[] {
    return this.entries.filter((e) => e.seq >= seq);
  }
}
