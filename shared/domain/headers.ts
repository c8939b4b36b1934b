// Suggesting which spreadsheet column feeds which field, and saying why.
//
// A header names a field when it is one of the field's aliases (folded: "T.C. KİMLİK NO" is
// "TC Kimlik No"), or when its words — each folded, its possessive or plural suffix removed
// ("İLÇESİ" → ilçe), an abbreviation expanded ("TEL." → telefon, "D. TAR." → doğum tarih), a
// synonym read as its word ("aile fert sayısı" → hane kişi sayı) — are exactly a word set the field
// is known by (headerWords.ts). A header with a word the tables do not know names nothing: "Baba
// Adı", "Doğum Yeri", "Kayıt Tarihi", "KDV Tutarı", "SIRA NO" stay unmapped, however their values
// look. The column's values only confirm, rank two candidates for one field, or settle a header
// too vague on its own ("No" over valid TC numbers); a wrong mapping is worse than none.
import type { CollectionName, FieldSpec, Localized } from './types';
import { getSpec, importFields } from './collections';
import { foldCompact, levenshtein } from './text';
import { FIELD_WORDS, FILLERS, FILLERS_EVERYWHERE, VALUE_SETTLED, WORD_TABLE, type ValueKind, type WordKind } from './headerWords';

export interface HeaderSuggestion {
  header: string;
  field: string | null;
  /** 1 for an alias, a little less the further the spelling is from one; 0 when unmatched. */
  confidence: number;
  /** Why, in both languages ("T.C. KİMLİK NO → TC Kimlik No: aynı sözcükler"); null when unmatched. */
  reason: Localized | null;
}

export interface SuggestOptions {
  /**
   * The kind of value each column holds (headerEvidence.ts columnValueKinds, from a few data
   * rows): it confirms or ranks the header matches. Computed by the caller, so header matching
   * alone loads no phone or date rules.
   */
  valueKinds?: readonly (ValueKind | null)[];
}

// How sure a match is, by the weakest step from the header to the field's words.
const KIND_CONFIDENCE: Record<WordKind, number> = { same: 0.98, suffix: 0.95, abbreviation: 0.93, synonym: 0.9, typo: 0.8 };
const KIND_ORDER: WordKind[] = ['same', 'suffix', 'abbreviation', 'synonym', 'typo'];
const FILLER_PENALTY = 0.03;
const VALUE_SETTLED_CONFIDENCE = 0.75;
const CONFIRMED_BONUS = 0.05;
const CONTRADICTED_FACTOR = 0.6;
// Past this many letters a single typo still leaves the word recognisable ("Telefn", "Adress").
const MIN_TYPO_LENGTH = 5;

const MEANINGFUL_IN_PARENS = /adet|kdv|sayı|oran|%/u;
const SUFFIXES = ['larinin', 'lerinin', 'sinin', 'sunun', 'inin', 'unun', 'lari', 'leri', 'deki', 'daki', 'nin', 'nun', 'lar', 'ler', 'si', 'su', 'in', 'un', 'de', 'da', 'i', 'u'];

interface Word {
  canon: string;
  kind: WordKind;
  /** A word that adds nothing anywhere ("Açık Adres"), or in this collection ("Bağışçı TC"). */
  filler: 'everywhere' | 'collection' | null;
}

