import { csatBody, csatByTokenBody, csatLinkSchema, csatSchema, csatTokenQuery, idParams } from '@caseflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize, callerOf, EVERYONE } from '../../http/auth.js';
import { getRating, getRatingByToken, rateByToken, rateCase } from './csat.service.js';

export const csatRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/cases/:id/csat',
    {
      preHandler: authorize('customer'),
      schema: {
        operationId: 'rateCase',
        problems: [409],
        tags: ['csat'],
        summary: 'Rate a resolved case 1–5 (its customer, once: 409 before it is resolved and for a second rating)',
        params: idParams,
        body: csatBody,
        response: { 201: csatSchema },
      },
    },
    async (request, reply) => {
      const rating = await rateCase(app.ctx, callerOf(request), request.params.id, request.body);
      return reply.code(201).send(rating);
    },
  );
  app.get(
    '/cases/:id/csat',
    {
      preHandler: authorize(...EVERYONE),
      schema: {
        operationId: 'getCaseRating',
        tags: ['csat'],
        summary: "The case's rating (404 while it has none)",
        params: idParams,
        response: { 200: csatSchema },
      },
    },
    async (request) => getRating(app.ctx, callerOf(request), request.params.id),
  );
  app.get(
    '/csat',
    {
      schema: {
        operationId: 'getRatingLink',
        security: [],
        problems: [404],
        tags: ['csat'],
        summary: "What the resolve mail's rating link names, and its rating if given (no sign-in)",
        querystring: csatTokenQuery,
        response: { 200: csatLinkSchema },
      },
    },
    async (request) => getRatingByToken(app.ctx, request.query.token),
  );
  app.post(
    '/csat',
    {
      schema: {
        operationId: 'rateCaseFromLink',
        security: [],
        problems: [404, 409],
        tags: ['csat'],
        summary: "Rate a resolved case from the resolve mail's link (no sign-in; once)",
        body: csatByTokenBody,
        response: { 201: csatSchema },
      },
    },
    async (request, reply) => {
      const { token, ...body } = request.body;
      return reply.code(201).send(await rateByToken(app.ctx, token, body));
    },
  );
};
