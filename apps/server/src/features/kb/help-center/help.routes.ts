import { categorySchema, kbSearchQuery, slugSchema } from '@caseflow/contract';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { AppError } from '../../../http/app-error.js';
import * as kb from '../kb.service.js';
import { articlePage, categoryPage, homePage, notFoundPage, searchPage } from './help.pages.js';

const RELATED = 5;
const SEARCH_RESULTS = 10;

const send = (reply: FastifyReply, page: string, status = 200) =>
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);

/**
 * The public help center (SPEC §10): server-rendered pages that work without JavaScript and without
 * signing in, each with its own title and description. Only published articles exist here.
 */
export const helpCenterRoutes: FastifyPluginAsync = async (app) => {
  app.get('/help', { schema: { hide: true } }, async (request, reply) => {
    const query = kbSearchQuery.safeParse(request.query);
    const q = query.success ? query.data.q.trim() : '';
    if (q) {
      const result = await kb.searchArticles(app.ctx, { q, limit: SEARCH_RESULTS });
      return send(reply, searchPage(q, result.items));
    }
    const list = await kb.listArticles(app.ctx, null, {});
    return send(reply, homePage(list.items));
  });

  app.get('/help/category/:category', { schema: { hide: true } }, async (request, reply) => {
    const category = categorySchema.safeParse((request.params as { category: string }).category);
    if (!category.success) return send(reply, notFoundPage(), 404);
    const list = await kb.listArticles(app.ctx, null, { category: category.data });
    return send(reply, categoryPage(category.data, list.items));
  });

  app.get('/help/:slug', { schema: { hide: true } }, async (request, reply) => {
    const slug = slugSchema.safeParse((request.params as { slug: string }).slug);
    if (!slug.success) return send(reply, notFoundPage(), 404);
    try {
      const article = await kb.getArticle(app.ctx, null, slug.data);
      const list = await kb.listArticles(app.ctx, null, { category: article.category });
      const related = list.items.filter((item) => item.slug !== article.slug).slice(0, RELATED);
      return send(reply, articlePage(article, related, `${app.ctx.config.publicUrl}/help/${article.slug}`));
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return send(reply, notFoundPage(), 404);
      throw error;
    }
  });
};
