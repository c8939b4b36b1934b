// The Export page's form state turned into the count query and the job input (pure, testable).
import type { ExportFormat } from '../../../../shared/contract/exports';
import { EXPORT_EXTENSIONS, getSpec, type CollectionName, type Lang } from '../../../../shared/domain';
import { ANONYMISED_DROPPED } from '../../../../shared/domain/anonymise';

export interface ExportFormState {
  collection: CollectionName;
  /** ISO yyyy-mm-dd */
  from?: string;
  to?: string;
  status?: string;
  city?: string;
  category?: string;
  type?: string;
  /** Every field key in display order, with whether it is exported. */
  columns: Array<{ key: string; checked: boolean }>;
  headerLang: Lang;
  format: ExportFormat;
  /** For statistics: the identifying columns are left out (and not offered), birth dates are years. */
  anonymised: boolean;
}

/** Which extra filters the page offers per collection (each backed by an index in convex/exports). */
export const EXTRA_FILTERS: Record<CollectionName, Array<'city' | 'category' | 'type'>> = {
  beneficiaries: ['city', 'category'],
  donations: [],
  financeRecords: ['type'],
};


export function initialState(collection: CollectionName, previous?: Pick<ExportFormState, 'headerLang' | 'format' | 'anonymised'>): ExportFormState {
  return {
    collection,
    columns: getSpec(collection).fields.map((f) => ({ key: f.key, checked: true })),
    headerLang: previous?.headerLang ?? 'tr',
    format: previous?.format ?? 'excel-tr',
    anonymised: previous?.anonymised ?? false,
  };
}

/** Whether a column can be exported in this state (an identifying one cannot, anonymised). */
export function columnAllowed(s: Pick<ExportFormState, 'collection' | 'anonymised'>, key: string): boolean {
  return !s.anonymised || !ANONYMISED_DROPPED[s.collection].includes(key);
}

/** The filters the count channel and the job take: only the set ones the collection has. */
export function filtersOf(s: ExportFormState) {
  const extras = EXTRA_FILTERS[s.collection];
  return {
    collection: s.collection,
    ...(s.from ? { from: s.from } : {}),
    ...(s.to ? { to: s.to } : {}),
    ...(s.status ? { status: s.status } : {}),
    ...(s.city && extras.includes('city') ? { city: s.city } : {}),
    ...(s.category && extras.includes('category') ? { category: s.category } : {}),
    ...(s.type && extras.includes('type') ? { type: s.type } : {}),
  };
}

export function chosenColumns(s: ExportFormState): string[] {
  return s.columns.filter((c) => c.checked && columnAllowed(s, c.key)).map((c) => c.key);
}

/** `target`: the id pickSavePath handed out (desktop), or null (web mode downloads). */
export function jobInputOf(s: ExportFormState, target: string | null) {
  const columns = chosenColumns(s);
  const defaults = getSpec(s.collection).fields.map((f) => f.key).filter((key) => columnAllowed(s, key));
  const all = columns.length === defaults.length && columns.every((key, i) => key === defaults[i]);
  return {
    ...filtersOf(s),
    // Omitted when it is the default (every field allowed, in spec order), which keeps the audit entry short.
    ...(all ? {} : { columns }),
    headerLang: s.headerLang,
    format: s.format,
    ...(s.anonymised ? { anonymised: true } : {}),
    ...(target ? { target } : {}),
  };
}

/** Moves the column at `index` one place up (-1) or down (+1). */
export function moveColumn<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item as T);
  return next;
}

export function defaultFileName(s: ExportFormState, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${s.collection}-${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}.${EXPORT_EXTENSIONS[s.format]}`;
}
