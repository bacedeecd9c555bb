import type { Category, KbSearchHit } from '@caseflow/contract';
import MiniSearch from 'minisearch';
import { analyse, MAX_QUERY_TERMS, normaliseWords } from './analyse.js';

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

type Fields = Pick<IndexedArticle, 'id' | 'title' | 'description' | 'text'> & { tags: string };

const SNIPPET_CHARS = 180;
// How far the question's likely category moves a match, against its text score scaled to the best one's 1.
const PRIOR_WEIGHT = 1.2;
// A title or a tag is what an article is about; a word deep in its body may be an aside.
const BOOST = { title: 2, tags: 2, description: 1.5, text: 1 };
// A spelling slip costs up to one edit in a short word, two in a long one (counted on stems).
const fuzziness = (term: string) => (term.length >= 8 ? 2 : term.length >= 4 ? 1 : false);

/**
 * The in-process search index of published articles (SPEC §10): BM25 over stemmed words and the shop's
 * concept words (analyse), with fuzzy matching for spelling slips. One instance answers both search and
 * suggest; suggest also matches the word being typed as a prefix.
 */
export class KbIndex {
  readonly #search = new MiniSearch<Fields>({
    fields: ['title', 'tags', 'description', 'text'],
    tokenize: analyse,
    processTerm: (term) => term,
    searchOptions: { boost: BOOST, combineWith: 'OR', weights: { fuzzy: 0.35, prefix: 0.5 } },
  });
  readonly #articles = new Map<number, IndexedArticle>();

  constructor(articles: Iterable<IndexedArticle> = []) {
    for (const article of articles) this.upsert(article);
  }

  get size() {
    return this.#articles.size;
  }

  upsert(article: IndexedArticle) {
    if (this.#articles.has(article.id)) this.#search.discard(article.id);
    this.#articles.set(article.id, article);
    this.#search.add({ ...article, tags: article.tags.join(' ') });
  }

  remove(id: number) {
    if (!this.#articles.delete(id)) return;
    this.#search.discard(id);
  }

  /**
   * Best first; an empty or meaningless query finds nothing. `typing` matches the last word as a prefix.
   * `categories`, each category's probability for the query (the triage classifier's, trained on customers'
   * messages), moves up the matches in the category the question is most likely about.
   */
  search(query: string, limit: number, options: SearchOptions = {}): KbSearchHit[] {
    const terms = [...new Set(analyse(query))].slice(0, MAX_QUERY_TERMS);
    if (terms.length === 0) return [];
    const last = terms.length - 1;
    const results = this.#search.search(terms.join(' '), {
      tokenize: (text) => text.split(' '),
      fuzzy: (term) => fuzziness(term),
      prefix: options.typing ? (term, index) => index === last && term.length >= 3 : false,
    });
    const words = new Set(normaliseWords(query));
    const best = results[0]?.score ?? 0;
    const ranked = results.flatMap((result) => {
      const article = this.#articles.get(result.id as number);
      if (!article) return [];
      const prior = options.categories?.[article.category] ?? 0;
      return [{ article, score: result.score / best + PRIOR_WEIGHT * prior }];
    });
    ranked.sort((a, b) => b.score - a.score);
    return ranked.slice(0, limit).map(({ article, score }) => ({
      slug: article.slug,
      title: article.title,
      category: article.category,
      snippet: snippetOf(article, words),
      score: Math.round(score * 1000) / 1000,
    }));
  }
}

/** The first line of the article that shares a word with the query, shortened around it; else the description. */
function snippetOf(article: IndexedArticle, words: ReadonlySet<string>): string {
  for (const line of article.text.split('\n')) {
    const lineWords = normaliseWords(line);
    const hit = lineWords.findIndex((word) => word.length > 3 && words.has(word));
    if (hit < 0) continue;
    return shorten(line, lineWords[hit] ?? '');
  }
  return article.description || shorten(article.text.split('\n')[0] ?? '', '');
}

function shorten(line: string, word: string): string {
  if (line.length <= SNIPPET_CHARS) return line;
  const at = Math.max(0, line.toLowerCase().indexOf(word) - 60);
  const start = at === 0 ? 0 : line.indexOf(' ', at) + 1;
  const excerpt = line.slice(start, start + SNIPPET_CHARS);
  const cut = excerpt.lastIndexOf(' ');
  return `${start > 0 ? '…' : ''}${cut > 100 ? excerpt.slice(0, cut) : excerpt}…`;
}
