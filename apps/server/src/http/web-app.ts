import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.js';

// Found through the workspace link, so it holds from the sources and from the bundled server alike.
export const webDist = join(dirname(createRequire(import.meta.url).resolve('@caseflow/web/package.json')), 'dist');

const DEMO_SHOP = 'demo/shop/index.html';
// The widget's file, or the .br or .gz beside it that is sent in its place (preCompressed).
const WIDGET_FILE = /\/widget\.js(\.br|\.gz)?$/;

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
      setHeaders: (reply, path) => {
        if (WIDGET_FILE.test(path)) {
          // The chat widget (SPEC §14) is loaded by the shops' pages: other sites may embed it (and only it).
          reply.header('cross-origin-resource-policy', 'cross-origin');
          reply.header('cache-control', 'public, max-age=300');
          return;
        }
        reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  // The demo shop embeds the widget, so a newcomer sees it working on `npm start` (SPEC §14).
  if (existsSync(`${webDist}/${DEMO_SHOP}`)) {
    app.get('/demo/shop', { schema: { hide: true } }, (_request, reply) => reply.sendFile(DEMO_SHOP));
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage =
      request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html');
    if (hasWebApp && isPage) return reply.sendFile('index.html');
    return sendProblem(reply, 'not_found', `no route for ${request.method} ${request.url.split('?')[0]}`);
  });
}
