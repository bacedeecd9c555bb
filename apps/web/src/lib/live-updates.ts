import type { RealtimeEventName, RealtimeServerEvents } from '@caseflow/contract';
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Socket } from 'socket.io-client';

const CASES: QueryKey = ['cases'];
const AGENTS: QueryKey = ['agents'];
const DASHBOARD: QueryKey = ['dashboard'];

/** Events carry ids only; each marks the cached queries it can change as stale, and mounted ones refetch. */
const staleAfter: Record<RealtimeEventName, QueryKey[]> = {
  'case.created': [CASES, DASHBOARD],
  // Assigning and resolving also change an agent's load.
  'case.assigned': [CASES, AGENTS, DASHBOARD],
  'case.updated': [CASES, DASHBOARD],
  'case.resolved': [CASES, AGENTS, DASHBOARD],
  'message.created': [CASES],
  'agent.updated': [AGENTS, DASHBOARD],
  'queue.updated': [AGENTS, DASHBOARD],
};

const isEventName = (name: string): name is RealtimeEventName => Object.hasOwn(staleAfter, name);

/**
 * Keeps the signed-in user's screens current over Socket.IO (same origin, session cookie).
 * The client library is imported on first use, so it stays out of the initial bundle.
 */
export function useLiveUpdates(userId: number | undefined) {
  const client = useQueryClient();
  useEffect(() => {
    if (userId === undefined) return;
    let socket: Socket<RealtimeServerEvents> | undefined;
    let isCancelled = false;
    void import('socket.io-client').then(({ io }) => {
      if (isCancelled) return;
      socket = io({ path: '/socket.io', withCredentials: true });
      socket.onAny((name: string) => {
        if (!isEventName(name)) return;
        for (const queryKey of staleAfter[name]) void client.invalidateQueries({ queryKey });
      });
      // Events sent while we were disconnected are lost; refetch everything rather than miss one.
      socket.io.on('reconnect', () => void client.invalidateQueries());
      socket.on('connect_error', (error) => {
        // The session ended (expired or signed out elsewhere): let the app notice and show sign-in.
        if (error.message === 'unauthenticated') void client.invalidateQueries({ queryKey: ['me'] });
      });
    });
    return () => {
      isCancelled = true;
      socket?.disconnect();
    };
  }, [client, userId]);
}
