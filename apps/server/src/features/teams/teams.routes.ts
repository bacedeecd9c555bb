import { createTeamBody, idParams, teamList, teamMembersBody, teamSchema, updateTeamBody } from '@caseflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, callerOf, STAFF } from '../../http/auth.js';
import * as teams from './teams.service.js';

export const teamsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/teams',
    {
      preHandler: authorize(...STAFF),
      schema: {
        operationId: 'listTeams',
        tags: ['teams'],
        summary: 'Every team, the default first',
        response: { 200: teamList },
      },
    },
    async () => ({ items: await teams.listTeams(app.ctx) }),
  );

  app.post(
    '/teams',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'createTeam',
        problems: [409],
        tags: ['teams'],
        summary: 'Create a team and the categories it handles',
        body: createTeamBody,
        response: { 201: teamSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await teams.createTeam(app.ctx, callerOf(request), request.body)),
  );

  app.get(
    '/teams/:id',
    {
      preHandler: authorize(...STAFF),
      schema: {
        operationId: 'getTeam',
        tags: ['teams'],
        summary: 'One team with its members',
        params: idParams,
        response: { 200: teamSchema },
      },
    },
    async (request) => teams.getTeam(app.ctx, request.params.id),
  );

  app.patch(
    '/teams/:id',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'updateTeam',
        problems: [409],
        tags: ['teams'],
        summary: 'Rename a team, change its categories or make it the default',
        params: idParams,
        body: updateTeamBody,
        response: { 200: teamSchema },
      },
    },
    async (request) => teams.updateTeam(app.ctx, callerOf(request), request.params.id, request.body),
  );

  app.delete(
    '/teams/:id',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'deleteTeam',
        problems: [409],
        tags: ['teams'],
        summary: 'Delete a team (409 for the default team or one that holds cases)',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await teams.deleteTeam(app.ctx, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/teams/:id/members',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'replaceTeamMembers',
        tags: ['teams'],
        summary: "Replace a team's members: leavers' unanswered cases of the team are requeued, joiners take its queue",
        params: idParams,
        body: teamMembersBody,
        response: { 200: teamSchema },
      },
    },
    async (request) => teams.setTeamMembers(app.ctx, callerOf(request), request.params.id, request.body.agentIds),
  );
};
