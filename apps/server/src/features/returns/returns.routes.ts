import { caseSchema, idParams, moveReturnBody } from '@caseflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize, callerOf, STAFF } from '../../http/auth.js';
import { moveReturn } from './returns.service.js';

export const returnsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/cases/:id/return',
    {
      preHandler: authorize(...STAFF),
      schema: {
        operationId: 'moveReturn',
        problems: [409],
        tags: ['cases'],
        summary:
          "Move the case's return one step (409 for a move the workflow does not allow, or a case without a return)",
        params: idParams,
        body: moveReturnBody,
        response: { 200: caseSchema },
      },
    },
    async (request) => moveReturn(app.ctx, callerOf(request), request.params.id, request.body),
  );
};
