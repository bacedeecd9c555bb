import type { FastifyRequest } from 'fastify';
import type { AppContext, Caller } from '../../context.js';
import { AppError } from '../../http/app-error.js';
import { hashSecret } from '../accounts/secrets.js';
import { findWidgetSession } from './widget.repository.js';

const DAY_MS = 86_400_000;

/**
 * A widget guest's token as a caller: the guest's customer account, limited to the one case the
 * token's conversation is (`caseId`), with the widget session as its session. It lives as long as a
 * sign-in does (SESSION_DAYS); after that the mailed link still opens the case. Null for any other token.
 */
export async function authenticateGuest(ctx: AppContext, token: string): Promise<Caller | null> {
  const since = Date.now() - ctx.config.sessionDays * DAY_MS;
  const session = await findWidgetSession(ctx.database.db, hashSecret(token), since);
  return session
    ? { userId: session.userId, role: 'customer', sessionId: session.sessionId, caseId: session.caseId }
    : null;
}

/**
 * Route guard of the guest's routes: the conversation's token as `Authorization: Bearer`. A session
 * of the app is not a guest token (and a guest token opens nothing but these routes).
 */
export async function authorizeGuest(request: FastifyRequest) {
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,128})$/i.exec(request.headers.authorization ?? '');
  const caller = match?.[1] ? await authenticateGuest(request.server.ctx, match[1]) : null;
  if (!caller)
    throw new AppError('unauthenticated', 'this conversation is closed or the link is not valid; start a new one');
  request.caller = caller;
}

/** The guest set by authorizeGuest, with the case it may read. */
export function guestOf(request: FastifyRequest): Caller & { caseId: number } {
  const caller = request.caller;
  if (caller?.caseId === undefined) throw new AppError('unauthenticated', 'start a conversation first');
  return { ...caller, caseId: caller.caseId };
}
