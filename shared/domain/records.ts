// Turning a mapped spreadsheet row into a stored record (parseRow), and re-checking a stored record
// on the server (checkRecord). Both apply the same range rules, so the server accepts exactly what
// the importer produces.
import type {
  CellValue,
  CollectionName,
  FieldError,
  FieldSpec,
  ParseOptions,
  ParseResult,
  StoredRecord,
  StoredValue,
} from './types';
import { getSpec } from './collections';
import { isIsoDate, parseDate, todayIso } from './dates';
import { isValidEmail, normalizeEmail } from './email';
import { ibanError, normalizeIban } from './iban';
import { matchOption } from './options';
import { parseInteger, parseMoneyWithCurrency } from './money';
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

/** Range rules shared by parseRow and checkRecord, applied to a well-formed stored value. */
function rangeIssue(f: FieldSpec, value: StoredValue, today: string): Issue | null {
  switch (f.type) {
    case 'text': {
      const len = textLength(String(value));
      if (f.maxLength !== undefined && len > f.maxLength) return { code: 'too_long', params: { max: f.maxLength, length: len } };
      if (f.minLength !== undefined && len < f.minLength) return { code: 'invalid_format', params: { min: f.minLength } };
      return null;
    }
    case 'integer': {
      const n = Number(value);
      if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)) {
        return { code: 'out_of_range', params: bounds(f.min, f.max) };
      }
      return null;
    }
    case 'money': {
      const n = Number(value);
      if (f.min !== undefined && n < f.min) {
        // min 1 (minor unit) reads as "greater than zero"; min 0 as "not negative".
        return { code: 'out_of_range', params: f.min === 1 ? { exclusiveMin: 0 } : { min: f.min / 100 } };
      }
      if (f.max !== undefined && n > f.max) return { code: 'out_of_range', params: { max: f.max / 100 } };
      return null;
    }
    case 'date': {
      const d = String(value);
      const max = f.notInFuture ? today : undefined;
      if ((f.minDate !== undefined && d < f.minDate) || (max !== undefined && d > max)) {
        return { code: 'out_of_range', params: bounds(f.minDate, max) };
      }
      return null;
    }
    default:
      return null;
  }
}

function bounds<T extends string | number>(min: T | undefined, max: T | undefined): Record<string, T> {
  const p: Record<string, T> = {};
  if (min !== undefined) p.min = min;
  if (max !== undefined) p.max = max;
  return p;
}

interface Parsed {
  value?: StoredValue;
  issue?: Issue;
  /** Currency written beside a money amount ("$100"). */
  currency?: string | null;
}

function parseCell(f: FieldSpec, v: CellValue, opts: ParseOptions): Parsed {
  switch (f.type) {
    case 'text':
      return { value: normalizeText(f, cellToText(v)) };
    case 'nationalId': {
      if (typeof v === 'number' && !Number.isInteger(v)) return { issue: { code: 'invalid_format' } };
      const text = cellToText(v);
      const id = HAS_WHITESPACE.test(text) ? text.replace(/\s+/g, '') : text;
      const err = tcKimlikError(id);
      return err ? { issue: { code: err } } : { value: id };
    }
    case 'phone': {
      const phone = normalizeTurkishMobile(cellToText(v));
      return phone ? { value: phone } : { issue: { code: 'invalid_format' } };
    }
    case 'email': {
      const email = normalizeEmail(cellToText(v));
      return isValidEmail(email) ? { value: email } : { issue: { code: 'invalid_format' } };
    }
    case 'date': {
      const d = parseDate(v);
      return d ? { value: d } : { issue: { code: 'invalid_format' } };
    }
    case 'province': {
      const p = findProvince(cellToText(v));
      return p ? { value: p } : { issue: { code: 'unknown_value', params: { value: shown(v) } } };
    }
    case 'integer': {
      const n = parseInteger(v, opts.numberStyle);
      return n === null ? { issue: { code: 'invalid_format' } } : { value: n };
    }
    case 'money': {
      const m = parseMoneyWithCurrency(v, opts.numberStyle);
      if (!m) return { issue: { code: 'invalid_format' } };
      if (f.fixedCurrency && m.currency && m.currency !== f.fixedCurrency) {
        return { issue: { code: 'invalid_format', params: { currency: m.currency, expected: f.fixedCurrency } } };
      }
      return { value: m.minor, currency: m.currency };
    }
    case 'currency':
    case 'enum': {
      const o = matchOption(f, cellToText(v));
      return o ? { value: o } : { issue: { code: 'unknown_value', params: { value: shown(v) } } };
    }
    case 'iban': {
      const iban = normalizeIban(cellToText(v));
      const err = ibanError(iban);
      return err ? { issue: { code: err } } : { value: iban };
    }
  }
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
  const spec = getSpec(collection);
  const today = opts.today ?? todayIso();
  const record: StoredRecord = {};
  const errors: FieldError[] = [];
  // Only money fields with a currency beside them need these; most rows never allocate them.
  let writtenCurrency: { field: FieldSpec; currency: string }[] | null = null;
  let fromCell: Set<string> | null = null;

  for (const f of spec.fields) {
    const v = Object.prototype.hasOwnProperty.call(cells, f.key) ? cells[f.key] : undefined;
    if (isBlank(v)) {
      if (mustBePresent(f, spec.naturalKey, opts.partial)) errors.push({ field: f.key, code: 'required' });
      else if (!opts.partial && f.defaultValue !== undefined) record[f.key] = f.defaultValue;
      continue;
    }
    const parsed = parseCell(f, v, opts);
    if (parsed.issue) {
      errors.push({ field: f.key, ...parsed.issue });
      continue;
    }
    if (parsed.value === undefined) continue;
    if (parsed.value === '') {
      // Text that was only invisible characters counts as empty.
      if (mustBePresent(f, spec.naturalKey, opts.partial)) errors.push({ field: f.key, code: 'required' });
      continue;
    }
    const range = rangeIssue(f, parsed.value, today);
    if (range) {
      errors.push({ field: f.key, ...range });
      continue;
    }
    record[f.key] = parsed.value;
    (fromCell ??= new Set()).add(f.key);
    if (parsed.currency && f.currencyField) (writtenCurrency ??= []).push({ field: f, currency: parsed.currency });
  }
  if (!writtenCurrency) return { record, errors };

  // "$100" in the amount column: the currency column, when filled in, must agree; otherwise it is set.
  for (const { field, currency } of writtenCurrency) {
    const cf = field.currencyField as string;
    if (errors.some((e) => e.field === cf)) continue;
    if (fromCell?.has(cf) && record[cf] !== currency) {
      errors.push({ field: field.key, code: 'invalid_format', params: { currency, expected: String(record[cf]) } });
      delete record[field.key];
    } else {
      record[cf] = currency;
    }
  }
  return { record, errors };
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
  return errors;
}
