import type { WebhookEventName } from '@caseflow/contract';
import type { DomainEvent } from '../realtime/event-bus.js';

/**
 * An event as the outbox keeps it: what happened, to which case or agent, and any details only
 * integrations need. `webhookId` targets one endpoint whatever its filter (SPEC §11 notify).
 */
export interface OutboxEvent {
  name: WebhookEventName;
  caseId?: number;
  agentId?: number;
  internal?: boolean;
  /** message.created: which message, so that mail and integrations can read it. */
  messageId?: number;
  webhookId?: number;
  data?: Record<string, unknown>;
}

/** Realtime's hints that carry no fact of their own (refetch the queue) and server-internal signals stay out. */
const NOT_DOMAIN_EVENTS = new Set(['queue.updated', 'session.revoked']);

/** A realtime event as an outbox event, or undefined for those that are not domain events. */
export function toOutboxEvent(event: DomainEvent): OutboxEvent | undefined {
  if (NOT_DOMAIN_EVENTS.has(event.name)) return undefined;
  return {
    name: event.name as WebhookEventName,
    ...(event.caseId === undefined ? {} : { caseId: event.caseId }),
    ...(event.agentId === undefined ? {} : { agentId: event.agentId }),
    ...(event.internal === undefined ? {} : { internal: event.internal }),
    ...(event.messageId === undefined ? {} : { messageId: event.messageId }),
  };
}

/**
 * The id other systems see (`webhook-id`, NATS message id): stable across retries, redeliveries and
 * crashes. The row's time is part of it, so a fresh database (ids from 1 again) never repeats an id a
 * receiver or JetStream's duplicate window has already seen.
 */
export const eventIdOf = (row: { id: number; createdAt: number }, index: number) =>
  `evt_${row.createdAt.toString(36)}_${row.id}_${index}`;
