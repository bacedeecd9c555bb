import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type onRouteHookHandler } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import helmet from 'helmet';
import { registerBackground } from './background.js';
import type { AppContext } from './context.js';
import { accountsRoutes } from './features/accounts/accounts.routes.js';
import { agentsRoutes } from './features/agents/agents.routes.js';
import { attachmentsRoutes } from './features/attachments/attachments.routes.js';
import { casesRoutes } from './features/cases/cases.routes.js';
import { conversationRoutes } from './features/conversation/conversation.routes.js';
import { csatRoutes } from './features/csat/csat.routes.js';
import { dashboardRoutes } from './features/dashboard/dashboard.routes.js';
import { helpCenterRoutes } from './features/kb/help-center/help.routes.js';
import { kbRoutes } from './features/kb/kb.routes.js';
import { mailRoutes } from './features/mail/mail.routes.js';
import { unsubscribeRoutes } from './features/notifications/index.js';
import { observabilityRoutes } from './features/observability/observability.routes.js';
import { registerRealtime } from './features/realtime/realtime.js';
import { reportsRoutes } from './features/reports/reports.routes.js';
import { returnsRoutes } from './features/returns/returns.routes.js';
import { slaRoutes } from './features/sla/sla.routes.js';
import { teamsRoutes } from './features/teams/teams.routes.js';
import { triageRoutes } from './features/triage/triage.routes.js';
import { webhooksRoutes } from './features/webhooks/webhooks.routes.js';
import { widgetRoutes } from './features/widget/widget.routes.js';
import { openapiOptions } from './http/openapi.js';
import { registerProblemHandlers, renderFrameworkError } from './http/problem.js';
import { serializerCompiler } from './http/serializer.js';
import { registerWebApp } from './http/web-app.js';

const API_PREFIX = '/api/v1';

/** Assembles the HTTP app from plugins and feature routes; no logic lives here. */
export async function buildApp(
  ctx: AppContext,
  options: { loggerInstance?: FastifyBaseLogger; onRoute?: onRouteHookHandler } = {},
) {
  const app = Fastify({
    ...(options.loggerInstance ? { loggerInstance: options.loggerInstance } : { logger: false }),
    bodyLimit: 256 * 1024,
    // request.ip is the client's, not the load balancer's, only behind proxies named in TRUST_PROXY.
    trustProxy: ctx.config.trustProxy,
    routerOptions: { maxParamLength: 200 },
    // URLs the router cannot decode or route get a problem+json 400 like every other bad request.
    frameworkErrors: renderFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  // Before any route, so the hook sees them all (the tests' route table).
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', ctx);
  app.decorateRequest('caller', null);
  registerProblemHandlers(app);
  // The API speaks JSON only: anything else is a 415, not a string that fails validation later.
  app.removeContentTypeParser('text/plain');
  // Many HTTP clients send `Content-Type: application/json` on every request: an empty body on a route
  // that takes none (resolve, reopen, logout) is `{}`, not a 400. Elsewhere Fastify's own parser answers.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '' && request.routeOptions.schema?.body === undefined) done(null, {});
    else parseJson(request, text, done);
  });

  // helmet's middleware, built once: @fastify/helmet builds it anew for every request (parsing the
  // whole policy each time), which was 3 % of the server's time under intake.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
      },
    },
  });
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error) => done(error instanceof Error ? error : undefined)),
  );
  await app.register(cookie);
  await app.register(swagger, openapiOptions(ctx.config.publicUrl));
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Swagger UI sets a style attribute the plugin's policy refuses; the web app allows inline styles too.
    transformStaticCSP: (header) =>
      header.replace("style-src 'self' https:", "style-src 'self' https: 'unsafe-inline'"),
  });
  await app.register(observabilityRoutes);

  await app.register(
    async (api) => {
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      await api.register(accountsRoutes);
      await api.register(agentsRoutes);
      await api.register(casesRoutes);
      await api.register(returnsRoutes);
      await api.register(conversationRoutes);
      await api.register(dashboardRoutes);
      await api.register(mailRoutes);
      await api.register(unsubscribeRoutes);
      await api.register(teamsRoutes);
      await api.register(webhooksRoutes);
      await api.register(triageRoutes);
      await api.register(kbRoutes);
      await api.register(attachmentsRoutes);
      await api.register(slaRoutes);
      await api.register(csatRoutes);
      await api.register(reportsRoutes);
      await api.register(widgetRoutes);
    },
    { prefix: API_PREFIX },
  );
  await app.register(helpCenterRoutes);
  await registerWebApp(app);
  registerRealtime(app);
  registerBackground(app);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
