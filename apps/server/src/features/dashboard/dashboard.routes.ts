import { dashboardSchema } from '@caseflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../../http/auth.js';
import { getDashboard } from './dashboard.service.js';

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/dashboard',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'getDashboard',
        tags: ['dashboard'],
        summary: 'Queue size, oldest wait, every agent’s state and load',
        response: { 200: dashboardSchema },
      },
    },
    async () => getDashboard(app.ctx),
  );
};
