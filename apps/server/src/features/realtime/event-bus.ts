import { EventEmitter } from 'node:events';
import type { RealtimeEventName } from '@caseflow/contract';

/** The client-facing events, plus `session.revoked`, which stays inside the server (it closes sockets). */
export type DomainEventName = RealtimeEventName | 'session.revoked';

export interface DomainEvent {
  name: DomainEventName;
  caseId?: number;
  agentId?: number;
  customerId?: number;
  /** message.created of an internal note: staff only, never the case's customer. */
  internal?: boolean;
  /** message.created: the new message (for integrations and mail; sockets get only the case id). */
  messageId?: number;
  /** session.revoked: one session (logout) or every session of a user (deactivated, deleted, new password). */
  sessionId?: number;
  userId?: number;
  /** case.notified: the users it is for. */
  recipients?: number[];
}

/** Events are published only after their transaction committed; realtime delivery subscribes here. */
export class EventBus {
  readonly #emitter = new EventEmitter();

  publish(events: DomainEvent[]): void {
    for (const event of events) this.#emitter.emit('event', event);
  }

  subscribe(listener: (event: DomainEvent) => void): () => void {
    this.#emitter.on('event', listener);
    return () => this.#emitter.off('event', listener);
  }
}
