// Turning a mapped spreadsheet row into a stored record (parseRow), and re-checking a stored record
// on the server (checkRecord). Both apply the same range rules, so the server accepts exactly what
// the importer produces.
import type {
  CellValue,
  CollectionName,
  FieldError,
  FieldSpec,
  FieldType,
  NumberStyle,
  ParseOptions,
  ParseResult,
  ParsedValues,
  StoredRecord,
  StoredValue,
} from './types';
import { getSpec, importFields } from './collections';
import { isIsoDate, parseDate, todayIso } from './dates';
import { emailOf, isValidEmail, normalizeEmail } from './email';
import { ibanError, normalizeIban } from './iban';
import { matchOption } from './options';
import { parseInteger, parseMoneyWithCurrency, parsePlainMoney } from './money';
import { canMatchWithoutKey } from './personMatch';
import { normalizeTurkishMobile } from './phone';
import { findProvince, PROVINCES } from './provinces';
import { tcKimlikError } from './tckimlik';
import { cellToText, isBlank, normalizeLine, normalizeMultiline, textLength } from './text';

// Convex adds these to every document; a record read back from the database may carry them.
const SYSTEM_FIELDS = new Set(['_id', '_creationTime']);

type Issue = Omit<FieldError, 'field'>;

const HAS_WHITESPACE = /\s/;

/** Shown back to the user in unknown_value messages; long cells are cut. */
function shown(v: CellValue | unknown): string {
  const s = typeof v === 'string' ? v.trim() : v instanceof Date ? cellToText(v) : String(v);
  return textLength(s) > 40 ? `${Array.from(s).slice(0, 40).join('')}…` : s;
}

function normalizeText(f: FieldSpec, s: string): string {
  return f.multiline ? normalizeMultiline(s) : normalizeLine(s);
}

type RangeRule = (f: FieldSpec, value: StoredValue, today: string) => Issue | null;

function textRange(f: FieldSpec, value: StoredValue): Issue | null {
  const s = String(value);
  // A code point takes one or two UTF-16 units, so s.length bounds the count from both sides;
  // counting is only needed when those bounds do not settle the rule.
  const mayBeTooLong = f.maxLength !== undefined && s.length > f.maxLength;
  const mayBeTooShort = f.minLength !== undefined && Math.ceil(s.length / 2) < f.minLength;
  if (!mayBeTooLong && !mayBeTooShort) return null;
  const len = textLength(s);
  if (f.maxLength !== undefined && len > f.maxLength) return { code: 'too_long', params: { max: f.maxLength, length: len } };
  if (f.minLength !== undefined && len < f.minLength) return { code: 'invalid_format', params: { min: f.minLength } };
  return null;
}

function integerRange(f: FieldSpec, value: StoredValue): Issue | null {
  const n = Number(value);
  if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)) {
    return { code: 'out_of_range', params: bounds(f.min, f.max) };
  }
  return null;
}

function moneyRange(f: FieldSpec, value: StoredValue): Issue | null {
  const n = Number(value);
  if (f.min !== undefined && n < f.min) {
    // min 1 (minor unit) reads as "greater than zero"; min 0 as "not negative".
    return { code: 'out_of_range', params: f.min === 1 ? { exclusiveMin: 0 } : { min: f.min / 100 } };
  }
  if (f.max !== undefined && n > f.max) return { code: 'out_of_range', params: { max: f.max / 100 } };
  return null;
}

function dateRange(f: FieldSpec, value: StoredValue, today: string): Issue | null {
  const d = String(value);
  const max = f.notInFuture ? today : undefined;
  if ((f.minDate !== undefined && d < f.minDate) || (max !== undefined && d > max)) {
    return { code: 'out_of_range', params: bounds(f.minDate, max) };
  }
  return null;
}

/** Range rules shared by parseRow and checkRecord, applied to a well-formed stored value. */
const RANGE_RULES: Partial<Record<FieldType, RangeRule>> = {
  text: textRange,
  integer: integerRange,
  money: moneyRange,
  date: dateRange,
};

function rangeIssue(f: FieldSpec, value: StoredValue, today: string): Issue | null {
  const rule = RANGE_RULES[f.type];
  return rule ? rule(f, value, today) : null;
}

function bounds<T extends string | number>(min: T | undefined, max: T | undefined): Record<string, T> {
  const p: Record<string, T> = {};
  if (min !== undefined) p.min = min;
  if (max !== undefined) p.max = max;
  return p;
}

/**
 * One field's cell → its stored value, or the Issue (an object, so `typeof` tells them apart).
 * Returning the bare value rather than a result object keeps a million-row check from allocating
 * an object per cell.
 */
type CellParser = (f: FieldSpec, v: CellValue, style: NumberStyle) => StoredValue | Issue;

// Spread into a fresh FieldError, never handed out itself.
const INVALID: Issue = Object.freeze({ code: 'invalid_format' });