/** The header's words: Turkish lower case, no diacritics, units in parentheses and punctuation gone. */
export function headerWords(header: string): string[] {
  let t = header.normalize('NFC').replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2');
  // A unit or format in parentheses goes ("Tutar (TL)", "Tarih (gg.aa.yyyy)"); a count or tax stays ("Miktar (Adet)").
  t = t.toLocaleLowerCase('tr-TR').replace(/\(([^()]*)\)|\[([^[\]]*)\]/g, (_, a?: string, b?: string) => (MEANINGFUL_IN_PARENS.test(a ?? b ?? '') ? ` ${a ?? b} ` : ' '));
  t = t.normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/g, 'i');
  t = t.replace(/['’`´]/g, '').replace(/(\p{L})(\p{N})|(\p{N})(\p{L})/gu, '$1$3 $2$4');
  return t.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

const TYPO_TARGETS = [...WORD_TABLE.keys()].filter((w) => w.length >= MIN_TYPO_LENGTH);

function isFiller(word: string, collection: CollectionName): Word['filler'] {
  if (FILLERS_EVERYWHERE.has(word)) return 'everywhere';
  return Object.hasOwn(FILLERS[collection], word) ? 'collection' : null;
}

/** One word (or several written apart: "t c", "e posta") as the tables know it; null when unknown. */
function lookup(word: string, collection: CollectionName, typos: boolean): Word[] | null {
  const direct = WORD_TABLE.get(word);
  const filler = isFiller(word, collection);
  if (direct) return direct.canon.map((canon) => ({ canon, kind: direct.kind, filler: direct.canon.length === 1 ? isFiller(canon, collection) : null }));
  if (filler) return [{ canon: word, kind: 'same', filler }];
  for (const suffix of SUFFIXES) {
    if (word.length <= suffix.length + 1 || !word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    const entry = WORD_TABLE.get(stem);
    if (entry) return entry.canon.map((canon) => ({ canon, kind: weaker(entry.kind, 'suffix'), filler: entry.canon.length === 1 ? isFiller(canon, collection) : null }));
    const stemFiller = isFiller(stem, collection);
    if (stemFiller) return [{ canon: stem, kind: 'suffix', filler: stemFiller }];
  }
  if (!typos || word.length < MIN_TYPO_LENGTH) return null;
  const near = typoOf(word);
  return near === null ? null : near.split(' ').map((canon) => ({ canon, kind: 'typo', filler: null }));
}

// A word's typo search walks the whole word table; header detection asks about the same words for
// every candidate row and record type, so each word is searched once (a few hundred words a file).
const typoCache = new Map<string, string | null>();

/** The canonical words of the one known word within one edit of `word`, or null (none, or several). */
function typoOf(word: string): string | null {
  const cached = typoCache.get(word);
  if (cached !== undefined) return cached;
  const near = new Set<string>();
  for (const target of TYPO_TARGETS) {
    if (Math.abs(target.length - word.length) <= 1 && levenshtein(word, target) <= 1) near.add(WORD_TABLE.get(target)!.canon.join(' '));
  }
  const found = near.size === 1 ? [...near][0]! : null;
  if (typoCache.size >= 10_000) typoCache.clear();
  typoCache.set(word, found);
  return found;
}

function weaker(a: WordKind, b: WordKind): WordKind {
  return KIND_ORDER.indexOf(a) >= KIND_ORDER.indexOf(b) ? a : b;
}

/** The header as words the tables know; null when one of its words is unknown. */
function knownWords(header: string, collection: CollectionName): Word[] | null {
  const raw = headerWords(header);
  const out: Word[] = [];
  for (let i = 0; i < raw.length; ) {
    let found: Word[] | null = null;
    let used = 1;
    // Words written apart that the tables know together: "T C" → tc, "E posta" → eposta.
    for (let j = Math.min(raw.length, i + 3); j > i + 1 && !found; j--) {
      found = lookup(raw.slice(i, j).join(''), collection, false);
      if (found) used = j - i;
    }
    found ??= lookup(raw[i]!, collection, true);
    if (!found) return null;
    out.push(...found);
    i += used;
  }
  return out;
}

/** Non-empty subsets of a few words, smallest first. */
function subsetsBySize(words: string[]): string[][] {
  const all: string[][] = [];
  for (let mask = 1; mask < 1 << words.length; mask++) all.push(words.filter((_, i) => mask & (1 << i)));
  return all.sort((a, b) => a.length - b.length);
}

const setKey = (canons: Iterable<string>) => [...new Set(canons)].sort().join(' ');

const FIELDS_BY_WORDS = new Map<CollectionName, Map<string, string[]>>();
function fieldsByWords(collection: CollectionName): Map<string, string[]> {
  let index = FIELDS_BY_WORDS.get(collection);
  if (!index) {
    index = new Map();
    for (const [field, sets] of Object.entries(FIELD_WORDS[collection])) {
      for (const words of sets) {
        const key = setKey(words.split(' '));
        index.set(key, [...(index.get(key) ?? []), field]);
      }
    }
    FIELDS_BY_WORDS.set(collection, index);
  }
  return index;
}

interface Match {
  field: string;
  confidence: number;
  kinds: WordKind[];
  fillers: boolean;
  settledBy?: ValueKind;
}

/** The fields by each alias's compact fold, in field order (built once per field list). */
const aliasIndexes = new WeakMap<readonly FieldSpec[], Map<string, FieldSpec[]>>();
function fieldsByAlias(fields: readonly FieldSpec[]): Map<string, FieldSpec[]> {
  let index = aliasIndexes.get(fields);
  if (!index) {
    index = new Map();
    for (const f of fields) {
      for (const alias of f.aliases) {
        const list = index.get(foldCompact(alias)) ?? [];
        if (list.at(-1) !== f) list.push(f);
        index.set(foldCompact(alias), list);
      }
    }
    aliasIndexes.set(fields, index);
  }
  return index;
}

// Header detection asks about every cell of the rows it considers, for each record type: a header
// seen before is answered from here (bounded: a column of unique values cannot hold memory).
const matchMemo = new WeakMap<readonly FieldSpec[], Map<string, Match[]>>();
const MATCH_MEMO_LIMIT = 10_000;

/** Every field the header names in this collection (values aside). */
function headerMatches(collection: CollectionName, header: string, fields: FieldSpec[]): Match[] {
  let memo = matchMemo.get(fields);
  if (!memo) matchMemo.set(fields, (memo = new Map()));
  const seen = memo.get(header);
  if (seen) return seen;
  const found = matchesOf(collection, header, fields);
  if (memo.size >= MATCH_MEMO_LIMIT) memo.clear();
  memo.set(header, found);
  return found;
}

/**
 * Whether a header may name a field: one without a letter ("2024", "#", "17.06.1962") names none,
 * as every alias has words. Header detection relies on it to pass over a CSV's data rows.
 */
export function mayNameField(header: string): boolean {
  return /\p{L}/u.test(header);
}

function matchesOf(collection: CollectionName, header: string, fields: FieldSpec[]): Match[] {
  if (!mayNameField(header)) return [];
  const compact = foldCompact(header);
  if (!compact) return [];
  const exact = fieldsByAlias(fields).get(compact) ?? [];
  if (exact.length > 0) return exact.map((f) => ({ field: f.key, confidence: 1, kinds: ['same'], fillers: false }));
  const words = knownWords(header, collection);
  if (!words) return [];
  const index = fieldsByWords(collection);
  const attempt = (kept: Word[], fillers: boolean): Match[] => {
    if (kept.length === 0) return [];
    const found = index.get(setKey(kept.map((w) => w.canon))) ?? [];
    const kind = kept.reduce<WordKind>((k, w) => weaker(k, w.kind), 'same');
    const confidence = KIND_CONFIDENCE[kind] - (fillers ? FILLER_PENALTY : 0);
    return found.map((field) => ({ field, confidence, kinds: [...new Set(kept.map((w) => w.kind))], fillers }));
  };
  const everywhere = words.filter((w) => w.filler !== 'everywhere');
  const dropped = everywhere.length < words.length;
  const whole = attempt(everywhere, dropped);
  if (whole.length > 0) return whole;
  // Subject words dropped, fewest first ("Bağış Makbuz No" drops bağış, not makbuz); each stands
  // only before the fields it may prefix ("Bağışçı Türü" is no purpose).
  const subjects = [...new Set(everywhere.filter((w) => w.filler === 'collection').map((w) => w.canon))];
  for (const drop of subsetsBySize(subjects)) {
    const kept = everywhere.filter((w) => !drop.includes(w.canon));
    const allowed = (field: string) => drop.every((d) => { const s = FILLERS[collection][d]!; return s === 'all' || s.includes(field); });
    const stripped = attempt(kept, true).filter((m) => allowed(m.field));
    if (stripped.length > 0) return stripped;
  }
  const vague = setKey(everywhere.map((w) => w.canon));
  return VALUE_SETTLED[collection]
    .filter((v) => setKey(v.words.split(' ')) === vague)
    .map((v) => ({ field: v.field, confidence: VALUE_SETTLED_CONFIDENCE, kinds: [], fillers: false, settledBy: v.kind }));
}

const FIELD_VALUE_KIND: Partial<Record<FieldSpec['type'], ValueKind>> = {
  nationalId: 'nationalId',
  phone: 'phone',
  date: 'date',
  email: 'email',
  money: 'number',
  integer: 'number',
};

/** Whether the values fit the field: 1 they show its kind, -1 they show another kind, 0 no say. */
function valueFit(field: FieldSpec, kind: ValueKind | null): -1 | 0 | 1 {
  const want = FIELD_VALUE_KIND[field.type];
  if (!want || kind === null) return 0;
  if (kind === want) return 1;
  // Dates typed as Excel serials read as plain numbers; they still parse as dates.
  if (want === 'date' && kind === 'number') return 0;
  return -1;
}

const KIND_WORDS: Record<WordKind, Localized> = {
  same: { tr: 'aynı sözcükler', en: 'same words' },
  suffix: { tr: 'ekli yazılışı', en: 'the same word with a suffix' },
  abbreviation: { tr: 'kısaltma', en: 'abbreviation' },
  synonym: { tr: 'eş anlamlı', en: 'synonym' },
  typo: { tr: 'yazım farkı', en: 'a likely typo' },
};
const VALUE_WORDS: Record<ValueKind, Localized> = {
  nationalId: { tr: 'TC kimlik numarası', en: 'national ID numbers' },
  phone: { tr: 'cep telefonu', en: 'mobile numbers' },
  date: { tr: 'tarih', en: 'dates' },
  email: { tr: 'e-posta adresi', en: 'e-mail addresses' },
  number: { tr: 'sayı', en: 'numbers' },
};

function explain(header: string, field: FieldSpec, m: Match, kind: ValueKind | null, fit: number): Localized {
  const parts: Localized[] = [];
  if (m.settledBy) parts.push({ tr: `değerleri ${VALUE_WORDS[m.settledBy].tr}`, en: `its values are ${VALUE_WORDS[m.settledBy].en}` });
  const kinds = m.kinds.length > 1 ? m.kinds.filter((k) => k !== 'same') : m.kinds;
  for (const k of KIND_ORDER) if (kinds.includes(k)) parts.push(KIND_WORDS[k]);
  if (m.fillers) parts.push({ tr: 'fazla sözcükler yok sayıldı', en: 'extra words ignored' });
  if (kind && fit > 0 && !m.settledBy) parts.push({ tr: `değerleri de ${VALUE_WORDS[kind].tr}`, en: `its values are ${VALUE_WORDS[kind].en} too` });
  if (kind && fit < 0) parts.push({ tr: `ama değerleri ${VALUE_WORDS[kind].tr} gibi`, en: `but its values look like ${VALUE_WORDS[kind].en}` });
  const say = (lang: 'tr' | 'en') => `${header} → ${field.label[lang]}: ${parts.map((p) => p[lang]).join(', ')}`;
  return { tr: say('tr'), en: say('en') };
}

/**
 * For each header, the field it most likely holds and why. Every field goes to at most one
 * header: the most confident pairs first, then the one whose values fit, then the leftmost.
 */
export function suggestMapping(collection: CollectionName, headers: string[], opts: SuggestOptions = {}): HeaderSuggestion[] {
  const fields = importFields(collection);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const candidates: { h: number; field: FieldSpec; confidence: number; fit: number; reason: Localized }[] = [];
  headers.forEach((header, h) => {
    if (typeof header !== 'string') return;
    const matches = headerMatches(collection, header, fields);
    if (matches.length === 0) return;
    const kind = opts.valueKinds?.[h] ?? null;
    for (const m of matches) {
      const field = byKey.get(m.field)!;
      const fit = valueFit(field, kind);
      // A vague header is a field only when its values say so.
      if (m.settledBy && kind !== m.settledBy) continue;
      let confidence = m.confidence;
      if (fit > 0 && !m.settledBy) confidence = Math.min(1, confidence + CONFIRMED_BONUS);
      if (fit < 0) confidence *= CONTRADICTED_FACTOR;
      candidates.push({ h, field, confidence, fit, reason: explain(header, field, m, kind, fit) });
    }
  });
  candidates.sort((x, y) => y.confidence - x.confidence || y.fit - x.fit || x.h - y.h);
  const result: HeaderSuggestion[] = headers.map((header) => ({ header, field: null, confidence: 0, reason: null }));
  const taken = new Set<string>();
  for (const c of candidates) {
    const slot = result[c.h];
    if (!slot || slot.field !== null || taken.has(c.field.key)) continue;
    slot.field = c.field.key;
    slot.confidence = Math.round(c.confidence * 1000) / 1000;
    slot.reason = c.reason;
    taken.add(c.field.key);
  }
  return result;
}

/** Required fields (spec order) that no header is mapped to. mapping: header → field key or null. */
export function missingRequiredFields(collection: CollectionName, mapping: Record<string, string | null>): string[] {
  const mapped = new Set(Object.values(mapping).filter((v): v is string => typeof v === 'string'));
  return getSpec(collection)
    .fields.filter((f) => f.required && !mapped.has(f.key))
    .map((f) => f.key);
}
