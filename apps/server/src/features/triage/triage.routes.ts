import { retrainResult, triagePreviewBody, triageRecordSchema, triageStatsSchema } from '@caseflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize, STAFF } from '../../http/auth.js';
import * as triage from './triage.service.js';

export const triageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/triage',
    {
      preHandler: authorize(...STAFF),
      schema: {
        operationId: 'previewTriage',
        tags: ['triage'],
        summary: 'What triage would decide for a message (category, priority, tags, why); creates nothing',
        body: triagePreviewBody,
        response: { 200: triageRecordSchema },
      },
    },
    async (request) => triage.previewTriage(app.ctx, request.body),
  );

  app.get(
    '/triage/stats',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'getTriageStats',
        tags: ['triage'],
        summary: 'Triage accuracy against staff corrections, per category',
        response: { 200: triageStatsSchema },
      },
    },
    async () => triage.triageStats(app.ctx),
  );

  app.post(
    '/triage/retrain',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'retrainTriage',
        tags: ['triage'],
        summary: 'Rebuild the model from the shipped set plus corrections, without a restart',
        response: { 200: retrainResult },
      },
    },
    async () => triage.retrainTriage(app.ctx),
  );
};
