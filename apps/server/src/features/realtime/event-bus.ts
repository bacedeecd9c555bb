import { EventEmitter } from 'node:events';

export type DomainEventName =
  | 'case.created'
  | 'case.assigned'
  | 'case.updated'
  | 'case.resolved'
  | 'message.created'
  | 'agent.updated'
  | 'queue.updated';

export interface DomainEvent {
  name: DomainEventName;
  caseId?: number;
  agentId?: number;
  customerId?: number;
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
