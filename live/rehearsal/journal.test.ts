import { describe, expect, it } from 'vitest';
import { hotDocuments, type JournalEntry } from './journal';

const entry = (seq: number, start: number, end: number, writes: string[], session = `s${seq}`): JournalEntry => ({ seq, fn: `m${seq}`, session, start, end, reads: [], writes });

describe('hotDocuments', () => {
  it('reports a document written by mutations whose windows overlap', () => {
    const hot = hotDocuments([entry(1, 0, 10, ['1runs', '2rows']), entry(2, 5, 15, ['1runs', '3rows'])]);
    expect(hot).toEqual([{ id: '1runs', table: 'runs', writers: [{ seq: 1, fn: 'm1', start: 0, end: 10 }, { seq: 2, fn: 'm2', start: 5, end: 15 }] }]);
  });

  it('leaves out writers one after another, and ignored tables', () => {
    expect(hotDocuments([entry(1, 0, 10, ['1runs']), entry(2, 10, 20, ['1runs'])])).toEqual([]);
    expect(hotDocuments([entry(1, 0, 10, ['9_scheduled_functions']), entry(2, 5, 20, ['9_scheduled_functions'])], { ignoreTables: ['_scheduled_functions'] })).toEqual([]);
  });

  it('never counts two mutations of one connection as overlapping (a connection sends them in order)', () => {
    expect(hotDocuments([entry(1, 0, 10, ['1runs'], 'a'), entry(2, 5, 15, ['1runs'], 'a')])).toEqual([]);
  });

  it('names only the overlapping writers of a document', () => {
    const hot = hotDocuments([entry(1, 0, 10, ['1runs']), entry(2, 20, 30, ['1runs']), entry(3, 25, 40, ['1runs'])]);
    expect(hot[0]!.writers.map((w) => w.seq)).toEqual([2, 3]);
  });
});
