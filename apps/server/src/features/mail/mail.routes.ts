import { mailPage, pageQuery } from '@caseflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../../http/auth.js';
import { listOutbox } from './mail.service.js';

export const mailRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/mail',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'listMail',
        tags: ['mail'],
        summary: 'Mail kept by the server, newest first',
        querystring: pageQuery,
        response: { 200: mailPage },
      },
    },
    async (request) => listOutbox(app.ctx, request.query),
  );
};
