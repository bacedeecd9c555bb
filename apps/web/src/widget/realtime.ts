import type { RealtimeClientEvents, RealtimeServerEvents, TypingEvent } from '@caseflow/contract';
import { io, type Socket } from 'socket.io-client';

type GuestSocket = Socket<RealtimeServerEvents, RealtimeClientEvents>;

/** The events that change what the guest sees: each one only says "refetch" (payloads carry ids only). */
export const REFETCH_EVENTS = ['message.created', 'case.updated', 'case.assigned', 'case.resolved'] as const;

/** Handshake refusals that retrying cannot fix: another site, or a token that no longer opens anything. */
const FINAL_REFUSALS = new Set(['forbidden', 'unauthenticated']);

export type RealtimeHandlers = {
  /** Something of the case changed, or the connection came (back): fetch the conversation again. */
  onStale: () => void;
  onTyping: (event: TypingEvent) => void;
  /** Connected (true) or waiting to reconnect (false). */
  onOnline: (isOnline: boolean) => void;
  /** The server refused the token or the site for good; `reason` is its message. */
  onRefused: (reason: string) => void;
};

/** The guest's live connection for one conversation (socket.io, WebSocket only: no cookies, no polling). */
export function connectGuest(base: string, token: string, handlers: RealtimeHandlers) {
  const socket: GuestSocket = io(base, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { guestToken: token },
    withCredentials: false,
  });
  let isClosed = false;
  for (const name of REFETCH_EVENTS) socket.on(name, () => handlers.onStale());
  socket.on('message.typing', (event) => {
    if (!event.internal) handlers.onTyping(event);
  });
  socket.on('connect', () => {
    handlers.onOnline(true);
    // Events sent while the socket was down are lost: the conversation itself is the truth.
    handlers.onStale();
  });
  socket.on('disconnect', (reason) => {
    handlers.onOnline(false);
    // The server closed it on purpose (the session was revoked): ask the API whether the token still works.
    if (reason === 'io server disconnect') handlers.onStale();
  });
  socket.on('connect_error', (error) => {
    if (FINAL_REFUSALS.has(error.message)) {
      socket.disconnect();
      handlers.onRefused(error.message);
      return;
    }
    handlers.onOnline(false);
    // A refusal by the server's middleware (e.g. 'unavailable') is not retried by socket.io itself.
    if (!socket.active) {
      setTimeout(() => {
        if (!isClosed) socket.connect();
      }, 5_000);
    }
  });
  return {
    typing(caseId: number) {
      if (socket.connected) socket.emit('typing', { caseId });
    },
    close() {
      isClosed = true;
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}

export type GuestConnection = ReturnType<typeof connectGuest>;
