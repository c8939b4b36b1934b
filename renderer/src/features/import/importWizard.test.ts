import { describe, expect, test } from 'vitest';
import { countsAfterRowChange, countsAfterSkipAll, liveCounts, type CheckPass } from './checkCounts';
import type { InspectResult } from './importTypes';
import { at, collectionOf, initialWizard, wizardReducer, type WizardAction, type WizardState } from './importWizard';
import type { CheckRow } from './useCheckRows';

const play = (actions: WizardAction[], from: WizardState = initialWizard) => actions.reduce(wizardReducer, from);
const file = (name: string) => new File(['a;b\n1;2\n'], name);
const inspect = (collection: 'donations' | 'beneficiaries') => ({ collectionGuess: { collection }, headers: ['a'] }) as unknown as InspectResult;
const opened: WizardAction = { type: 'fileOpened', file: { id: 1, ref: 'f1', name: 'a.csv' }, inspect: inspect('donations') };

describe('import wizard state', () => {
  test('dropped files queue with their own ids; taking one marks it current and clears an old error', () => {
    const s = play([{ type: 'filesAdded', files: [file('a.csv'), file('b.csv')] }, { type: 'filesAdded', files: [file('c.csv')] }]);
    expect(s.queue.map((q) => [q.id, q.file.name, q.status])).toEqual([
      [1, 'a.csv', 'waiting'],
      [2, 'b.csv', 'waiting'],
      [3, 'c.csv', 'waiting'],
    ]);
    const taken = play([{ type: 'inspectFailed', message: 'eski' }, { type: 'fileTaken', id: 2, busy: 'yükleniyor' }], s);
    expect(taken.queue.map((q) => q.status)).toEqual(['waiting', 'current', 'waiting']);
    expect(taken).toMatchObject({ busy: 'yükleniyor', fileError: null });
  });

  test('an opened file goes to the source step; a failed one is marked with its message', () => {
    const s = play([{ type: 'filesAdded', files: [file('a.csv'), file('b.csv')] }, opened]);
    expect(s.step).toBe(at('source'));
    expect(s.current?.name).toBe('a.csv');
    const failed = play([{ type: 'fileFailed', id: 2, message: 'okunamadı' }], s);
    expect(failed.queue[1]).toMatchObject({ status: 'failed', error: 'okunamadı' });
    expect(failed.fileError).toBe('okunamadı');
  });

  test("the collection is the headers' guess until staff pick one, and a new guess does not override their pick", () => {
    const s = play([opened]);
    expect(collectionOf(s)).toBe('donations');
    const picked = play([{ type: 'collectionPicked', collection: 'financeRecords' }, { type: 'inspected', inspect: inspect('beneficiaries') }], s);
    expect(collectionOf(picked)).toBe('financeRecords');
    expect(collectionOf(play([{ type: 'inspected', inspect: inspect('beneficiaries') }], s))).toBe('beneficiaries');
  });

  test('every fix in the check bumps the revision the dry run follows', () => {
    const pass = { checkId: 'c1', rows: 3, valid: 2, invalid: 1, notData: 0, warnings: 0, byCode: {}, byColumn: {} };
    const s = play([{ type: 'checkRowsChanged', fixed: { pass, counts: { valid: 3, invalid: 0, skipped: 0, asData: 0 } } }, { type: 'checkRowsChanged', fixed: { pass, counts: { valid: 3, invalid: 0, skipped: 0, asData: 0 } } }]);
    expect(s.checkRevision).toBe(2);
    expect(s.fixedCounts?.counts.valid).toBe(3);
  });

  test('starting over forgets the file, pick, mapping and totals but keeps mode, number style and the queue', () => {
    const busy = play([
      { type: 'filesAdded', files: [file('a.csv'), file('b.csv')] },
      opened,
      { type: 'collectionPicked', collection: 'beneficiaries' },
      { type: 'mappingSuggested', mapping: ['name'], numberStyle: 'intl', basis: 'x' },
      { type: 'modeChanged', mode: 'insert' },
      { type: 'totalsChanged', totals: { rows: '2', amount: '10' } },
      { type: 'stepShown', step: at('summary') },
    ]);
    const done = play([{ type: 'reset', how: 'done' }], busy);
    expect(done.queue.map((q) => q.status)).toEqual(['done', 'waiting']);
    expect(done).toMatchObject({ current: null, inspect: null, pickedCollection: null, mapping: [], mappingBasis: '', step: 0, totals: { rows: '', amount: '' } });
    expect(done).toMatchObject({ mode: 'insert', numberStyle: 'intl' });
    const abandoned = play([{ type: 'reset', how: 'abandon' }], busy);
    expect(abandoned.queue.map((q) => q.file.name)).toEqual(['b.csv']);
  });
});

describe('live check counts', () => {
  const row = (skipped: boolean, errors: number, notData: 'total' | null = null, asData = false) =>
    ({ skipped, errors: Array.from({ length: errors }, () => ({})), notData, asData }) as unknown as CheckRow;
  const pass: CheckPass = { rowsRead: 10, valid: 7, invalid: 3, bytesRead: 1, totalBytes: 2 };

  test('a fixed row moves from invalid to valid, a skipped one to skipped, an unchanged kind stays', () => {
    const c = liveCounts(pass, null);
    expect(c).toEqual({ valid: 7, invalid: 3, skipped: 0, asData: 0 });
    expect(countsAfterRowChange(c, row(false, 1), row(false, 0))).toEqual({ valid: 8, invalid: 2, skipped: 0, asData: 0 });
    expect(countsAfterRowChange(c, row(false, 1), row(true, 1))).toEqual({ valid: 7, invalid: 2, skipped: 1, asData: 0 });
    expect(countsAfterRowChange(c, row(false, 2), row(false, 1))).toBe(c);
    expect(countsAfterSkipAll(c, 4)).toEqual({ valid: 7, invalid: 0, skipped: 4, asData: 0 });
  });

  test('a totals row taken back as data joins the rows (valid or invalid); given up, it leaves them', () => {
    const c = liveCounts(pass, null);
    const taken = countsAfterRowChange(c, row(false, 0, 'total'), row(false, 2, 'total', true));
    expect(taken).toEqual({ valid: 7, invalid: 4, skipped: 0, asData: 1 });
    expect(countsAfterRowChange(taken, row(false, 2, 'total', true), row(false, 0, 'total'))).toEqual(c);
  });

  test('adjustments hold for the pass figures they were made on; the next figures replace them', () => {
    const fixed = { pass, counts: { valid: 8, invalid: 2, skipped: 0, asData: 0 } };
    expect(liveCounts(pass, fixed)).toEqual(fixed.counts);
    expect(liveCounts({ ...pass, rowsRead: 20, valid: 15, invalid: 5 }, fixed)).toEqual({ valid: 15, invalid: 5, skipped: 0, asData: 0 });
    expect(liveCounts(null, fixed)).toEqual({ valid: 0, invalid: 0, skipped: 0, asData: 0 });
  });
});
