/** What other features may use of the outbox. */
export { eventIdOf, type OutboxEvent, toOutboxEvent } from './outbox.events.js';
export { insertOutboxRow as recordOutboxEvents } from './outbox.repository.js';
