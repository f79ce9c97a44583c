// Lexical ranking: BM25+ through MiniSearch (an inverted index kept up to date as documents come
// and go, so nothing is rebuilt per query). Identifiers in code style count both whole and by their
// parts: "parseDate" is found by "parseDate", "parse" and "date".
//
// Two choices keep recall fast at 100,000 memories. One field holds everything (the title twice,
// for its weight, then the tags and the text): a term then has one posting list, not three. And a
// query leaves out its words that occur in more than a quarter of all documents: BM25 gives them
// almost no weight, yet scoring them means scoring most of the index, which is where search time
// goes. When every word of a query is that common, its two rarest words are kept.
import MiniSearch from 'minisearch';

export interface LexicalDocument {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly tags: readonly string[];
}

export interface LexicalHit {
  readonly id: string;
  /** BM25+ score; comparable only within one query. */
  readonly score: number;
}

interface Indexed {
  readonly id: string;
  readonly content: string;
}

/** Below this many documents, every query word is kept: pruning would save nothing. */
const PRUNE_FROM_DOCUMENTS = 200;
const COMMON_SHARE = 0.25;
const KEPT_WHEN_ALL_COMMON = 2;

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

export class LexicalIndex {
  /** In how many documents each term occurs. */
  private readonly documentFrequency = new Map<string, number>();
  /** Each document as indexed (the caller's own object, not a copy), to take its terms back out. */
  private readonly indexed = new Map<string, LexicalDocument>();
  /** The terms of the document being added, collected as MiniSearch processes them. */
  private collecting: Set<string> | undefined;
  private readonly search = new MiniSearch<Indexed>({
    fields: ['content'],
    processTerm: (term) => {
      const terms = termsOf(term);
      if (terms && this.collecting) for (const each of terms) this.collecting.add(each);
      return terms;
    },
  });

  get size(): number {
    return this.search.documentCount;
  }

  /** Adds the document, or replaces the one with its id. */
  set(document: LexicalDocument): void {
    this.delete(document.id);
    this.collecting = new Set();
    try {
      this.search.add({ id: document.id, content: contentOf(document) });
      for (const term of this.collecting) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      this.indexed.set(document.id, document);
    } finally {
      this.collecting = undefined;
    }
  }

  delete(id: string): void {
    const document = this.indexed.get(id);
    if (!document) return;
    this.indexed.delete(id);
    this.search.discard(id);
    for (const term of termSet(contentOf(document))) {
      const count = (this.documentFrequency.get(term) ?? 0) - 1;
      if (count > 0) this.documentFrequency.set(term, count);
      else this.documentFrequency.delete(term);
    }
  }

  /** The best `limit` documents for the query, best first, among those `accept` lets through. */
  rank(query: string, limit: number, accept?: (id: string) => boolean): LexicalHit[] {
    const terms = this.informative([...termSet(query)]);
    if (terms.length === 0) return [];
    const results = this.search.search(terms.join(' '), {
      combineWith: 'OR',
      // The terms are processed already.
      processTerm: (term) => term,
      ...(accept && { filter: (result) => accept(result.id as string) }),
    });
    return results.slice(0, limit).map((result) => ({ id: result.id as string, score: result.score }));
  }

  /** The query terms worth scoring: those that occur at all, less the very common ones. */
  private informative(terms: readonly string[]): string[] {
    const occurring = terms.map((term) => [term, this.documentFrequency.get(term) ?? 0] as const).filter(([, count]) => count > 0);
    if (this.size < PRUNE_FROM_DOCUMENTS) return occurring.map(([term]) => term);
    const rare = occurring.filter(([, count]) => count <= this.size * COMMON_SHARE);
    if (rare.length > 0) return rare.map(([term]) => term);
    return [...occurring]
      .sort((a, b) => a[1] - b[1])
      .slice(0, KEPT_WHEN_ALL_COMMON)
      .map(([term]) => term);
  }
}

function contentOf(document: LexicalDocument): string {
  return `${document.title}\n${document.title}\n${document.tags.join(' ')}\n${document.text}`;
}

function termSet(text: string): Set<string> {
  const terms = new Set<string>();
  for (const token of tokenize(text)) for (const term of termsOf(token) ?? []) terms.add(term);
  return terms;
}

// English function words: in nearly every memory, they rank nothing and make every query touch
// every document.
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its ' +
    'me my no not of on or our she should so than that the their them then there these they this those to too us was we ' +
    'were what when where which while who why will with would you your'
  ).split(' '),
);

/** A token as MiniSearch split it, lower-cased; a camelCase or PascalCase word also gives its parts. */
function termsOf(token: string): string[] | null {
  const lower = token.toLowerCase();
  if (lower.length < 2 || STOP_WORDS.has(lower)) return null;
  const parts = token
    .split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)
    .map((part) => part.toLowerCase())
    .filter((part) => part.length >= 2 && part !== lower && !STOP_WORDS.has(part));
  return parts.length > 0 ? [lower, ...parts] : [lower];
}
