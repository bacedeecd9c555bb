import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import { sendProblem } from '../../http/problem.js';

/** Liveness, readiness, Prometheus metrics and a request-latency histogram for every route. */
export const observabilityRoutes: FastifyPluginAsync = async (app) => {
  const { metrics, database } = app.ctx;

  app.addHook('onResponse', async (request, reply) => {
    metrics.requestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    try {
      await sql`select 1`.execute(database.db);
      return { status: 'ready', engine: database.engine };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return sendProblem(reply, 'unavailable', 'the database is not reachable');
    }
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
};
