import type { FastifyInstance } from 'fastify';
import { AppError } from '../../http/app-error.js';
import { setAwayAfterDisconnect } from '../agents/agents.service.js';

/**
 * Sets an agent away once none of their sockets has been connected for AWAY_AFTER_SECONDS, so cases
 * do not wait on someone who closed the laptop (SPEC §2 rule 5 then requeues the unanswered ones).
 * The count of sockets is asked of every process (the PostgreSQL adapter answers for all of them).
 * Limit: the timer lives in the process where the last socket closed; a restart forgets it.
 */
type SocketsIn = { in(room: string): { fetchSockets(): Promise<unknown[]> } };

export function trackPresence(app: FastifyInstance, io: SocketsIn, roomOf: (userId: number) => string) {
  const timers = new Map<number, NodeJS.Timeout>();
  // Shutting down disconnects every socket; that is not agents leaving.
  let isStopped = false;
  const delayMs = app.ctx.config.awayAfterSeconds * 1000;

  async function checkStillGone(agentId: number) {
    timers.delete(agentId);
    try {
      if ((await io.in(roomOf(agentId)).fetchSockets()).length > 0) return;
      await setAwayAfterDisconnect(app.ctx, agentId);
    } catch (error) {
      // A removed agent has nothing to set away; anything else is worth a log line, not a crash.
      if (!(error instanceof AppError && error.code === 'not_found'))
        app.log.error({ err: error, agentId }, 'presence check failed');
    }
  }

  return {
    connected(agentId: number) {
      clearTimeout(timers.get(agentId));
      timers.delete(agentId);
    },
    disconnected(agentId: number) {
      if (isStopped) return;
      clearTimeout(timers.get(agentId));
      const timer = setTimeout(() => void checkStillGone(agentId), delayMs);
      timer.unref();
      timers.set(agentId, timer);
    },
    stop() {
      isStopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
