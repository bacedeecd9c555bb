import { z } from 'zod';
import { roleSchema } from './accounts.js';
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
  /** Someone asked the receiving agent's team to look at a case (SPEC §11 notify); only they receive it. */
  'case.notified': caseEvent,
} as const;

export type RealtimeEventName = keyof typeof realtimeEventSchemas;
export const realtimeEventNames = Object.keys(realtimeEventSchemas) as RealtimeEventName[];
export type RealtimeEventPayload<Name extends RealtimeEventName> = z.infer<(typeof realtimeEventSchemas)[Name]>;

/**
 * Someone is writing in a case's conversation. Not a domain event (nothing is stored, no webhook will
 * carry it), so it lives beside `realtimeEventSchemas`. It names the writer, as their message will.
 */
export const typingEventSchema = z.object({
  caseId: idField,
  userId: idField,
  name: z.string(),
  role: roleSchema,
  internal: z.boolean(),
  at: timestampSchema,
});
export type TypingEvent = z.infer<typeof typingEventSchema>;

/** Every server-to-client event with its schema, for clients that check what they receive. */
export const realtimeServerEventSchemas = { ...realtimeEventSchemas, 'message.typing': typingEventSchema } as const;
export type RealtimeServerEventName = keyof typeof realtimeServerEventSchemas;

/** The server-to-client event map, for typing Socket.IO on both ends. */
export type RealtimeServerEvents = {
  [Name in RealtimeServerEventName]: (payload: z.infer<(typeof realtimeServerEventSchemas)[Name]>) => void;
};

/** What a client sends while its user writes a reply (`internal`: an agent's note). Same id bounds as the API. */
export const typingBody = z.object({
  caseId: z.number().int().positive().max(2_147_483_647),
  internal: z.boolean().default(false),
});
export type TypingBody = z.input<typeof typingBody>;

/** The acknowledgement of a client event: refused input changes nothing and says why. */
export type RealtimeAck =
  | { ok: true }
  | { ok: false; error: 'invalid' | 'forbidden' | 'not_found' | 'rate_limited' | 'unavailable' };

/** The client-to-server event map; the acknowledgement callback is optional. */
export type RealtimeClientEvents = {
  typing: (payload: TypingBody, ack?: (result: RealtimeAck) => void) => void;
};

/**
 * What a socket may send in its handshake; the session cookie is the browser's alternative. A chat
 * widget's guest sends its conversation's token as `guestToken` (SPEC §14).
 */
export const realtimeAuthSchema = z.object({
  token: z.string().max(200).optional(),
  guestToken: z.string().max(200).optional(),
});
