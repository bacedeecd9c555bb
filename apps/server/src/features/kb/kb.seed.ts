import type { CreateArticleBody } from '@caseflow/contract';
import type { AppContext } from '../../context.js';
import * as repository from './kb.repository.js';
import { newArticleRow } from './kb.service.js';

/** Adds the articles whose slug is not taken; an article staff have edited is left as it is. */
export async function seedArticles(ctx: AppContext, articles: readonly CreateArticleBody[], authorId: number | null) {
  let added = 0;
  for (const article of articles) {
    if (await repository.insertArticleIfMissing(ctx.database.db, newArticleRow(article, authorId, Date.now()))) added++;
  }
  return { added };
}
