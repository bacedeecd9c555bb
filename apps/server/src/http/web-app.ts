import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.js';

export const webDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Serves the built web app with client-side routes falling back to index.html; API misses stay problem+json. */
export async function registerWebApp(app: FastifyInstance) {
  const hasWebApp = existsSync(`${webDist}/index.html`);
  if (hasWebApp) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      // Hashed asset names never change content: cache them for a year; index.html is always revalidated.
      setHeaders: (response, path) => {
        response.setHeader(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage =
      request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html');
    if (hasWebApp && isPage) return reply.sendFile('index.html');
    return sendProblem(reply, 'not_found', `no route for ${request.method} ${request.url.split('?')[0]}`);
  });
}