function unknownValue(v: CellValue): Issue {
  return { code: 'unknown_value', params: { value: shown(v) } };
}

/**
 * The currency written beside the amount that parseMoneyCell parsed last ("$100"), or null. A
 * module variable instead of a field of a result object, for the same reason as CellParser.
 */
let currencyBeside: string | null = null;

const parseLineCell: CellParser = (_f, v) => normalizeLine(cellToText(v));
const parseMultilineCell: CellParser = (_f, v) => normalizeMultiline(cellToText(v));

const parseNationalIdCell: CellParser = (_f, v) => {
  if (typeof v === 'number' && !Number.isInteger(v)) return INVALID;
  const text = cellToText(v);
  // Eleven characters with whitespace among them can only fail as invalid_format, stripped or not.
  const id = text.length === 11 || !HAS_WHITESPACE.test(text) ? text : text.replace(/\s+/g, '');
  const err = tcKimlikError(id);
  return err ? { code: err } : id;
};

const parsePhoneCell: CellParser = (_f, v) => normalizeTurkishMobile(cellToText(v)) ?? INVALID;

const parseEmailCell: CellParser = (_f, v) => emailOf(cellToText(v)) ?? INVALID;

const parseDateCell: CellParser = (_f, v) => parseDate(v) ?? INVALID;

const parseProvinceCell: CellParser = (_f, v) => findProvince(cellToText(v)) ?? unknownValue(v);

const parseIntegerCell: CellParser = (_f, v, style) => parseInteger(v, style) ?? INVALID;

const parseMoneyCell: CellParser = (f, v, style) => {
  // A bare amount (nearly every cell) has no currency and needs no result object.
  const plain = parsePlainMoney(v, style);
  if (plain !== undefined) {
    currencyBeside = null;
    return plain ?? INVALID;
  }
  const m = parseMoneyWithCurrency(v, style);
  if (!m) return INVALID;
  if (f.fixedCurrency && m.currency && m.currency !== f.fixedCurrency) {
    return { code: 'invalid_format', params: { currency: m.currency, expected: f.fixedCurrency } };
  }
  currencyBeside = m.currency;
  return m.minor;
};

const parseOptionCell: CellParser = (f, v) => matchOption(f, cellToText(v)) ?? unknownValue(v);

const parseIbanCell: CellParser = (_f, v) => {
  const iban = normalizeIban(cellToText(v));
  const err = ibanError(iban);
  return err ? { code: err } : iban;
};

function cellParserFor(f: FieldSpec): CellParser {
  switch (f.type) {
    case 'text':
      return f.multiline ? parseMultilineCell : parseLineCell;
    case 'nationalId':
      return parseNationalIdCell;
    case 'phone':
      return parsePhoneCell;
    case 'email':
      return parseEmailCell;
    case 'date':
      return parseDateCell;
    case 'province':
      return parseProvinceCell;
    case 'integer':
      return parseIntegerCell;
    case 'money':
      return parseMoneyCell;
    case 'currency':
    case 'enum':
      return parseOptionCell;
    case 'iban':
      return parseIbanCell;
  }
}

/** What parseRow needs per field, worked out once per collection rather than once per cell. */
interface FieldPlan {
  field: FieldSpec;
  parse: CellParser;
  range: RangeRule | null;
  /** A money field with a currency column beside it ("$100" fills or must agree with that column): that column's index, else -1. */
  currencyAt: number;
  /** The currency column of some money field: whether its value came from a cell matters. */
  currencyTarget: boolean;
}

interface RowPlan {
  collection: CollectionName;
  naturalKey: string;
  fields: FieldPlan[];
  /** 0, 1, 2 …: parseRow's columns, its values being in field order. */
  inOrder: number[];
}

const plans = new Map<CollectionName, RowPlan>();

function planOf(collection: CollectionName): RowPlan {
  let plan = plans.get(collection);
  if (!plan) {
    const spec = getSpec(collection);
    // The import's columns: the record's fields and, for beneficiaries, the consent columns.
    const fields = importFields(collection);
    const targets = new Set(fields.map((f) => f.currencyField));
    plan = {
      collection,
      naturalKey: spec.naturalKey,
      fields: fields.map((f) => ({
        field: oneShape(f),
        parse: cellParserFor(f),
        range: RANGE_RULES[f.type] ?? null,
        currencyAt: f.type === 'money' && f.currencyField ? fields.findIndex((x) => x.key === f.currencyField) : -1,
        currencyTarget: targets.has(f.key),
      })),
      inOrder: fields.map((_, i) => i),
    };
    plans.set(collection, plan);
  }
  return plan;
}

/**
 * The field with every property FieldSpec has, in one order (those a spec leaves out as
 * undefined). The specs are written with different ones, so V8 gave them different shapes, and
 * reading a property across a row's fields took its slowest (megamorphic) lookup: ~3 % of a
 * check's time.
 */
