import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { AppError } from '../../http/app-error.js';
import { isOwnOrigin } from '../../http/auth.js';

/** The widget runs on the shops' listed sites (WIDGET_ORIGINS) and on the app's own pages (its demo shop). */
export function isWidgetOrigin(config: Config, origin: string, host: string | undefined): boolean {
  return config.widget.origins.includes(origin) || isOwnOrigin(origin, host, config.publicUrl);
}

/**
 * Security boundary (SPEC §14): a widget request from a browser on any other site is refused (403)
 * before it does anything. A request without an Origin is not a browser's cross-origin one (a
 * browser always names it there) and passes: its token or its input still decide.
 */
export function assertWidgetOrigin(request: FastifyRequest, reply: FastifyReply) {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  // The refusal is readable too, so the widget can say why instead of looking offline; it holds no data.
  reply.header('access-control-allow-origin', origin);
  reply.header('vary', 'Origin');
  if (!isWidgetOrigin(request.server.ctx.config, origin, request.headers.host)) {
    throw new AppError('forbidden', 'the chat widget is not enabled for this site (WIDGET_ORIGINS)');
  }
}

/** The preflight of a listed shop's request: the methods and headers the widget sends. */
export function answerPreflight(request: FastifyRequest, reply: FastifyReply) {
  assertWidgetOrigin(request, reply);
  reply
    .header('access-control-allow-methods', 'GET, POST')
    .header('access-control-allow-headers', 'authorization, content-type')
    .header('access-control-max-age', '600')
    .code(204)
    .send();
}
