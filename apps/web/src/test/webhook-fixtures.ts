import { type Webhook, type WebhookDelivery, webhookEventNameSchema } from '@caseflow/contract';

/** An enabled endpoint hearing every event, as GET /webhooks lists it. */
export const webhookAt = (id: number, url: string, options: Partial<Webhook> = {}): Webhook => ({
  id,
  url,
  description: '',
  events: [...webhookEventNameSchema.options],
  enabled: true,
  disabledReason: null,
  failingSince: null,
  createdAt: '2025-01-01T09:00:00.000Z',
  updatedAt: '2025-01-01T09:00:00.000Z',
  ...options,
});

/** A delivery of `case.created` for case 7, not yet attempted. */
export const deliveryOf = (id: number, options: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  id,
  eventId: `msg_${id}`,
  event: 'case.created',
  caseId: 7,
  status: 'pending',
  attempts: [],
  nextAttemptAt: '2025-01-02T10:00:00.000Z',
  deliveredAt: null,
  createdAt: '2025-01-02T09:59:00.000Z',
  ...options,
});