function oneShape(f: FieldSpec): FieldSpec {
  // Every key of FieldSpec, required here: a property added there and not here fails to compile.
  const all: { [K in keyof Required<FieldSpec>]: FieldSpec[K] } = {
    key: f.key,
    type: f.type,
    required: f.required,
    label: f.label,
    aliases: f.aliases,
    minLength: undefined,
    maxLength: undefined,
    min: undefined,
    max: undefined,
    options: undefined,
    defaultValue: undefined,
    fixedCurrency: undefined,
    currencyField: undefined,
    multiline: undefined,
    minDate: undefined,
    notInFuture: undefined,
  };
  return Object.assign(all, f);
}

/** Whether a missing value is an error: in partial (update) mode only the natural key must be there. */
function mustBePresent(f: FieldSpec, naturalKey: string, partial: boolean): boolean {
  return f.required && (!partial || f.key === naturalKey);
}

/**
 * Mapped cells (keyed by field key) → the record to store and every error found. Keys that are not
 * fields of the collection are ignored here (the mapping decides what is imported).
 */
export function parseRow(collection: CollectionName, cells: Record<string, CellValue>, opts: ParseOptions): ParseResult {
  const plan = planOf(collection);
  const values = plan.fields.map(({ field: f }) => (Object.prototype.hasOwnProperty.call(cells, f.key) ? cells[f.key] : undefined));
  return withRecord(plan, parseCells(plan, values, plan.inOrder, opts));
}

/**
 * parseRow for a spreadsheet row as it is read: field i of the collection's spec takes the cell
 * `cells[columns[i]]`, none when the column is -1. Saves building a keyed object per row.
 */
export function parseRowByColumn(
  collection: CollectionName,
  cells: readonly CellValue[],
  columns: readonly number[],
  opts: ParseOptions,
): ParseResult {
  const plan = planOf(collection);
  return withRecord(plan, parseCells(plan, cells, columns, opts));
}

/** parseRowByColumn without the record: the values by field (ParsedValues). */
export function parseValuesByColumn(
  collection: CollectionName,
  cells: readonly CellValue[],
  columns: readonly number[],
  opts: ParseOptions,
): ParsedValues {
  return parseCells(planOf(collection), cells, columns, opts);
}

/** The index of `field` in importFields(collection), -1 when the import has no such column. */
export function importFieldIndex(collection: CollectionName, field: string): number {
  return planOf(collection).fields.findIndex((p) => p.field.key === field);
}

function withRecord(plan: RowPlan, { values, errors }: ParsedValues): ParseResult {
  return { values, record: recordOf(plan, values), errors };
}

function recordOf(plan: RowPlan, values: readonly (StoredValue | undefined)[]): StoredRecord {
  const record: StoredRecord = {};
  for (let i = 0; i < values.length; i++) if (values[i] !== undefined) record[(plan.fields[i] as FieldPlan).field.key] = values[i] as StoredValue;
  return record;
}

function parseCells(plan: RowPlan, cells: readonly CellValue[], columns: readonly number[], opts: ParseOptions): ParsedValues {
  const parsed = parseCellsInOrder(plan, cells, columns, opts);
  if (parsed.errors.length > 0) keyMayFallBack(plan.collection, plan.naturalKey, parsed.errors, () => recordOf(plan, parsed.values));
  return parsed;
}

/**
 * A row without its natural key that a fallback rule can still match (name + birth date …) is
 * not wrong for that: the server looks it up, and says so if nothing or more than one matches.
 * `record` is built only when the key is missing.
 */
function keyMayFallBack(collection: CollectionName, naturalKey: string, errors: FieldError[], record: () => Readonly<Record<string, unknown>>): void {
  const i = errors.findIndex((e) => e.field === naturalKey && e.code === 'required');
  if (i >= 0 && canMatchWithoutKey(collection, record() as Record<string, StoredValue>)) errors.splice(i, 1);
}

