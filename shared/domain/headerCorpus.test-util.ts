// The header corpus (fixtures/headerCorpus/*.tsv): header spellings with the field each names, or
// "none", scored against suggestMapping one header at a time. Used by the unit test and bench/headers.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suggestMapping } from './headers';
import { COLLECTIONS } from './vocabularies';
import type { CollectionName } from './types';

export interface CorpusEntry {
  collection: CollectionName;
  header: string;
  expected: string | null;
}

export interface CorpusScore {
  collection: CollectionName;
  total: number;
  right: number;
  /** Mapped to another field than expected, or mapped where "none" was expected. */
  wrong: { header: string; expected: string | null; got: string }[];
  /** Expected a field, got none. */
  missed: { header: string; expected: string }[];
}

export function loadCorpus(collection: CollectionName): CorpusEntry[] {
  const file = fileURLToPath(new URL(`./fixtures/headerCorpus/${collection}.tsv`, import.meta.url));
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const tab = line.lastIndexOf('\t');
      const expected = line.slice(tab + 1).trim();
      return { collection, header: line.slice(0, tab), expected: expected === 'none' ? null : expected };
    });
}

export function scoreCorpus(collection: CollectionName): CorpusScore {
  const score: CorpusScore = { collection, total: 0, right: 0, wrong: [], missed: [] };
  for (const e of loadCorpus(collection)) {
    score.total++;
    const got = suggestMapping(collection, [e.header])[0]?.field ?? null;
    if (got === e.expected) score.right++;
    else if (got === null) score.missed.push({ header: e.header, expected: e.expected! });
    else score.wrong.push({ header: e.header, expected: e.expected, got });
  }
  return score;
}

export const scoreAllCorpora = () => COLLECTIONS.map(scoreCorpus);
