import { createMessageBody, idParams, messagePage, messageParams, messageSchema, pageQuery } from '@caseflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, callerOf, EVERYONE } from '../../http/auth.js';
import * as conversation from './conversation.service.js';

export const conversationRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['conversation'];

  app.get(
    '/cases/:id/messages',
    {
      preHandler: authorize(...EVERYONE),
      schema: {
        operationId: 'listMessages',
        tags,
        summary: 'Messages, newest last',
        params: idParams,
        querystring: pageQuery,
        response: { 200: messagePage },
      },
    },
    async (request) => conversation.listMessages(app.ctx, callerOf(request), request.params.id, request.query),
  );

  app.post(
    '/cases/:id/messages',
    {
      preHandler: authorize(...EVERYONE),
      schema: {
        operationId: 'createMessage',
        tags,
        summary: 'Reply, or (staff) write an internal note',
        params: idParams,
        body: createMessageBody,
        response: { 201: messageSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await conversation.postMessage(app.ctx, callerOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/cases/:id/messages/:messageId',
    {
      preHandler: authorize(...EVERYONE),
      schema: {
        operationId: 'deleteMessage',
        problems: [409],
        tags,
        summary: 'Delete your own message (not the first)',
        params: messageParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await conversation.deleteMessage(app.ctx, callerOf(request), request.params.id, request.params.messageId);
      return reply.code(204).send(null);
    },
  );
};