function parseCellsInOrder(plan: RowPlan, cells: readonly CellValue[], columns: readonly number[], opts: ParseOptions): ParsedValues {
  const today = opts.today ?? todayIso();
  const { naturalKey, fields } = plan;
  // Every field's value is set below, in order. Stored by index, not pushed: V8 did not inline
  // the pushes here, and called its push builtin twenty times a row.
  const values: (StoredValue | undefined)[] = new Array(fields.length);
  const errors: FieldError[] = [];
  // Only money fields with a currency beside them need these; most rows never allocate them.
  let writtenCurrency: { at: number; currencyAt: number; currency: string }[] | null = null;
  let fromCell: Set<number> | null = null;

  for (let i = 0; i < fields.length; i++) {
    const p = fields[i] as FieldPlan;
    const f = p.field;
    const column = columns[i] as number;
    const v = column < 0 ? undefined : cells[column];
    if (isBlank(v)) {
      const required = mustBePresent(f, naturalKey, opts.partial);
      if (required) errors.push({ field: f.key, code: 'required' });
      values[i] = required || opts.partial ? undefined : f.defaultValue;
      continue;
    }
    const value = p.parse(f, v, opts.numberStyle);
    if (typeof value === 'object') {
      errors.push({ field: f.key, ...value });
      values[i] = undefined;
      continue;
    }
    if (value === '') {
      // Text that was only invisible characters counts as empty.
      if (mustBePresent(f, naturalKey, opts.partial)) errors.push({ field: f.key, code: 'required' });
      values[i] = undefined;
      continue;
    }
    const range = p.range && p.range(f, value, today);
    if (range) {
      errors.push({ field: f.key, ...range });
      values[i] = undefined;
      continue;
    }
    values[i] = value;
    if (p.currencyTarget) (fromCell ??= new Set()).add(i);
    if (p.currencyAt >= 0 && currencyBeside) (writtenCurrency ??= []).push({ at: i, currencyAt: p.currencyAt, currency: currencyBeside });
  }
  if (!writtenCurrency) return { values, errors };

  // "$100" in the amount column: the currency column, when filled in, must agree; otherwise it is set.
  for (const { at, currencyAt, currency } of writtenCurrency) {
    const cf = (fields[currencyAt] as FieldPlan).field.key;
    if (errors.some((e) => e.field === cf)) continue;
    if (fromCell?.has(currencyAt) && values[currencyAt] !== currency) {
      errors.push({ field: (fields[at] as FieldPlan).field.key, code: 'invalid_format', params: { currency, expected: String(values[currencyAt]) } });
      values[at] = undefined;
    } else {
      values[currencyAt] = currency;
    }
  }
  return { values, errors };
}

/** Is `value` exactly a stored value for this field? Returns the problem, or null. */
function storedIssue(f: FieldSpec, value: unknown, today: string): Issue | null {
  const bad: Issue = { code: 'invalid_format' };
  switch (f.type) {
    case 'text':
      if (typeof value !== 'string' || value !== normalizeText(f, value)) return bad;
      break;
    case 'nationalId': {
      if (typeof value !== 'string') return bad;
      if (/\s/.test(value)) return bad;
      const err = tcKimlikError(value);
      if (err) return { code: err };
      break;
    }
    case 'phone':
      if (typeof value !== 'string' || normalizeTurkishMobile(value) !== value) return bad;
      break;
    case 'email':
      if (typeof value !== 'string' || normalizeEmail(value) !== value || !isValidEmail(value)) return bad;
      break;
    case 'date':
      if (!isIsoDate(value)) return bad;
      break;
    case 'province':
      if (typeof value !== 'string' || !PROVINCES.includes(value)) return { code: 'unknown_value', params: { value: shown(value) } };
      break;
    case 'integer':
    case 'money':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return bad;
      break;
    case 'currency':
    case 'enum':
      if (typeof value !== 'string' || !(f.options ?? []).some((o) => o.value === value)) {
        return { code: 'unknown_value', params: { value: shown(value) } };
      }
      break;
    case 'iban': {
      if (typeof value !== 'string' || normalizeIban(value) !== value) return bad;
      const err = ibanError(value);
      if (err) return { code: err };
      break;
    }
  }
  return rangeIssue(f, value as StoredValue, today);
}

/**
 * Server-side re-validation of a normalised record. Accepts exactly what parseRow produces; any
 * other shape or value is reported with the code parseRow would have used.
 */
export function checkRecord(
  collection: CollectionName,
  record: Record<string, unknown>,
  opts: { partial: boolean; today?: string },
): FieldError[] {
  const spec = getSpec(collection);
  const today = opts.today ?? todayIso();
  const errors: FieldError[] = [];
  const known = new Set(spec.fields.map((f) => f.key));
  for (const key of Object.keys(record)) {
    if (!known.has(key) && !SYSTEM_FIELDS.has(key)) {
      errors.push({ field: key, code: 'unknown_value', params: { unknownField: key } });
    }
  }
  for (const f of spec.fields) {
    const value = record[f.key];
    if (value === undefined || value === null || value === '') {
      if (mustBePresent(f, spec.naturalKey, opts.partial)) errors.push({ field: f.key, code: 'required' });
      else if (value !== undefined) errors.push({ field: f.key, code: 'invalid_format' });
      continue;
    }
    const issue = storedIssue(f, value, today);
    if (issue) errors.push({ field: f.key, ...issue });
  }
  // Only an absent key: an empty string sent as the key is not what parseRow produces.
  if (record[spec.naturalKey] === undefined) keyMayFallBack(collection, spec.naturalKey, errors, () => record);
  return errors;
}
