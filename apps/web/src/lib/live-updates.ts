import type {
  RealtimeClientEvents,
  RealtimeEventName,
  RealtimeServerEventName,
  RealtimeServerEvents,
  TypingBody,
} from '@caseflow/contract';
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Socket } from 'socket.io-client';
import { createThrottledInvalidation } from './throttled-invalidation';

const CASES: QueryKey = ['cases'];
const AGENTS: QueryKey = ['agents'];
const DASHBOARD: QueryKey = ['dashboard'];
const TEAMS: QueryKey = ['teams'];

/**
 * Events carry ids only; each marks the cached queries it can change as stale, and mounted ones refetch
 * (at most about once a second per query while events keep coming: throttled-invalidation.ts).
 */
const staleAfter: Record<RealtimeEventName, QueryKey[]> = {
  'case.created': [CASES, DASHBOARD],
  // Assigning and resolving also change an agent's load.
  'case.assigned': [CASES, AGENTS, DASHBOARD],
  'case.updated': [CASES, DASHBOARD],
  'case.resolved': [CASES, AGENTS, DASHBOARD],
  'message.created': [CASES],
  // Joining or leaving a team, or being removed, changes the teams' member lists.
  'agent.updated': [AGENTS, DASHBOARD, TEAMS],
  'queue.updated': [AGENTS, DASHBOARD],
  // A notice about a case is logged on it (its history).
  'case.notified': [CASES],
};

const isEventName = (name: string): name is RealtimeEventName => Object.hasOwn(staleAfter, name);

type LiveSocket = Socket<RealtimeServerEvents, RealtimeClientEvents>;
type Payload<Name extends RealtimeServerEventName> = Parameters<RealtimeServerEvents[Name]>[0];

// The signed-in user's one connection (useLiveUpdates owns it), and the components listening through it.
let liveSocket: LiveSocket | undefined;
const listeners = new Set<(name: string, payload: unknown) => void>();

/**
 * Calls `listener` with every `name` event of the live connection, from now until the returned function is
 * called. It may be called before the connection exists: the client library loads lazily.
 */
export function subscribeLive<Name extends RealtimeServerEventName>(
  name: Name,
  listener: (payload: Payload<Name>) => void,
): () => void {
  const dispatch = (received: string, payload: unknown) => {
    if (received === name) listener(payload as Payload<Name>);
  };
  listeners.add(dispatch);
  return () => listeners.delete(dispatch);
}

/** Tells the case's other readers that the user is writing. Best effort: dropped while disconnected. */
export function sendTyping(body: TypingBody) {
  if (liveSocket?.connected) liveSocket.emit('typing', body);
}

/**
 * Keeps the signed-in user's screens current over Socket.IO (same origin, session cookie).
 * The client library is imported on first use, so it stays out of the initial bundle.
 */
export function useLiveUpdates(userId: number | undefined) {
  const client = useQueryClient();
  useEffect(() => {
    if (userId === undefined) return;
    let socket: LiveSocket | undefined;
    let isCancelled = false;
    const stale = createThrottledInvalidation((queryKey) => void client.invalidateQueries({ queryKey }));
    void import('socket.io-client').then(({ io }) => {
      if (isCancelled) return;
      socket = io({ path: '/socket.io', withCredentials: true });
      liveSocket = socket;
      socket.onAny((name: string, payload: unknown) => {
        for (const listener of listeners) listener(name, payload);
        if (!isEventName(name)) return;
        for (const queryKey of staleAfter[name]) stale.touch(queryKey);
      });
      // Events sent while we were disconnected are lost; refetch everything rather than miss one. On
      // 'connect' (not the manager's 'reconnect'): only then has the server put the socket in its rooms.
      let hasConnected = false;
      socket.on('connect', () => {
        if (hasConnected) void client.invalidateQueries();
        hasConnected = true;
      });
      socket.on('connect_error', (error) => {
        // The session ended (expired or signed out elsewhere): let the app notice and show sign-in.
        if (error.message === 'unauthenticated') void client.invalidateQueries({ queryKey: ['me'] });
      });
    });
    return () => {
      isCancelled = true;
      stale.stop();
      if (liveSocket === socket) liveSocket = undefined;
      socket?.disconnect();
    };
  }, [client, userId]);
}
