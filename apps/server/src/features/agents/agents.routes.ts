import {
  activityList,
  agentPage,
  agentSchema,
  createAgentBody,
  idParams,
  listAgentsQuery,
  updateAgentBody,
} from '@caseflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, callerOf, STAFF } from '../../http/auth.js';
import * as agents from './agents.service.js';

export const agentsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/agents',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'createAgent',
        problems: [409],
        tags: ['agents'],
        summary: 'Add an agent (no password: an invitation is mailed)',
        body: createAgentBody,
        response: { 201: agentSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await agents.createAgent(app.ctx, callerOf(request), request.body)),
  );

  app.get(
    '/agents',
    {
      preHandler: authorize(...STAFF),
      schema: {
        operationId: 'listAgents',
        tags: ['agents'],
        summary: 'Current agents by name, a page at a time; q searches names and emails',
        querystring: listAgentsQuery,
        response: { 200: agentPage },
      },
    },
    async (request) => agents.listAgents(app.ctx, request.query),
  );

  app.get(
    '/agents/:id',
    {
      preHandler: authorize(...STAFF),
      schema: {
        operationId: 'getAgent',
        tags: ['agents'],
        summary: 'One agent',
        params: idParams,
        response: { 200: agentSchema },
      },
    },
    async (request) => agents.getAgent(app.ctx, request.params.id),
  );

  app.get(
    '/agents/:id/events',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'listAgentEvents',
        tags: ['agents'],
        summary: "An agent's status history (availability, capacity), newest first",
        params: idParams,
        response: { 200: activityList },
      },
    },
    async (request) => agents.getAgentHistory(app.ctx, request.params.id),
  );

  app.patch(
    '/agents/:id',
    {
      preHandler: authorize(...STAFF),
      schema: {
        operationId: 'updateAgent',
        problems: [409],
        tags: ['agents'],
        summary: 'Change name, capacity (admin) or availability (admin, or the agent itself)',
        params: idParams,
        body: updateAgentBody,
        response: { 200: agentSchema },
      },
    },
    async (request) => agents.updateAgent(app.ctx, callerOf(request), request.params.id, request.body),
  );

  app.delete(
    '/agents/:id',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'removeAgent',
        tags: ['agents'],
        summary: 'Remove an agent; their active cases are requeued',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await agents.removeAgent(app.ctx, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
