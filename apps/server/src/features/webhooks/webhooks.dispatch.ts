import type { WebhookEventName } from '@caseflow/contract';
import type { Trx } from '../../db/transaction.js';
import { toIso } from '../../http/time.js';
import { enqueueJobs, type NewJob } from '../jobs/index.js';
import { eventIdOf, type OutboxEvent } from '../outbox/index.js';
import * as repository from './webhooks.repository.js';

export const DELIVERY_JOB = 'webhook.deliver';

/** Deliveries of one endpoint about one case go one at a time, in order (SPEC §11). */
export const deliveryJob = (deliveryId: number, delivery: { webhook_id: number; case_id: number | null }): NewJob => ({
  kind: DELIVERY_JOB,
  payload: { deliveryId },
  queueKey: delivery.case_id === null ? null : `webhook:${delivery.webhook_id}:case:${delivery.case_id}`,
});

const caseNumber = (id: number) => `C-${1000 + id}`;

/** Standard Webhooks' payload shape: `type`, `timestamp` (when it happened), `data`. */
export function eventBody(event: OutboxEvent, occurredAt: number, publicUrl: string) {
  return JSON.stringify({
    type: event.name,
    timestamp: toIso(occurredAt),
    data: {
      ...(event.caseId === undefined
        ? {}
        : { caseId: event.caseId, caseNumber: caseNumber(event.caseId), url: `${publicUrl}/cases/${event.caseId}` }),
      ...(event.agentId === undefined ? {} : { agentId: event.agentId }),
      ...(event.internal === undefined ? {} : { internal: event.internal }),
      ...(event.messageId === undefined ? {} : { messageId: event.messageId }),
      ...event.data,
    },
  });
}

export const testEventBody = (now: number) =>
  JSON.stringify({ type: 'webhook.test', timestamp: toIso(now), data: { message: 'A test event from Caseflow.' } });

const subscribes = (events: string, name: WebhookEventName) => (JSON.parse(events) as string[]).includes(name);

/**
 * The outbox's webhook subscriber: each event becomes a delivery to every enabled endpoint whose filter
 * names it (or to the one endpoint a notify targets), with a job that sends it, in the dispatcher's
 * transaction. Nothing is sent here: sending is the jobs' work, after the commit.
 */
export async function fanOutToWebhooks(
  trx: Trx,
  rows: readonly { id: number; events: OutboxEvent[]; createdAt: number }[],
  publicUrl: string,
) {
  const endpoints = (await repository.listWebhookRows(trx)).filter((row) => row.enabled === 1);
  if (endpoints.length === 0) return;
  const deliveries: repository.NewDelivery[] = [];
  for (const row of rows) {
    for (const [index, event] of row.events.entries()) {
      const targets = endpoints.filter((endpoint) =>
        event.webhookId === undefined ? subscribes(endpoint.events, event.name) : endpoint.id === event.webhookId,
      );
      if (targets.length === 0) continue;
      const body = eventBody(event, row.createdAt, publicUrl);
      for (const endpoint of targets) {
        deliveries.push({
          webhook_id: endpoint.id,
          event_id: eventIdOf(row, index),
          event_name: event.name,
          case_id: event.caseId ?? null,
          body,
        });
      }
    }
  }
  const now = Date.now();
  const ids = await repository.insertDeliveries(trx, deliveries, now);
  await enqueueJobs(
    trx,
    ids.map((id, i) => deliveryJob(id, deliveries[i] ?? { webhook_id: 0, case_id: null })),
    now,
  );
}
