import { type WebhookEventName, webhookEventNameSchema } from '@caseflow/contract';

/** What each event means, in words, beside its name (which is what a receiver's code matches on). */
export const eventDescriptions: Record<WebhookEventName, string> = {
  'case.created': 'A case is reported',
  'case.assigned': 'A case is given to an agent',
  'case.updated': 'A case changes (status, priority, details)',
  'case.resolved': 'A case is resolved',
  'case.transferred': 'A case moves to another team',
  'case.deleted': 'A case is deleted',
  'case.notified': 'Someone sends a case here with “Notify…” (sent whatever this filter says)',
  'message.created': 'A message is posted on a case',
  'agent.updated': 'An agent changes (availability, capacity, load)',
  'return.updated': 'A return moves on (approved, rejected, label sent, received, refunded…)',
  'sla.breached': 'A case misses its first-response or resolution target',
};

export const allEvents = webhookEventNameSchema.options;

export const isEveryEvent = (events: readonly WebhookEventName[]) => allEvents.every((event) => events.includes(event));

/** "All events", or the names themselves. */
export const eventsSummary = (events: readonly WebhookEventName[]) =>
  isEveryEvent(events) ? 'All events' : events.join(', ');
