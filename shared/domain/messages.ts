// Error messages: full sentences in Turkish and English, built from a FieldError's code and params.
import type { CollectionName, FieldError, FieldSpec, Lang } from './types';
import { anyFieldLabel, getField, getSpec } from './collections';
import { COLLECTIONS } from './vocabularies';
import { dottedDate } from './display';

type Params = Record<string, string | number>;

function findField(key: string, collection?: CollectionName): FieldSpec | undefined {
  if (collection) return getField(collection, key);
  for (const c of COLLECTIONS) {
    const f = getField(c, key);
    if (f) return f;
  }
  return undefined;
}

/** ISO dates read as 31.12.2024 (as everywhere on screen); numbers get the language's decimal separator. */
function show(v: string | number | undefined, lang: Lang): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return lang === 'tr' ? String(v).replace('.', ',') : String(v);
  return dottedDate(v) ?? v;
}

function invalidFormat(f: FieldSpec | undefined, label: string, p: Params, lang: Lang): string {
  const tr = lang === 'tr';
  if (p.min !== undefined) {
    return tr ? `${label} en az ${p.min} karakter olmalı` : `${label} must be at least ${p.min} characters long`;
  }
  if (p.currency !== undefined && p.expected !== undefined) {
    return tr
      ? `${label} ${p.currency} olarak yazılmış, ancak para birimi ${p.expected}`
      : `${label} is written in ${p.currency}, but the currency is ${p.expected}`;
  }
  switch (f?.type) {
    case 'nationalId':
      return tr
        ? `${label} 11 haneli olmalı ve 0 ile başlamamalı`
        : `${label} must have 11 digits and must not start with 0`;
    case 'phone':
      return tr
        ? `${label} geçerli bir cep telefonu numarası değil (ör. 0532 123 45 67)`
        : `${label} is not a valid Turkish mobile number (e.g. 0532 123 45 67)`;
    case 'email':
      return tr ? `${label} geçerli bir e-posta adresi değil` : `${label} is not a valid email address`;
    case 'date':
      return tr
        ? `${label} tanınan bir tarih değil (ör. 31.12.2024)`
        : `${label} is not a recognised date (e.g. 31.12.2024 or 2024-12-31)`;
    case 'money':
      return tr
        ? `${label} geçerli bir tutar değil (ör. 1.250,50); en fazla iki ondalık basamak olabilir`
        : `${label} is not a valid amount (e.g. 1250.50); at most two decimal places are allowed`;
    case 'integer':
      return tr ? `${label} bir tam sayı olmalı` : `${label} must be a whole number`;
    case 'iban':
      return tr
        ? `${label} TR ile başlayan 26 karakterlik bir IBAN olmalı`
        : `${label} must be a 26-character IBAN starting with TR`;
    default:
      return tr ? `${label} biçimi geçersiz` : `${label} has an invalid format`;
  }
}

function outOfRange(f: FieldSpec | undefined, label: string, p: Params, lang: Lang): string {
  const tr = lang === 'tr';
  if (p.exclusiveMin !== undefined) {
    if (Number(p.exclusiveMin) === 0) return tr ? `${label} sıfırdan büyük olmalı` : `${label} must be greater than zero`;
    const m = show(p.exclusiveMin, lang);
    return tr ? `${label} ${m} değerinden büyük olmalı` : `${label} must be greater than ${m}`;
  }
  const min = show(p.min, lang);
  const max = show(p.max, lang);
  if (f?.type === 'date') {
    if (p.min !== undefined && p.max !== undefined) {
      return tr
        ? `${label} ${min} ile ${max} arasında olmalı; gelecekte bir tarih olamaz`
        : `${label} must be between ${min} and ${max}; it cannot be in the future`;
    }
  }
  if (p.min !== undefined && p.max !== undefined) {
    return tr ? `${label} ${min} ile ${max} arasında olmalı` : `${label} must be between ${min} and ${max}`;
  }
  if (p.min !== undefined) {
    if (Number(p.min) === 0) return tr ? `${label} negatif olamaz` : `${label} cannot be negative`;
    return tr ? `${label} en az ${min} olmalı` : `${label} must be at least ${min}`;
  }
  if (p.max !== undefined) return tr ? `${label} en fazla ${max} olabilir` : `${label} must be at most ${max}`;
  return tr ? `${label} izin verilen aralığın dışında` : `${label} is out of the allowed range`;
}

