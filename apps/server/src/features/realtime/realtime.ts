import {
  type RealtimeAck,
  type RealtimeClientEvents,
  type RealtimeEventName,
  type RealtimeServerEvents,
  realtimeAuthSchema,
  realtimeEventSchemas,
} from '@caseflow/contract';
import { createAdapter } from '@socket.io/postgres-adapter';
import type { FastifyInstance } from 'fastify';
import { Server, type Socket } from 'socket.io';
import { type Caller, isStaff } from '../../context.js';
import { isOwnOrigin, SESSION_COOKIE } from '../../http/auth.js';
import { toIso } from '../../http/time.js';
import { authenticateToken } from '../accounts/accounts.service.js';
import { authenticateGuest, isWidgetOrigin } from '../widget/index.js';
import { createAdapterPool } from './adapter-pool.js';
import type { DomainEvent } from './event-bus.js';
import { createFanOut, type Emission } from './fan-out.js';
import { trackPresence } from './presence.js';
import { createThrottle, prepareTypingNotice, TYPING_LIMIT } from './typing.js';

type SocketData = { caller: Caller };
type RealtimeServer = Server<RealtimeClientEvents, RealtimeServerEvents, Record<string, never>, SocketData>;
type RealtimeSocket = Socket<RealtimeClientEvents, RealtimeServerEvents, Record<string, never>, SocketData>;

const STAFF_ROOM = 'staff';
const userRoom = (userId: number) => `user:${userId}`;
const sessionRoom = (sessionId: number) => `session:${sessionId}`;
/** A chat widget's guest reads one case (SPEC §14): its sockets sit in that case's room, and their own. */
const caseRoom = (caseId: number) => `case:${caseId}`;
const guestRoom = (widgetSessionId: number) => `guest:${widgetSessionId}`;

/** Events a case's customer may see about their own case; the rest (queue, agents) is staff business. */
const CUSTOMER_EVENTS = new Set<RealtimeEventName>([
  'case.created',
  'case.assigned',
  'case.updated',
  'case.resolved',
  'message.created',
]);

/** Who may read something about a case: staff, and its customer and guest unless it is internal. */
function caseReaders(caseId: number | undefined, customerId: number | undefined, isInternal: boolean): string[] {
  if (isInternal) return [STAFF_ROOM];
  const rooms = [STAFF_ROOM];
  if (customerId !== undefined) rooms.push(userRoom(customerId));
  if (caseId !== undefined) rooms.push(caseRoom(caseId));
  return rooms;
}

/** Who may read an event: staff read everything, a customer only their own case, never internal notes. */
export function audienceOf(event: DomainEvent & { name: RealtimeEventName }): string[] {
  if (event.name === 'case.notified') return (event.recipients ?? []).map(userRoom);
  return CUSTOMER_EVENTS.has(event.name)
    ? caseReaders(event.caseId, event.customerId, event.internal === true)
    : [STAFF_ROOM];
}

/**
 * Socket.IO on the HTTP server Fastify listens with (same port, path /socket.io).
 *
 * Security boundary: a socket connects only with a live session, given as `auth.token` or as the
 * session cookie, or with a widget guest's `auth.guestToken` (SPEC §14: that one case's events only,
 * from a WIDGET_ORIGINS origin); a cookie-borne handshake must come from our own origin, because
 * browsers do not apply CORS to WebSockets (cross-site WebSocket hijacking). A socket lives until its session is
 * revoked (logout, password reset, account removal). Limit: an expiring session does not close
 * its open sockets. The one client event, `typing`, is throttled per socket and authorized like the
 * API before it is relayed (typing.ts).
 */
