// Full-text search as a real Convex backend runs it (crates/search in get-convex/convex-backend),
// in place of convex-test's "any word starts with any term, no order":
//   - text is cut into tokens at every character that is not a letter or digit, tokens of 32
//     bytes or more are dropped, the rest lower-cased (tantivy's SimpleTokenizer, RemoveLongFilter,
//     LowerCaser);
//   - at most the first 16 query tokens count; every one but the last must equal a document token
//     (a whole word), the last may be a prefix of one (it stands for at most 16 dictionary terms);
//   - a document matches when it has any query term, and results come best first by BM25;
//   - at most 1,024 candidates are read: a query that wants more fails with
//     SearchQueryScannedTooManyDocumentsError.
// Ties and BM25's statistics differ in detail from tantivy's segments (see README).

export const MAX_QUERY_TERMS = 16;
export const MAX_PREFIX_MATCHES_PER_QUERY_TERM = 16;
export const MAX_CANDIDATE_REVISIONS = 1024;
const MAX_TEXT_TERM_BYTES = 32;
const K1 = 1.2;
const B = 0.75;

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const raw of text.split(/[^\p{L}\p{N}]+/u)) {
    if (raw === '' || Buffer.byteLength(raw) >= MAX_TEXT_TERM_BYTES) continue;
    tokens.push(raw.toLowerCase());
  }
  return tokens;
}

export interface QueryTerm {
  text: string;
  prefix: boolean;
}

export function queryTerms(query: string): QueryTerm[] {
  const tokens = tokenize(query).slice(0, MAX_QUERY_TERMS);
  return tokens.map((text, i) => ({ text, prefix: i === tokens.length - 1 }));
}

/**
 * The documents (given with their searchable text) that match `query`, best first. Each result
 * carries its score; `docs` order breaks ties (callers pass them oldest first).
 */
export function rankBySearch<D>(docs: readonly D[], textOf: (doc: D) => string, query: string): { doc: D; score: number }[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const tokenized = docs.map((doc) => tokenize(textOf(doc)));
  const dictionary = new Set<string>();
  let totalLength = 0;
  for (const tokens of tokenized) {
    totalLength += tokens.length;
    for (const t of tokens) dictionary.add(t);
  }
  const avgLength = tokenized.length === 0 ? 0 : totalLength / tokenized.length;
  // Each query term stands for the dictionary terms it matches: itself, or (the last) up to 16
  // terms it is a prefix of, in dictionary order.
  const sortedDictionary = terms.some((t) => t.prefix) ? [...dictionary].sort() : [];
  const expanded = new Set<string>();
  for (const term of terms) {
    if (!term.prefix) {
      if (dictionary.has(term.text)) expanded.add(term.text);
      continue;
    }
    let n = 0;
    for (const candidate of sortedDictionary) {
      if (!candidate.startsWith(term.text)) continue;
      expanded.add(candidate);
      if (++n === MAX_PREFIX_MATCHES_PER_QUERY_TERM) break;
    }
  }
  if (expanded.size === 0) return [];
  const docFrequency = new Map<string, number>();
  for (const tokens of tokenized) {
    for (const t of new Set(tokens)) if (expanded.has(t)) docFrequency.set(t, (docFrequency.get(t) ?? 0) + 1);
  }
  const n = tokenized.length;
  const results: { doc: D; score: number; order: number }[] = [];
  tokenized.forEach((tokens, order) => {
    const tf = new Map<string, number>();
    for (const t of tokens) if (expanded.has(t)) tf.set(t, (tf.get(t) ?? 0) + 1);
    if (tf.size === 0) return;
    let score = 0;
    for (const [term, freq] of tf) {
      const df = docFrequency.get(term)!;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      score += (idf * (freq * (K1 + 1))) / (freq + K1 * (1 - B + (B * tokens.length) / (avgLength || 1)));
    }
    results.push({ doc: docs[order]!, score, order });
  });
  results.sort((a, b) => b.score - a.score || a.order - b.order);
  return results.map(({ doc, score }) => ({ doc, score }));
}

export class SearchQueryScannedTooManyDocumentsError extends Error {
  constructor() {
    super(
      `SearchQueryScannedTooManyDocumentsError: Search query scanned too many documents (fetched ${MAX_CANDIDATE_REVISIONS}). ` +
        'Consider using a smaller limit, paginating the query, or using a filter field to limit the number of documents pulled from the search index.',
    );
    this.name = 'SearchQueryScannedTooManyDocumentsError';
  }
}
