// The import wizard's own state (file queue, current file, step, mapping, mode, control totals,
// the check's adjusted counts) as one reducer, so each user action is one named transition. The
// jobs themselves (check, dry run, run) live in useJob.
import type { CollectionName } from '../../../../shared/domain';
import type { FixedCounts } from './checkCounts';
import type { ControlTotalsInput } from './DryRunPanel';
import type { QueueItem } from './FileStep';
import type { InspectResult, NumberStyle } from './importTypes';
import type { Mapping } from './mappingRules';
import type { ImportMode } from './RunStep';

export const STEPS = ['file', 'source', 'collection', 'mapping', 'check', 'run', 'summary'] as const;
export type StepKey = (typeof STEPS)[number];
export const at = (key: StepKey) => STEPS.indexOf(key);

export interface CurrentFile {
  id: number;
  ref: string;
  name: string;
}

export interface WizardState {
  queue: QueueItem[];
  /** The id the next queued file gets. */
  nextId: number;
  current: CurrentFile | null;
  step: number;
  inspect: InspectResult | null;
  /** What the wizard is busy with (uploading, reading), shown to staff; null when free. */
  busy: string | null;
  fileError: string | null;
  /** Staff's own pick; until they make one, the headers' guess stands. */
  pickedCollection: CollectionName | null;
  mapping: Mapping;
  /** The file, sheet, header row and collection the mapping was suggested for. */
  mappingBasis: string;
  numberStyle: NumberStyle;
  mode: ImportMode;
  totals: ControlTotalsInput;
  /** Bumped by every fix or skip in the check: the dry run of the old rows is stale. */
  checkRevision: number;
  fixedCounts: FixedCounts | null;
  /** Bumped when an import ends, so the history reloads. */
  historyKey: number;
}

export type WizardAction =
  | { type: 'filesAdded'; files: File[] }
  | { type: 'queueItemRemoved'; id: number }
  | { type: 'fileTaken'; id: number; busy: string }
  | { type: 'busy'; busy: string | null }
  | { type: 'fileOpened'; file: CurrentFile; inspect: InspectResult }
  | { type: 'fileFailed'; id: number; message: string }
  | { type: 'inspected'; inspect: InspectResult }
  | { type: 'inspectFailed'; message: string }
  | { type: 'collectionPicked'; collection: CollectionName }
  | { type: 'mappingSuggested'; mapping: Mapping; numberStyle: NumberStyle; basis: string }
  | { type: 'mappingChanged'; mapping: Mapping }
  | { type: 'numberStyleChanged'; numberStyle: NumberStyle }
  | { type: 'modeChanged'; mode: ImportMode }
  | { type: 'totalsChanged'; totals: ControlTotalsInput }
  | { type: 'stepShown'; step: number }
  | { type: 'checkRowsChanged'; fixed: FixedCounts }
  | { type: 'importEnded' }
  /** After a finished import the file stays in the queue as done; an abandoned one leaves it. */
  | { type: 'reset'; how: 'done' | 'abandon' };

const NO_TOTALS: ControlTotalsInput = { rows: '', amount: '' };

export const initialWizard: WizardState = {
  queue: [],
  nextId: 1,
  current: null,
  step: 0,
  inspect: null,
  busy: null,
  fileError: null,
  pickedCollection: null,
  mapping: [],
  mappingBasis: '',
  numberStyle: 'tr',
  mode: 'upsert',
  totals: NO_TOTALS,
  checkRevision: 0,
  fixedCounts: null,
  historyKey: 0,
};

const withStatus = (queue: QueueItem[], id: number, patch: Partial<QueueItem>) => queue.map((x) => (x.id === id ? { ...x, ...patch } : x));

export function wizardReducer(s: WizardState, a: WizardAction): WizardState {
  switch (a.type) {
    case 'filesAdded':
      return {
        ...s,
        queue: [...s.queue, ...a.files.map((file, i) => ({ id: s.nextId + i, file, status: 'waiting' as const }))],
        nextId: s.nextId + a.files.length,
      };
    case 'queueItemRemoved':
      return { ...s, queue: s.queue.filter((x) => x.id !== a.id) };
    case 'fileTaken':
      return { ...s, queue: withStatus(s.queue, a.id, { status: 'current' }), fileError: null, busy: a.busy };
    case 'busy':
      return { ...s, busy: a.busy };
    case 'fileOpened':
      return { ...s, current: a.file, inspect: a.inspect, step: at('source') };
    case 'fileFailed':
      return { ...s, queue: withStatus(s.queue, a.id, { status: 'failed', error: a.message }), fileError: a.message };
    case 'inspected':
      return { ...s, inspect: a.inspect, fileError: null };
    case 'inspectFailed':
      return { ...s, fileError: a.message };
    case 'collectionPicked':
      return { ...s, pickedCollection: a.collection };
    case 'mappingSuggested':
      return { ...s, mapping: a.mapping, numberStyle: a.numberStyle, mappingBasis: a.basis };
    case 'mappingChanged':
      return { ...s, mapping: a.mapping };
    case 'numberStyleChanged':
      return { ...s, numberStyle: a.numberStyle };
    case 'modeChanged':
      return { ...s, mode: a.mode };
    case 'totalsChanged':
      return { ...s, totals: a.totals };
    case 'stepShown':
      return { ...s, step: a.step };
    case 'checkRowsChanged':
      return { ...s, fixedCounts: a.fixed, checkRevision: s.checkRevision + 1 };
    case 'importEnded':
      return { ...s, historyKey: s.historyKey + 1 };
    case 'reset': {
      const id = s.current?.id;
      const queue =
        id === undefined ? s.queue : a.how === 'done' ? withStatus(s.queue, id, { status: 'done' }) : s.queue.filter((x) => x.id !== id);
      return {
        ...s,
        queue,
        totals: NO_TOTALS,
        current: null,
        inspect: null,
        pickedCollection: null,
        mapping: [],
        mappingBasis: '',
        fileError: null,
        fixedCounts: null,
        step: 0,
      };
    }
  }
}

/** The collection the rows become: staff's pick, else what the headers point to (a new sheet or header row may change that guess). */
export const collectionOf = (s: WizardState): CollectionName | null => s.pickedCollection ?? s.inspect?.collectionGuess?.collection ?? null;