function unknownValue(f: FieldSpec | undefined, label: string, p: Params, lang: Lang): string {
  const tr = lang === 'tr';
  if (p.unknownField !== undefined) return tr ? `Tanınmayan alan: ${p.unknownField}` : `Unknown field: ${p.unknownField}`;
  const value = p.value !== undefined ? `"${p.value}"` : '';
  if (f?.type === 'province') {
    return tr
      ? `${label}: ${value} Türkiye'nin 81 ilinden biri değil`
      : `${label}: ${value} is not one of Turkey's 81 provinces`;
  }
  const allowed = (f?.options ?? []).map((o) => o.label[lang]).join(', ');
  const base = tr
    ? `${label} için tanınmayan değer${value ? `: ${value}` : ''}`
    : `Unknown value for ${label}${value ? `: ${value}` : ''}`;
  if (!allowed) return base;
  return tr ? `${base} (geçerli değerler: ${allowed})` : `${base} (allowed: ${allowed})`;
}

/**
 * The message for one error in the UI language. The field label comes from params.label when
 * given, else from the collection (or the first collection with that field key; shared keys such
 * as status or amount have the same label everywhere).
 */
export function errorMessage(err: FieldError, lang: Lang, collection?: CollectionName): string {
  const p: Params = err.params ?? {};
  const f = findField(err.field, collection);
  const label =
    typeof p.label === 'string'
      ? p.label
      : (f?.label[lang] ?? (collection ? undefined : anyFieldLabel(err.field, lang)) ?? err.field);
  const tr = lang === 'tr';
  switch (err.code) {
    case 'required':
      return tr ? `Zorunlu alan boş: ${label}` : `Required field is empty: ${label}`;
    case 'invalid_format':
      return invalidFormat(f, label, p, lang);
    case 'checksum':
      return tr ? `${label} geçersiz (kontrol hanesi tutmuyor)` : `${label} is invalid (the check digits do not match)`;
    case 'out_of_range':
      return outOfRange(f, label, p, lang);
    case 'unknown_value':
      return unknownValue(f, label, p, lang);
    case 'too_long':
      return tr
        ? `${label} en fazla ${p.max ?? '?'} karakter olabilir${p.length !== undefined ? ` (şu an ${p.length})` : ''}`
        : `${label} can be at most ${p.max ?? '?'} characters long${p.length !== undefined ? ` (it has ${p.length})` : ''}`;
    case 'duplicate_in_file':
      return tr ? `Bu kayıt dosyada ${p.row ?? '?'}. satırda da var` : `Duplicate of row ${p.row ?? '?'} in this file`;
    case 'already_exists':
      return tr ? 'Bu anahtarla bir kayıt zaten var' : 'A record with this key already exists';
    case 'not_found':
      return tr ? 'Güncellenecek kayıt bulunamadı' : 'No existing record with this key';
    case 'no_match':
      return noMatch(p, lang);
    case 'possible_duplicate': {
      const same = p.rule === 'namePhone' ? (tr ? 'ad ve telefon aynı' : 'same name and phone') : tr ? 'ad ve doğum tarihi aynı' : 'same name and birth date';
      return tr ? `Satır ${p.row ?? '?'} ile aynı kişi olabilir (${same})` : `May be the same person as row ${p.row ?? '?'} (${same})`;
    }
    case 'ambiguous_match': {
      const count = `${p.count ?? '?'}${p.more ? '+' : ''}`;
      return tr ? `${count} kayıt eşleşiyor: ${p.records ?? ''}` : `${count} records match: ${p.records ?? ''}`;
    }
  }
}

/** A keyless row that found no stored record: which key is missing and what was tried. */
function noMatch(p: Params, lang: Lang): string {
  const tr = lang === 'tr';
  if (p.rule === 'donorAmountDate') {
    return tr
      ? `Makbuz No boş ve bağışçı, tutar ve tarihe (± ${p.days ?? 0} gün) uyan bağış yok`
      : `Receipt no. is empty and no donation matches the donor, amount and date (± ${p.days ?? 0} days)`;
  }
  return tr
    ? 'TC Kimlik No boş ve ad ile doğum tarihine ya da telefona uyan kayıt yok'
    : 'National ID number is empty and no record matches the name and birth date or phone';
}

/** The natural key's label, e.g. for "already exists" details in the UI. */
export function naturalKeyLabel(collection: CollectionName, lang: Lang): string {
  const spec = getSpec(collection);
  return getField(collection, spec.naturalKey)?.label[lang] ?? spec.naturalKey;
}
