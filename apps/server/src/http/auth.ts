import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { AppContext, Caller, Role } from '../context.js';
import { authenticateToken } from '../features/accounts/accounts.service.js';
import { AppError } from './app-error.js';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    caller: Caller | null;
  }
}

export const SESSION_COOKIE = 'caseflow_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,128})$/i.exec(header);
  return match?.[1] ?? '';
}

/**
 * Cookie sessions are SameSite=Lax; on top of that a state-changing request that rides on the
 * cookie must come from our own origin (bearer tokens are not sent by browsers on their own).
 */
function assertSameOrigin(request: FastifyRequest, publicUrl: string) {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin === undefined) {
    if (request.headers['sec-fetch-site'] === 'cross-site')
      throw new AppError('forbidden', 'cross-site request refused');
    return;
  }
  if (!isOwnOrigin(origin, request.headers.host, publicUrl)) {
    throw new AppError('forbidden', 'cross-origin request refused');
  }
}

/** Our own origin is the configured public URL's, or the Host the request was sent to. */
export function isOwnOrigin(origin: string, host: string | undefined, publicUrl: string): boolean {
  return origin === new URL(publicUrl).origin || origin === `http://${host}` || origin === `https://${host}`;
}

/** Resolves the caller from the bearer token or the session cookie; null when neither is valid. */
export async function identify(request: FastifyRequest): Promise<Caller | null> {
  const ctx = request.server.ctx;
  const bearer = bearerToken(request);
  if (bearer !== undefined) return bearer ? authenticateToken(ctx, bearer) : null;
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const caller = await authenticateToken(ctx, cookie);
  if (caller) assertSameOrigin(request, ctx.config.publicUrl);
  return caller;
}

/** Route guard: 401 without a live session, 403 when the caller's role may not use the route. */
export function authorize(...roles: Role[]): preHandlerAsyncHookHandler {
  const allowed = new Set<Role>(roles);
  return async function authorizeRole(request: FastifyRequest, _reply: FastifyReply) {
    const caller = await identify(request);
    if (!caller) throw new AppError('unauthenticated', 'sign in to continue');
    if (!allowed.has(caller.role))
      throw new AppError('forbidden', `this action is not open to the ${caller.role} role`);
    request.caller = caller;
  };
}

/** The caller set by authorize(); a route without the guard has none. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new AppError('unauthenticated', 'sign in to continue');
  return request.caller;
}

export const EVERYONE: Role[] = ['customer', 'agent', 'admin'];
export const STAFF: Role[] = ['agent', 'admin'];
