import type { Category, KbSearchHit } from '@caseflow/contract';
import SearchableMap from 'minisearch/SearchableMap';
import { analyse, MAX_QUERY_TERMS, normaliseWords } from './analyse.js';
import { Postings } from './postings.js';
import { snippetOf } from './snippet.js';

/** What search knows of a published article. */
export interface IndexedArticle {
  id: number;
  slug: string;
  title: string;
  description: string;
  /** Plain text (markdownToText). */
  text: string;
  tags: readonly string[];
  category: Category;
}

export type SearchOptions = { typing?: boolean; categories?: Readonly<Record<Category, number>> | null };

// A title or a tag is what an article is about; a word deep in its body may be an aside (BM25F weights).
const FIELDS = [
  { of: (article: IndexedArticle) => article.title, weight: 2 },
  { of: (article: IndexedArticle) => article.tags.join(' '), weight: 2 },
  { of: (article: IndexedArticle) => article.description, weight: 1.5 },
  { of: (article: IndexedArticle) => article.text, weight: 1 },
] as const;
// BM25's saturation and length normalisation, chosen on the question set (eval:kb).
const K1 = 2;
const B = 0.7;
// A spelling slip or an unfinished word counts less than the word itself.
const FUZZY_WEIGHT = 0.35;
const PREFIX_WEIGHT = 0.5;
// How far the question's likely category moves a match, against its text score scaled to the best one's 1.
const PRIOR_WEIGHT = 1.6;
// A slip costs up to one edit in a short word, two in a long one (counted on stems); tried only for a
// word the articles do not have, so common words never fan out into their look-alikes.
const editsAllowed = (term: string) => (term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0);

/**
 * The in-process search index of published articles (SPEC §10): BM25F over stemmed words and the shop's
 * concept words (analyse), spelling slips matched by edit distance, the word being typed by prefix, and
 * the triage classifier's category probabilities as a prior. Scoring runs over flat posting arrays into
 * one reused accumulator, so a query costs about the length of its words' postings.
 */
export class KbIndex {
  /** term → its postings; a radix tree, so slips and prefixes are found without scanning the vocabulary. */
  readonly #terms = new SearchableMap<Postings>();
  readonly #articles = new Map<number, { slot: number; article: IndexedArticle }>();
  /** slot → its article, undefined for a free slot. */
  readonly #slots: (IndexedArticle | undefined)[] = [];
  #lengths = new Float64Array(1024);
  #totalLength = 0;
  #scores = new Float64Array(1024);
  readonly #free: number[] = [];

  constructor(articles: Iterable<IndexedArticle> = []) {
    for (const article of articles) this.upsert(article);
  }

  get size() {
    return this.#articles.size;
  }

  upsert(article: IndexedArticle) {
    this.remove(article.id);
    const slot = this.#free.pop() ?? this.#slots.length;
    this.#ensureCapacity(slot + 1);
    this.#slots[slot] = article;
    const frequencies = weightedFrequencies(article);
    let length = 0;
    for (const [term, frequency] of frequencies) {
      this.#terms.fetch(term, () => new Postings()).add(slot, frequency);
      length += frequency;
    }
    this.#lengths[slot] = length;
    this.#totalLength += length;
    this.#articles.set(article.id, { slot, article });
  }

  remove(id: number) {
    const entry = this.#articles.get(id);
    if (!entry) return;
    for (const term of weightedFrequencies(entry.article).keys()) {
      const postings = this.#terms.get(term);
      postings?.remove(entry.slot);
      if (postings?.size === 0) this.#terms.delete(term);
    }
    this.#totalLength -= this.#lengths[entry.slot] ?? 0;
    this.#lengths[entry.slot] = 0;
    this.#slots[entry.slot] = undefined;
    this.#free.push(entry.slot);
    this.#articles.delete(id);
  }

  /** Best first; an empty or meaningless query finds nothing. `typing` matches the last word as a prefix. */
  search(query: string, limit: number, options: SearchOptions = {}): KbSearchHit[] {
    const terms = [...new Set(analyse(query))].slice(0, MAX_QUERY_TERMS);
    if (terms.length === 0 || this.#articles.size === 0) return [];
    const touched: number[] = [];
    const scores = this.#scores;
    const averageLength = this.#totalLength / this.#articles.size;
    const count = this.#articles.size;
    const addTerm = (postings: Postings, weight: number) => {
      const idf = Math.log(1 + (count - postings.size + 0.5) / (postings.size + 0.5));
      postings.forEach((slot, frequency) => {
        if (scores[slot] === 0) touched.push(slot);
        const norm = K1 * (1 - B + (B * (this.#lengths[slot] ?? 0)) / averageLength);
        scores[slot] = (scores[slot] ?? 0) + (weight * idf * frequency * (K1 + 1)) / (frequency + norm);
      });
    };
    terms.forEach((term, index) => {
      const exact = this.#terms.get(term);
      if (exact) addTerm(exact, 1);
      else {
        const edits = editsAllowed(term);
        if (edits > 0) for (const [, [postings]] of this.#terms.fuzzyGet(term, edits)) addTerm(postings, FUZZY_WEIGHT);
      }
      if (options.typing && index === terms.length - 1 && term.length >= 3) {
        for (const [other, postings] of this.#terms.atPrefix(term))
          if (other !== term) addTerm(postings, PREFIX_WEIGHT);
      }
    });
    const ranked = this.#rank(touched, limit, options.categories ?? null);
    const words = new Set(normaliseWords(query));
    return ranked.map(({ article, score }) => ({
      slug: article.slug,
      title: article.title,
      category: article.category,
      snippet: snippetOf(article, words),
      score: Math.round(score * 1000) / 1000,
    }));
  }

  /** The `limit` best of the touched slots, text score scaled to the best one's plus the category prior; resets the accumulator. */
  #rank(touched: readonly number[], limit: number, categories: SearchOptions['categories']) {
    const scores = this.#scores;
    let best = 0;
    for (const slot of touched) best = Math.max(best, scores[slot] ?? 0);
    const top: { article: IndexedArticle; score: number }[] = [];
    const slots = this.#slots;
    for (const slot of touched) {
      const article = slots[slot];
      const text = scores[slot] ?? 0;
      scores[slot] = 0;
      if (!article || best === 0) continue;
      const score = text / best + PRIOR_WEIGHT * (categories ? categories[article.category] : 0);
      if (top.length === limit && score <= (top[limit - 1]?.score ?? 0)) continue;
      let at = top.length < limit ? top.length : limit - 1;
      while (at > 0 && (top[at - 1]?.score ?? 0) < score) {
        top[at] = top[at - 1] as { article: IndexedArticle; score: number };
        at--;
      }
      top[at] = { article, score };
    }
    return top;
  }

  #ensureCapacity(slots: number) {
    if (slots <= this.#lengths.length) return;
    const size = Math.max(slots, this.#lengths.length * 2);
    const lengths = new Float64Array(size);
    lengths.set(this.#lengths);
    this.#lengths = lengths;
    this.#scores = new Float64Array(size);
  }
}

/** Each term's frequency in the article, every occurrence weighted by its field's weight (BM25F). */
function weightedFrequencies(article: IndexedArticle): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const field of FIELDS) {
    for (const term of analyse(field.of(article))) frequencies.set(term, (frequencies.get(term) ?? 0) + field.weight);
  }
  return frequencies;
}
