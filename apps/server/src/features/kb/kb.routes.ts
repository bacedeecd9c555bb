import {
  articleListQuery,
  articleListSchema,
  articleSchema,
  createArticleBody,
  kbFeedbackBody,
  kbSearchQuery,
  kbSearchResultSchema,
  kbStatsSchema,
  markdownPreviewBody,
  markdownPreviewSchema,
  slugParams,
  updateArticleBody,
} from '@caseflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize, callerOf, EVERYONE, identify, STAFF } from '../../http/auth.js';
import * as kb from './kb.service.js';

const tags = ['knowledge base'];

export const kbRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/kb/search',
    {
      schema: {
        operationId: 'searchArticles',
        tags,
        summary: 'Search published articles in customers’ own words (anyone)',
        security: [],
        querystring: kbSearchQuery,
        response: { 200: kbSearchResultSchema },
      },
    },
    async (request) => kb.searchArticles(app.ctx, request.query),
  );

  app.get(
    '/kb/suggest',
    {
      schema: {
        operationId: 'suggestArticles',
        tags,
        summary: 'Suggest published articles while someone types (the last word may be unfinished; anyone)',
        security: [],
        querystring: kbSearchQuery,
        response: { 200: kbSearchResultSchema },
      },
    },
    async (request) => kb.searchArticles(app.ctx, request.query, { typing: true }),
  );

  app.get(
    '/kb/articles',
    {
      schema: {
        operationId: 'listArticles',
        security: [{}, { bearer: [] }],
        tags,
        summary: 'List articles: published ones for anyone, drafts too for staff',
        querystring: articleListQuery,
        response: { 200: articleListSchema },
      },
    },
    async (request) => kb.listArticles(app.ctx, await identify(request), request.query),
  );

  app.get(
    '/kb/articles/:slug',
    {
      schema: {
        operationId: 'getArticle',
        security: [{}, { bearer: [] }],
        tags,
        summary: 'Read an article (a draft is 404 to anyone but staff)',
        params: slugParams,
        response: { 200: articleSchema },
      },
    },
    async (request) => kb.getArticle(app.ctx, await identify(request), request.params.slug),
  );

  app.post(
    '/kb/articles',
    {
      preHandler: authorize(...STAFF),
      schema: {
        operationId: 'createArticle',
        problems: [409],
        tags,
        summary: 'Write an article (agent, admin); a taken slug is 409',
        body: createArticleBody,
        response: { 201: articleSchema },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return kb.createArticle(app.ctx, callerOf(request), request.body);
    },
  );

  app.patch(
    '/kb/articles/:slug',
    {
      preHandler: authorize(...STAFF),
      schema: {
        operationId: 'updateArticle',
        problems: [409],
        tags,
        summary: 'Edit, publish or unpublish an article (agent, admin)',
        params: slugParams,
        body: updateArticleBody,
        response: { 200: articleSchema },
      },
    },
    async (request) => kb.updateArticle(app.ctx, callerOf(request), request.params.slug, request.body),
  );

  app.delete(
    '/kb/articles/:slug',
    {
      preHandler: authorize(...STAFF),
      schema: { operationId: 'deleteArticle', tags, summary: 'Delete an article (agent, admin)', params: slugParams },
    },
    async (request, reply) => {
      await kb.deleteArticle(app.ctx, callerOf(request), request.params.slug);
      return reply.code(204).send();
    },
  );

  app.post(
    '/kb/preview',
    {
      preHandler: authorize(...STAFF),
      schema: {
        operationId: 'previewArticle',
        tags,
        summary: 'Render Markdown as an article would be rendered (the editor’s live preview)',
        body: markdownPreviewBody,
        response: { 200: markdownPreviewSchema },
      },
    },
    async (request) => kb.previewMarkdown(request.body.body),
  );

  app.post(
    '/kb/feedback',
    {
      preHandler: authorize(...EVERYONE),
      schema: {
        operationId: 'recordSuggestionFeedback',
        problems: [404],
        tags,
        summary: 'Record a step of the new-case form’s suggestions: shown, opened, deflected, went on, created',
        body: kbFeedbackBody,
      },
    },
    async (request, reply) => {
      await kb.recordFeedback(app.ctx, callerOf(request), request.body);
      return reply.code(204).send();
    },
  );

  app.get(
    '/kb/stats',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'getDeflectionStats',
        tags,
        summary: 'Deflection: suggestions shown, opened, deflected, and the rate',
        response: { 200: kbStatsSchema },
      },
    },
    async () => kb.kbStats(app.ctx),
  );
};
