import {
  createdWebhookSchema,
  createWebhookBody,
  deliveryPage,
  deliveryParams,
  idParams,
  listDeliveriesQuery,
  updateWebhookBody,
  webhookDeliverySchema,
  webhookList,
  webhookSchema,
} from '@caseflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/auth.js';
import * as webhooks from './webhooks.service.js';

const tags = ['webhooks'];

export const webhooksRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/webhooks',
    {
      preHandler: authorize('admin'),
      schema: { operationId: 'listWebhooks', tags, summary: 'Webhook endpoints', response: { 200: webhookList } },
    },
    async () => webhooks.listWebhooks(app.ctx),
  );

  app.post(
    '/webhooks',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'createWebhook',
        tags,
        summary: 'Register an endpoint; its signing secret is in this answer only',
        body: createWebhookBody,
        response: { 201: createdWebhookSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await webhooks.createWebhook(app.ctx, request.body)),
  );

  app.get(
    '/webhooks/:id',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'getWebhook',
        tags,
        summary: 'One endpoint',
        params: idParams,
        response: { 200: webhookSchema },
      },
    },
    async (request) => webhooks.getWebhook(app.ctx, request.params.id),
  );

  app.patch(
    '/webhooks/:id',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'updateWebhook',
        tags,
        summary: 'Change the URL, events or description; enable or disable',
        params: idParams,
        body: updateWebhookBody,
        response: { 200: webhookSchema },
      },
    },
    async (request) => webhooks.updateWebhook(app.ctx, request.params.id, request.body),
  );

  app.delete(
    '/webhooks/:id',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'deleteWebhook',
        tags,
        summary: 'Remove an endpoint and its delivery log',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await webhooks.deleteWebhook(app.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/webhooks/:id/deliveries',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'listWebhookDeliveries',
        tags,
        summary: 'The delivery log, newest first, with every attempt',
        params: idParams,
        querystring: listDeliveriesQuery,
        response: { 200: deliveryPage },
      },
    },
    async (request) => webhooks.listDeliveries(app.ctx, request.params.id, request.query),
  );

  app.post(
    '/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'redeliverWebhookDelivery',
        tags,
        summary: 'Send an event again (same webhook-id)',
        params: deliveryParams,
        response: { 202: webhookDeliverySchema },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await webhooks.redeliver(app.ctx, request.params.id, request.params.deliveryId)),
  );

  app.post(
    '/webhooks/:id/test',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'sendWebhookTest',
        tags,
        summary: 'Send a test event',
        params: idParams,
        response: { 202: webhookDeliverySchema },
      },
    },
    async (request, reply) => reply.code(202).send(await webhooks.sendTestEvent(app.ctx, request.params.id)),
  );
};
