// Small helpers shared by the check and the run.
import type { CellValue } from '../../../shared/domain';

/** Rough size of a row in the file (text length plus separators), for progress only. */
export function approxRowBytes(cells: CellValue[]): number {
  let n = cells.length + 1;
  for (const c of cells) if (typeof c === 'string') n += c.length;
  else if (c !== null && c !== undefined) n += 8;
  return n;
}

/** The mapping as long as the header row: missing columns are "do not import", extras dropped. */
export function fitMapping(mapping: (string | null)[], columns: number): (string | null)[] {
  return Array.from({ length: columns }, (_, i) => mapping[i] ?? null);
}
