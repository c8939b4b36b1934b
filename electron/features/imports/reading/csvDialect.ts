export type Delimiter = ';' | ',' | '\t' | '|';
export type LineEnding = '\r\n' | '\n';

/** Preference when two candidates are equally consistent: Turkish Excel writes ';'. */
const CANDIDATES: readonly Delimiter[] = [';', ',', '\t', '|'];
const MAX_RECORDS = 100;

/**
 * Picks the delimiter whose per-record count is the most consistent over the first records of the
 * sample. Counting is quote-aware for each candidate separately, because a quote only opens a
 * field right after that candidate. `1.234,56;x` therefore counts one ';' and one ',' per line,
 * and the header line (with ';' but no decimal comma) tips it to ';'.
 */
export function detectDelimiter(sample: string, sampleIsWholeFile: boolean): Delimiter {
  return delimiterOf(CANDIDATES.map((d) => countPerRecord(sample, d, sampleIsWholeFile)));
}

/**
 * The delimiter and line ending, from `sample`, the start of the file's text, when its first
 * records settle them; else from `longer()`, more of it (a few long or multi-line records). The
 * answer is detectDelimiter's and detectLineEnding's over the longer text either way: both read no
 * further than MAX_RECORDS records, and the first record separator.
 */
export function detectDialect(sample: string, sampleIsWholeFile: boolean, longer: () => string): { delimiter: Delimiter; lineEnding: LineEnding | null } {
  if (!sampleIsWholeFile) {
    const counts = CANDIDATES.map((d) => countPerRecord(sample, d, false));
    // A separator before the last character: a '\r' there could still be followed by '\n'.
    const lineEnding = detectLineEnding(sample.slice(0, -1));
    if (lineEnding === null || counts.some((c) => c.length < MAX_RECORDS)) {
      const text = longer();
      return { delimiter: detectDelimiter(text, false), lineEnding: detectLineEnding(text) };
    }
    return { delimiter: delimiterOf(counts), lineEnding };
  }
  return { delimiter: detectDelimiter(sample, true), lineEnding: detectLineEnding(sample) };
}

/** The most consistent candidate, from each candidate's (CANDIDATES order) counts per record. */
function delimiterOf(perCandidate: number[][]): Delimiter {
  let best: { d: Delimiter; consistency: number; mode: number } | null = null;
  for (let k = 0; k < CANDIDATES.length; k++) {
    const d = CANDIDATES[k]!;
    const counts = perCandidate[k]!;
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 0;
    let modeFreq = 0;
    for (const [c, n] of freq) {
      if (c > 0 && (n > modeFreq || (n === modeFreq && c > mode))) {
        mode = c;
        modeFreq = n;
      }
    }
    if (mode === 0) continue;
    const consistency = modeFreq / counts.length;
    if (!best || consistency > best.consistency || (consistency === best.consistency && mode > best.mode)) {
      best = { d, consistency, mode };
    }
  }
  return best?.d ?? ';';
}

/** Delimiter counts outside quotes for each non-blank record of the sample. */
function countPerRecord(sample: string, d: string, sampleIsWholeFile: boolean): number[] {
  const counts: number[] = [];
  let count = 0;
  let blank = true;
  let inQuotes = false;
  let atFieldStart = true;
  const n = sample.length;
  for (let i = 0; i < n && counts.length < MAX_RECORDS; i++) {
    const ch = sample[i];
    if (inQuotes) {
      if (ch === '"') {
        if (sample[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '"' && atFieldStart) {
      inQuotes = true;
      blank = false;
      atFieldStart = false;
    } else if (ch === d) {
      count++;
      blank = false;
      atFieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && sample[i + 1] === '\n') i++;
      if (!blank) counts.push(count);
      count = 0;
      blank = true;
      atFieldStart = true;
    } else {
      if (ch !== ' ') blank = false;
      atFieldStart = false;
    }
  }
  // The last record counts only when the sample ended with the file, not mid-record.
  if (!blank && sampleIsWholeFile && counts.length < MAX_RECORDS) counts.push(count);
  return counts;
}

/** The first record separator outside quotes; null when the sample has none (one-line file). */
export function detectLineEnding(sample: string): LineEnding | null {
  let inQuotes = false;
  for (let i = 0; i < sample.length; i++) {
    const ch = sample[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === '\n') return '\n';
    else if (!inQuotes && ch === '\r') return sample[i + 1] === '\n' ? '\r\n' : null;
  }
  return null;
}
