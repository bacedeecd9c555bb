import { slaSettingsResponse, slaSettingsSchema } from '@caseflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../../http/auth.js';
import { toIsoOrNull } from '../../http/time.js';

export const slaRoutes: FastifyPluginAsyncZod = async (app) => {
  const answer = async () => {
    const { settings, updatedAt } = await app.ctx.sla.current();
    return { ...settings, updatedAt: toIsoOrNull(updatedAt) };
  };
  app.get(
    '/sla',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'getSlaSettings',
        tags: ['sla'],
        summary: 'The business-hours calendar and the targets per priority (office hours and none until set)',
        response: { 200: slaSettingsResponse },
      },
    },
    answer,
  );
  app.put(
    '/sla',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'updateSlaSettings',
        tags: ['sla'],
        summary:
          'Set the calendar and targets: they apply to new cases, and to a case when its priority or status next changes',
        body: slaSettingsSchema,
        response: { 200: slaSettingsResponse },
      },
    },
    async (request) => {
      await app.ctx.sla.save(request.body, Date.now());
      return answer();
    },
  );
};
