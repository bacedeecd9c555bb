import { z } from 'zod';
import { timestampSchema } from './common.js';

/**
 * Socket.IO events (SPEC §4), named like the future webhooks. Payloads carry ids and the time only:
 * a client refetches what it shows, so an event can never leak more than the API would return.
 */
const idField = z.number().int().positive();
const caseEvent = z.object({ caseId: idField, at: timestampSchema });

export const realtimeEventSchemas = {
  'case.created': caseEvent,
  'case.assigned': caseEvent.extend({ agentId: idField }),
  'case.updated': caseEvent,
  'case.resolved': caseEvent,
  'message.created': caseEvent,
  'agent.updated': z.object({ agentId: idField, at: timestampSchema }),
  'queue.updated': z.object({ at: timestampSchema }),
} as const;

export type RealtimeEventName = keyof typeof realtimeEventSchemas;
export const realtimeEventNames = Object.keys(realtimeEventSchemas) as RealtimeEventName[];
export type RealtimeEventPayload<Name extends RealtimeEventName> = z.infer<(typeof realtimeEventSchemas)[Name]>;

/** The server-to-client event map, for typing Socket.IO on both ends. */
export type RealtimeServerEvents = {
  [Name in RealtimeEventName]: (payload: RealtimeEventPayload<Name>) => void;
};

/** What a socket may send in its handshake; the session cookie is the browser's alternative. */
export const realtimeAuthSchema = z.object({ token: z.string().max(200).optional() });
