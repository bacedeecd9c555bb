import {
  activityList,
  assignCaseBody,
  bulkTransferBody,
  casePage,
  caseSchema,
  createCaseBody,
  createCaseHeaders,
  idParams,
  listCasesQuery,
  notifyBody,
  notifyResult,
  REOPEN_WINDOW_DAYS,
  transferCaseBody,
  updateCaseBody,
} from '@caseflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, callerOf, EVERYONE, STAFF } from '../../http/auth.js';
import { getCaseActivity } from '../activity/activity.service.js';
import { notifyAboutCase } from './case-notify.js';
import * as cases from './cases.service.js';

export const casesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['cases'];

  app.post(
    '/cases',
    {
      preHandler: authorize('customer'),
      schema: {
        operationId: 'createCase',
        problems: [404, 409],
        tags,
        summary: 'Report a case; assigned at once when an agent is free',
        headers: createCaseHeaders,
        body: createCaseBody,
        response: { 201: caseSchema },
      },
    },
    async (request, reply) => {
      const created = await cases.createCase(
        app.ctx,
        callerOf(request),
        request.body,
        request.headers['idempotency-key'],
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/cases',
    {
      preHandler: authorize(...EVERYONE),
      schema: {
        operationId: 'listCases',
        tags,
        summary: 'Cases, newest first (customers: their own)',
        querystring: listCasesQuery,
        response: { 200: casePage },
      },
    },
    async (request) => cases.listCases(app.ctx, callerOf(request), request.query),
  );

  app.get(
    '/cases/:id',
    {
      preHandler: authorize(...EVERYONE),
      schema: { operationId: 'getCase', tags, summary: 'One case', params: idParams, response: { 200: caseSchema } },
    },
    async (request) => cases.getCase(app.ctx, callerOf(request), request.params.id),
  );

  app.patch(
    '/cases/:id',
    {
      preHandler: authorize(...STAFF),
      schema: {
        operationId: 'updateCase',
        problems: [409],
        tags,
        summary: 'Set open/pending, priority, category or tags (a change of what triage decided is a correction)',
        params: idParams,
        body: updateCaseBody,
        response: { 200: caseSchema },
      },
    },
    async (request) => cases.updateCase(app.ctx, callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/cases/:id/resolve',
    {
      preHandler: authorize(...STAFF),
      schema: {
        operationId: 'resolveCase',
        problems: [409],
        tags,
        summary: 'Resolve; the assignee takes the next queued case',
        params: idParams,
        response: { 200: caseSchema },
      },
    },
    async (request) => cases.resolveCase(app.ctx, callerOf(request), request.params.id),
  );

  app.post(
    '/cases/:id/reopen',
    {
      preHandler: authorize('customer'),
      schema: {
        operationId: 'reopenCase',
        problems: [409],
        tags,
        summary: `Reopen a resolved case within ${REOPEN_WINDOW_DAYS} days`,
        params: idParams,
        response: { 200: caseSchema },
      },
    },
    async (request) => cases.reopenCase(app.ctx, callerOf(request), request.params.id),
  );

  app.post(
    '/cases/:id/assign',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'assignCase',
        problems: [409],
        tags,
        summary: 'Assign to an agent (409 when away or full)',
        params: idParams,
        body: assignCaseBody,
        response: { 200: caseSchema },
      },
    },
    async (request) => cases.assignCase(app.ctx, callerOf(request), request.params.id, request.body.agentId),
  );

  app.post(
    '/cases/:id/transfer',
    {
      preHandler: authorize(...STAFF),
      schema: {
        operationId: 'transferCase',
        problems: [409],
        tags,
        summary: "Transfer to another team's queue (assigned there at once if a member is free); the note is internal",
        params: idParams,
        body: transferCaseBody,
        response: { 200: caseSchema },
      },
    },
    async (request) => cases.transferCase(app.ctx, callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/cases/transfer',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'transferCases',
        problems: [404, 409],
        tags,
        summary: 'Move several cases to one team, all or nothing',
        body: bulkTransferBody,
        response: { 200: z.object({ items: z.array(caseSchema) }) },
      },
    },
    async (request) => ({ items: await cases.transferCases(app.ctx, callerOf(request), request.body) }),
  );

  app.post(
    '/cases/:id/notify',
    {
      preHandler: authorize(...STAFF),
      schema: {
        operationId: 'notifyAboutCase',
        tags,
        summary: 'Send the case with a note to a webhook endpoint or to a team (mail and in-app)',
        params: idParams,
        body: notifyBody,
        response: { 202: notifyResult },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await notifyAboutCase(app.ctx, callerOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/cases/:id',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'deleteCase',
        tags,
        summary: 'Delete a case',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await cases.deleteCase(app.ctx, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/cases/:id/events',
    {
      preHandler: authorize(...EVERYONE),
      schema: {
        operationId: 'listCaseEvents',
        tags,
        summary: 'Activity log (customers: public events)',
        params: idParams,
        response: { 200: activityList },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      await cases.assertCaseVisible(app.ctx, caller, request.params.id);
      return getCaseActivity(app.ctx, caller, request.params.id);
    },
  );
};
