import { type Category, categorySchema, type KbSearchHit } from '@caseflow/contract';
import type { Db } from '../../db/database.js';
import type { TriageEngine } from '../triage/index.js';
import { type ArticleRow, articleTotals, listArticlesChangedSince, listPublishedForIndex } from './kb.repository.js';
import { markdownToText } from './markdown.js';
import { type IndexedArticle, KbIndex } from './search/kb-index.js';

// How often a process asks the database whether another process changed an article.
const FRESHNESS_CHECK_MS = 1_000;
// Other processes' clocks may lag this one's: changes are re-read from a little before the last seen.
const CLOCK_MARGIN_MS = 5_000;
// Small batches: building the index of 10,000 articles takes seconds, and each batch yields to requests.
const LOAD_BATCH = 200;
// The classifier reads the start of a long query; the rest changes little and costs time.
const MAX_QUERY_CHARS = 600;

export type IndexSource = Pick<ArticleRow, 'id' | 'slug' | 'title' | 'description' | 'body' | 'category' | 'tags'>;

export function toIndexed(row: IndexSource): IndexedArticle {
  const category = categorySchema.safeParse(row.category);
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    text: markdownToText(row.body),
    tags: JSON.parse(row.tags) as string[],
    category: category.success ? category.data : ('product_question' satisfies Category),
  };
}

/** One search: the index's text match, with the triage classifier's category probabilities as a prior. */
export function searchIndex(
  index: KbIndex,
  triage: Pick<TriageEngine, 'categoryProbabilities'>,
  query: string,
  limit: number,
  options: { typing?: boolean } = {},
): KbSearchHit[] {
  const categories = query.trim() ? triage.categoryProbabilities(query.slice(0, MAX_QUERY_CHARS)) : null;
  return index.search(query, limit, { ...options, categories });
}

/**
 * This process's search index of published articles, built on first use. This process's own writes
 * update it at once. Another process's are seen within about a second: a cheap totals query, at most
 * once a second, re-reads the articles changed since the last look, and rebuilds the index when the
 * number of articles is not what this process expects (one was deleted elsewhere).
 */
export class KbSearch {
  #index: KbIndex | undefined;
  #count = 0;
  #seenUpTo = 0;
  #checkedAt = 0;
  #refreshing: Promise<KbIndex> | undefined;

  constructor(
    private readonly db: Db,
    private readonly triage: TriageEngine,
  ) {}

  async search(query: string, limit: number, options: { typing?: boolean } = {}): Promise<KbSearchHit[]> {
    const [index] = await Promise.all([this.#current(), this.triage.ready()]);
    return searchIndex(index, this.triage, query, limit, options);
  }

  /**
   * After this process wrote an article: its new state, published or not (null once deleted), and how the
   * number of articles moved (+1 created, -1 deleted, 0 edited).
   */
  changed(id: number, article: (IndexSource & { status: string }) | null, countChange: -1 | 0 | 1) {
    if (!this.#index) return;
    this.#count += countChange;
    if (article?.status === 'published') this.#index.upsert(toIndexed(article));
    else this.#index.remove(id);
  }

  async #current(): Promise<KbIndex> {
    if (this.#index && Date.now() - this.#checkedAt < FRESHNESS_CHECK_MS) return this.#index;
    this.#refreshing ??= this.#refresh().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #refresh(): Promise<KbIndex> {
    const totals = await articleTotals(this.db);
    this.#checkedAt = Date.now();
    if (!this.#index || totals.count !== this.#count) {
      this.#index = await this.#build();
    } else if (totals.latest > this.#seenUpTo) {
      for (const row of await listArticlesChangedSince(this.db, this.#seenUpTo - CLOCK_MARGIN_MS)) {
        if (row.status === 'published') this.#index.upsert(toIndexed(row));
        else this.#index.remove(row.id);
      }
    }
    this.#count = totals.count;
    this.#seenUpTo = Math.max(this.#seenUpTo, totals.latest);
    return this.#index;
  }

  async #build(): Promise<KbIndex> {
    const index = new KbIndex();
    for (let afterId = 0; ; ) {
      const rows = await listPublishedForIndex(this.db, afterId, LOAD_BATCH);
      for (const row of rows) index.upsert(toIndexed(row));
      const last = rows.at(-1);
      if (!last || rows.length < LOAD_BATCH) return index;
      afterId = last.id;
    }
  }
}
