// Which kind of record a file holds, read from its headers with the same specs and header matching
// that map its columns (no list of its own): a header belongs to the collection whose field it
// matches best; a collection's natural key column ("TC Kimlik No", "Makbuz No", "Belge No") decides,
// otherwise the columns that fit only that collection count. Headers that fit several collections
// equally ("Ad Soyad", "Tutar", "Tarih", "Durum") prove nothing.
import { getField, getSpec } from './collections';
import { COLLECTIONS } from './vocabularies';
import { suggestMapping } from './headers';
import { foldTr } from './text';
import type { CollectionName, Lang } from './types';

export interface CollectionGuess {
  /** The likely collection; null when no header points anywhere or two collections fit equally. */
  collection: CollectionName | null;
  /** The header that decided, and the field it matched there. */
  header: string | null;
  field: string | null;
  /** 'naturalKey': the collection's key column is there; 'onlyHere': columns only it has. */
  basis: 'naturalKey' | 'onlyHere' | 'ambiguous' | 'none';
  /** Collections with some evidence, best first (for "ambiguous": the ones tied at the top). */
  candidates: CollectionName[];
}

interface Evidence {
  collection: CollectionName;
  keyColumn: number | null;
  /** Columns whose best match is in this collection only, with that match's confidence. */
  own: { column: number; field: string; confidence: number }[];
}

// Past this many columns a sheet is not a record list staff import; the guess looks at the first ones.
const MAX_HEADERS = 200;

export function guessCollection(headers: readonly string[]): CollectionGuess {
  const cols = headers.slice(0, MAX_HEADERS).map((h) => (typeof h === 'string' ? h : ''));
  const matches = COLLECTIONS.map((c) => suggestMapping(c, cols));
  const evidence: Evidence[] = COLLECTIONS.map((collection) => ({ collection, keyColumn: null, own: [] }));
  cols.forEach((_, column) => {
    let best = 0;
    for (const m of matches) best = Math.max(best, m[column]?.confidence ?? 0);
    if (best === 0) return;
    const homes = COLLECTIONS.flatMap((_, i) => (matches[i]?.[column]?.confidence === best ? [i] : []));
    if (homes.length !== 1) return;
    const i = homes[0]!;
    const field = matches[i]![column]!.field!;
    const ev = evidence[i]!;
    ev.own.push({ column, field, confidence: best });
    if (field === getSpec(ev.collection).naturalKey) ev.keyColumn = column;
  });
  // A key column outweighs any number of other columns; among equals, more own columns win.
  const score = (e: Evidence) => (e.keyColumn !== null ? 1000 : 0) + e.own.length;
  const ranked = evidence.filter((e) => score(e) > 0).sort((a, b) => score(b) - score(a));
  const top = ranked[0];
  if (!top) return { collection: null, header: null, field: null, basis: 'none', candidates: [] };
  const tied = ranked.filter((e) => score(e) === score(top));
  if (tied.length > 1) {
    return { collection: null, header: null, field: null, basis: 'ambiguous', candidates: tied.map((e) => e.collection) };
  }
  const decisive =
    top.keyColumn !== null
      ? top.own.find((o) => o.column === top.keyColumn)!
      : [...top.own].sort((a, b) => b.confidence - a.confidence || a.column - b.column)[0]!;
  return {
    collection: top.collection,
    header: cols[decisive.column] ?? null,
    field: decisive.field,
    basis: top.keyColumn !== null ? 'naturalKey' : 'onlyHere',
    candidates: ranked.map((e) => e.collection),
  };
}

/** Why the guess is what it is, one sentence: "“TC Kimlik No” sütunu var → İhtiyaç sahipleri". */
export function collectionGuessReason(guess: CollectionGuess, lang: Lang): string {
  const tr = lang === 'tr';
  const label = (c: CollectionName) => getSpec(c).label[lang];
  if (guess.collection && guess.header !== null) {
    const fieldLabel = guess.field ? getField(guess.collection, guess.field)?.label[lang] : undefined;
    // "Cep Tel." reads better with the field it was taken for: “Cep Tel.” (Telefon).
    const as = fieldLabel && foldTr(fieldLabel) !== foldTr(guess.header) ? ` (${fieldLabel})` : '';
    return tr
      ? `“${guess.header}”${as} sütunu var → ${label(guess.collection)}`
      : `“${guess.header}”${as} column found → ${label(guess.collection)}`;
  }
  if (guess.basis === 'ambiguous') {
    const names = guess.candidates.map(label).join(tr ? ' ve ' : ' and ');
    return tr
      ? `Başlıklar ${names} kayıtlarına eşit ölçüde uyuyor; lütfen kayıt türünü seçin`
      : `The headers fit ${names} equally well; please choose the record type`;
  }
  return tr
    ? 'Başlıklardan kayıt türü anlaşılamadı; lütfen seçin'
    : 'The headers do not show which kind of records these are; please choose';
}

/** The guess with its reason in both languages, as the inspect result and the CLI hand it out. */
export function explainedCollectionGuess(headers: readonly string[]): CollectionGuess & { reason: Record<Lang, string> } {
  const guess = guessCollection(headers);
  return { ...guess, reason: { tr: collectionGuessReason(guess, 'tr'), en: collectionGuessReason(guess, 'en') } };
}
