// The shape of the domain contract (shared/domain/README.md in code). Pure types: imported by the
// renderer, the services and the Convex functions alike.

import type { CollectionName, Lang } from './vocabularies';

export type { CollectionName, Lang };
export type Localized = Record<Lang, string>;

export type FieldType =
  | 'text'
  | 'nationalId'
  | 'phone'
  | 'email'
  | 'date'
  | 'province'
  | 'integer'
  | 'money'
  | 'currency'
  | 'iban'
  | 'enum';

export interface EnumOption {
  value: string;
  label: Localized;
  /** Extra spellings accepted on import besides the value and the labels (e.g. "EFT" for havale). */
  aliases?: string[];
}

export interface FieldSpec {
  key: string;
  type: FieldType;
  required: boolean;
  label: Localized;
  /** Header spellings seen in real files (Turkish first); matched with tr-TR folding. */
  aliases: string[];
  minLength?: number;
  maxLength?: number;
  /** Inclusive bounds: the value for integer fields, minor units for money fields. */
  min?: number;
  max?: number;
  options?: EnumOption[];
  /** Value stored when the cell is empty on insert. */
  defaultValue?: string;
  /** For money fields without their own currency column (monthlyIncome is always TRY). */
  fixedCurrency?: string;
  /** For money fields: the sibling field holding the currency (donations.amount → currency). */
  currencyField?: string;
  /** Text that keeps its line breaks (notes, address); other texts collapse all whitespace. */
  multiline?: boolean;
  /** For date fields: earliest accepted ISO date (birthDate: 1900-01-01). */
  minDate?: string;
  /** For date fields: the date may not be after "today" (birthDate). */
  notInFuture?: boolean;
}

export interface CollectionSpec {
  name: CollectionName;
  label: Localized;
  naturalKey: string;
  /** Field used for date-range filters and exports; null means the record's creation time. */
  dateField: string | null;
  /** Field holding the status enum. */
  statusField: string;
  fields: FieldSpec[];
}

export const ERROR_CODES = [
  'required',
  'invalid_format',
  'checksum',
  'out_of_range',
  'unknown_value',
  'too_long',
  'duplicate_in_file',
  'already_exists',
  'not_found',
  /** A row without its natural key: no stored record matches its fallback rule (name + birth date …). */
  'no_match',
  /** A row without its natural key: more than one stored record matches it (never a silent pick). */
  'ambiguous_match',
  /**
   * A warning, never an error (it sits among a row's warnings and blocks nothing): the row may be
   * the same person as an earlier row of the file (params.row) by a rule (params.rule).
   */
  'possible_duplicate',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  field: string;
  code: ErrorCode;
  /** Values interpolated into the message, e.g. { row: 7 } for duplicate_in_file, { max: 120 }. */
  params?: Record<string, string | number>;
}

/** A cell as a reader hands it over: CSV gives strings; XLSX gives numbers, booleans and Dates too. */
export type CellValue = string | number | boolean | Date | null | undefined;

/** A normalised record value as stored in Convex: money in minor units, dates ISO yyyy-mm-dd. */
export type StoredValue = string | number;
export type StoredRecord = Record<string, StoredValue>;

/** One field an import would change (the dry run) or changed: the stored value before, the new one. */
export interface FieldChange {
  field: string;
  before: StoredValue | null;
  after: StoredValue;
}

/** How ambiguous numbers such as `1.234` are read: tr = `.` thousands, `,` decimals. */
export const NUMBER_STYLES = ['tr', 'intl'] as const;
export type NumberStyle = (typeof NUMBER_STYLES)[number];

export interface ParseOptions {
  numberStyle: NumberStyle;
  /** insert/upsert need every required field; update needs only the natural key. */
  partial: boolean;
  /** "Today" for date range checks (birthDate not in the future); defaults to the current date. */
  today?: string;
}

/**
 * A row parsed into its values, by field: values[i] is the value of importFields(collection)[i],
 * undefined when it has none (blank, or wrong: then errors says why). What a check needs of a
 * row, without building the keyed record (a keyed store per field was a tenth of the parse).
 */
export interface ParsedValues {
  values: (StoredValue | undefined)[];
  errors: FieldError[];
}

/** A parsed row with its record to store, built from its values. */
export interface ParseResult extends ParsedValues {
  record: StoredRecord;
}