export function registerRealtime(app: FastifyInstance) {
  const ctx = app.ctx;
  const io: RealtimeServer = new Server(app.server, {
    path: '/socket.io',
    serveClient: false,
    // Clients send only small typing notices; a small buffer caps what any peer can make us hold.
    maxHttpBufferSize: 16 * 1024,
  });

  // Several processes on one PostgreSQL: emissions reach the sockets of every process through the
  // fan-out's batched LISTEN/NOTIFY; the adapter answers presence's "any socket left?" across processes.
  // Both channels are per schema, so separate deployments (or test schemas) on one database stay apart.
  const { pool, schema } = ctx.database;
  const adapterPool = pool && schema ? createAdapterPool(pool) : undefined;
  if (adapterPool) io.adapter(createAdapter(adapterPool.pool, { channelPrefix: `caseflow_${schema}` }));
  const fanOut = createFanOut(io, ctx.database.notifications, (error) =>
    app.log.error({ err: error }, 'realtime fan-out failed'),
  );

  io.use(async (socket, next) => {
    try {
      const caller = await authenticateHandshake(app, socket);
      if (caller === 'forbidden') return next(new Error('forbidden'));
      if (!caller) return next(new Error('unauthenticated'));
      socket.data.caller = caller;
      next();
    } catch (error) {
      app.log.error({ err: error }, 'socket authentication failed');
      next(new Error('unavailable'));
    }
  });

  const presence = trackPresence(app, io, userRoom);
  io.on('connection', (socket) => {
    const { caller } = socket.data;
    const rooms =
      caller.caseId === undefined
        ? [userRoom(caller.userId), sessionRoom(caller.sessionId)]
        : [caseRoom(caller.caseId), guestRoom(caller.sessionId)];
    if (isStaff(caller)) rooms.push(STAFF_ROOM);
    void socket.join(rooms);
    if (caller.role === 'agent') {
      presence.connected(caller.userId);
      socket.on('disconnect', () => presence.disconnected(caller.userId));
    }
    const isWithinLimit = createThrottle(TYPING_LIMIT);
    // Any peer can send anything here: the payload is parsed, the callback may be missing or not one.
    socket.on('typing', (payload: unknown, ack?: unknown) => {
      const reply = (result: RealtimeAck) => {
        if (typeof ack === 'function') ack(result);
      };
      // Counted before any database work, so a flood costs us nothing but the refusal.
      if (!isWithinLimit()) return reply({ ok: false, error: 'rate_limited' });
      relayTyping(app, fanOut.emit, caller, payload).then(reply, (error: unknown) => {
        app.log.error({ err: error }, 'typing relay failed');
        reply({ ok: false, error: 'unavailable' });
      });
    });
  });

  const unsubscribe = ctx.bus.subscribe((event) => {
    // The bus is called after a commit, inside the request; a delivery fault must not fail the request.
    try {
      const emission = toEmission(event, fanOut.reaches);
      if (emission) fanOut.emit(emission);
    } catch (error) {
      app.log.error({ err: error, event: event.name }, 'realtime delivery failed');
    }
  });

  // preClose, not onClose: open WebSockets would keep Fastify's server.close() waiting forever.
  app.addHook('preClose', async () => {
    unsubscribe();
    presence.stop();
    io.disconnectSockets(true);
    io.engine.close();
    // Releases the PostgreSQL adapter's LISTEN connection, or closing the pool would wait for it forever.
    await io.of('/').adapter.close();
    adapterPool?.close();
  });
}

async function authenticateHandshake(
  app: FastifyInstance,
  socket: RealtimeSocket,
): Promise<Caller | null | 'forbidden'> {
  const auth = realtimeAuthSchema.safeParse(socket.handshake.auth ?? {});
  if (!auth.success) return null;
  const headers = socket.handshake.headers;
  if (auth.data.guestToken !== undefined) {
    // Browsers do not apply CORS to WebSockets: the widget's origin is checked here, as its API requests are.
    const origin = headers.origin;
    if (origin !== undefined && !isWidgetOrigin(app.ctx.config, origin, headers.host)) return 'forbidden';
    return authenticateGuest(app.ctx, auth.data.guestToken);
  }
  if (auth.data.token !== undefined) return authenticateToken(app.ctx, auth.data.token);

  const cookie = headers.cookie ? app.parseCookie(headers.cookie)[SESSION_COOKIE] : undefined;
  if (!cookie) return null;
  // Same rule as a cookie-borne HTTP write (http/auth.ts): our origin, or no Origin and not cross-site.
  const origin = headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, headers.host, app.ctx.config.publicUrl)) return 'forbidden';
  if (origin === undefined && headers['sec-fetch-site'] === 'cross-site') return 'forbidden';
  return authenticateToken(app.ctx, cookie);
}

/** Relays a typing notice to the case's other readers: never to the writer's own sockets. */
async function relayTyping(app: FastifyInstance, emit: (emission: Emission) => void, caller: Caller, payload: unknown) {
  const notice = await prepareTypingNotice(app.ctx, caller, payload);
  if (!('event' in notice)) return notice;
  const { event, customerId } = notice;
  const rooms = caseReaders(event.caseId, customerId, event.internal);
  // Never back to the writer: a guest's sockets are in their guest room, a user's in their user room.
  const except = caller.caseId === undefined ? [userRoom(caller.userId)] : [guestRoom(caller.sessionId)];
  emit({ rooms, except, event: 'message.typing', payload: event });
  return { ok: true } as const;
}

/**
 * What a domain event means for sockets: a contract payload for its audience, or closing a session's
 * sockets. None when it would reach nobody (`reaches`), before the payload is built and checked.
 */
function toEmission(event: DomainEvent, reaches: (rooms: string[]) => boolean): Emission | undefined {
  if (event.name === 'session.revoked') {
    const rooms = [
      ...(event.sessionId === undefined ? [] : [sessionRoom(event.sessionId)]),
      ...(event.userId === undefined ? [] : [userRoom(event.userId)]),
    ];
    return rooms.length > 0 && reaches(rooms) ? { rooms, disconnect: true } : undefined;
  }
  const name = event.name;
  const rooms = audienceOf({ ...event, name });
  if (!reaches(rooms)) return undefined;
  const payload = realtimeEventSchemas[name].parse({
    caseId: event.caseId,
    agentId: event.agentId,
    at: toIso(Date.now()),
  });
  return { rooms, event: name, payload };
}
